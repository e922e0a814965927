/**
 * An empty object without a prototype, for maps keyed by client input (query parameter names,
 * body keys, error details). On a plain `{}`, assigning to `__proto__` replaces the object's
 * prototype instead of adding a key, and `constructor` or `hasOwnProperty` read as present
 * before anything is written; on this object every key is an ordinary own property.
 *
 * @example
 * ```ts
 * const errors = clientKeyedRecord<string[]>();
 * errors['__proto__'] = ['Unknown filter parameter.'];
 * Object.keys(errors); // ['__proto__']
 * ```
 * @internal
 */
export function clientKeyedRecord<TValue>(): Record<string, TValue> {
  return Object.create(null) as Record<string, TValue>;
}
