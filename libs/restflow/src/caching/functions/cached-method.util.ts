import type { CachedFunction } from './cached-function.interface';

/** Names of the async methods of `TInstance`. @publicApi */
export type AsyncMethodName<TInstance> = {
  [TKey in keyof TInstance]: TInstance[TKey] extends (...args: never[]) => Promise<unknown>
    ? TKey
    : never;
}[keyof TInstance];

/**
 * The controls of a `@CacheResult()` method of an instance, typed (TypeScript sees the method
 * as declared): `cachedMethod(this, 'report').refresh(2026, 'eu')`.
 *
 * @throws {TypeError} when the method is not decorated with `@CacheResult()`.
 * @example
 * ```ts
 * await cachedMethod(this.reviews, 'myReviews').deleteByPrefix({ userId });
 * ```
 * @publicApi
 */
export function cachedMethod<TInstance extends object, TName extends AsyncMethodName<TInstance>>(
  instance: TInstance,
  name: TName,
): TInstance[TName] extends (...args: infer TArgs) => Promise<infer TResult>
  ? CachedFunction<TArgs, TResult>
  : never {
  const controls = instance[name] as Partial<CachedFunction<unknown[], unknown>>;
  if (typeof controls?.refresh !== 'function' || typeof controls.cacheId !== 'string') {
    throw new TypeError(
      `cachedMethod(): ${String(name)} is not a method decorated with @CacheResult().`,
    );
  }
  return controls as never;
}
