/**
 * True for `{}` literals and `Object.create(null)` objects: the JavaScript counterpart of a
 * Python `dict` decoded from JSON. Class instances, arrays, dates and maps are not plain.
 *
 * @example
 * ```ts
 * isPlainObject({ a: 1 }); // true
 * isPlainObject(new Date()); // false
 * ```
 * @internal
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  // Query-string parsers (fast-querystring, used by Fastify's form parser) build objects on a
  // prototype-less empty prototype: plain data too.
  return (
    prototype === Object.prototype ||
    prototype === null ||
    (Object.getPrototypeOf(prototype) === null && !Object.hasOwn(prototype, 'constructor'))
  );
}
