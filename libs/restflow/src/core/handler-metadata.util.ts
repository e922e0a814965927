/**
 * The metadata under `key` on the `action` handler of every class of `view`'s chain, base class
 * first, so that an override's decorator is applied after (wins over) its base's. Descriptors are
 * read, not `view[action]`, so no getter runs.
 *
 * @example
 * ```ts
 * const layers = handlerMetadata<ActionConfigOptions>(view, 'list', ACTION_CONFIG_METADATA);
 * const merged = Object.assign({}, ...layers);
 * ```
 * @internal
 */
export function handlerMetadata<T>(view: object, action: string, key: unknown): T[] {
  const layers: T[] = [];
  for (
    let prototype = Object.getPrototypeOf(view) as object | null;
    prototype && prototype !== Object.prototype;
    prototype = Object.getPrototypeOf(prototype) as object | null
  ) {
    const handler = Object.getOwnPropertyDescriptor(prototype, action)?.value as unknown;
    if (typeof handler !== 'function') continue;
    const own = Reflect.getOwnMetadata(key, handler) as T | undefined;
    if (own) layers.unshift(own);
  }
  return layers;
}
