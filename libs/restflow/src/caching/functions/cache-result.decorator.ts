import { CACHED_METHODS } from './cached-methods.constants';
import type { CacheResultOptions } from './cache-result-options.interface';
import { CachedFunctionDefinition } from './cached-function.definition';
import { bindCachedFunction } from './bind-cached-function.util';

/**
 * Caches an async method of a Nest provider, with the controls of `cacheResult()` on
 * `this.method` (`this.getUser.refresh(...)`, `this.getUser.deleteByPrefix(...)`). The instance
 * uses the store of the app that created it, so two apps in one process stay apart. The id in
 * keys is `Class.method`. For route handlers use `@CacheResponse()`.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class ReviewsService {
 *   @CacheResult({ keyConstructor: MyReviewsKey, argNames: ['userId'], ttl: 120 })
 *   async myReviews(userId: number) { ... }
 * }
 * ```
 * @publicApi
 */
export function CacheResult(options: CacheResultOptions = {}): MethodDecorator {
  return (target, property, descriptor) => {
    const method = descriptor.value as unknown;
    if (typeof method !== 'function') {
      throw new TypeError(`@CacheResult() goes on a method; ${String(property)} is not one.`);
    }
    const owner = (target as { constructor: { name: string } }).constructor;
    const definition = new CachedFunctionDefinition(
      options.id ?? `${owner.name}.${String(property)}`,
      method as (...args: unknown[]) => Promise<unknown>,
      options,
    );
    const bound = new WeakMap<object, unknown>();
    const list = (Reflect.getOwnMetadata(CACHED_METHODS, target) ??
      []) as CachedFunctionDefinition[];
    Reflect.defineMetadata(CACHED_METHODS, [...list, definition], target);
    return {
      configurable: true,
      enumerable: false,
      get(this: object) {
        let cached = bound.get(this);
        if (!cached) {
          cached = bindCachedFunction(definition, this);
          bound.set(this, cached);
        }
        return cached;
      },
    } as typeof descriptor;
  };
}
