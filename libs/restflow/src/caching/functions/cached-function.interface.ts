import type { CacheMetadata } from '../cache-status';

/**
 * What `getCacheOnly` resolves on a miss.
 *
 * @example
 * ```ts
 * if ((await getUser.getCacheOnly({ userId: 1 })) === CACHE_MISSING) { ... }
 * ```
 * @publicApi
 */
export const CACHE_MISSING: unique symbol = Symbol('restflow:cache-missing');

/**
 * A cached async function and its controls. Every control takes the same arguments as the
 * function, except `deleteByPrefix`, which takes partition values by argument name.
 *
 * @example
 * ```ts
 * const getUser = cacheResult(loadUser, { keyConstructor: UserKey });
 * await getUser({ userId: 1 });                      // MISS, then HIT
 * const [user, meta] = await getUser.getWithMetadata({ userId: 1 });
 * await getUser.refresh({ userId: 1 });              // REFRESH
 * await getUser.deleteByPrefix({ userId: 1 });       // every entry of user 1
 * ```
 * @publicApi
 */
export interface CachedFunction<TArgs extends unknown[], TResult> {
  (...args: TArgs): Promise<TResult>;
  /** The value and how it was obtained (`null` metadata when a predicate refused to cache). */
  getWithMetadata(...args: TArgs): Promise<[TResult, CacheMetadata | null]>;
  /** The cached value (fresh or stale), or {@link CACHE_MISSING}; never runs the function. */
  getCacheOnly(...args: TArgs): Promise<TResult | typeof CACHE_MISSING>;
  /** The metadata of the cached entry (`HIT` or `STALE`), or `null`. */
  getCachedMetadata(...args: TArgs): Promise<CacheMetadata | null>;
  /** Runs the function and overwrites the entry (status `REFRESH`). */
  refresh(...args: TArgs): Promise<TResult>;
  /** Runs the function without reading or writing the cache (status `BYPASS`). */
  bypassCache(...args: TArgs): Promise<TResult>;
  /** Deletes the entry of these arguments; resolves whether it existed. */
  deleteCache(...args: TArgs): Promise<boolean>;
  /**
   * Deletes every entry whose partition starts with these values (by argument name); `{}`
   * deletes every entry of the function. Resolves how many were deleted.
   */
  deleteByPrefix(values?: Readonly<Record<string, unknown>>): Promise<number>;
  /** Deletes every entry of the function (current version). */
  invalidateAll(): Promise<number>;
  /** The key of these arguments (no I/O). */
  getCacheKey(...args: TArgs): string;
  /** The function id used in keys. */
  readonly cacheId: string;
}
