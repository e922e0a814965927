/**
 * How a value was obtained: `HIT` (fresh from the cache), `MISS` (computed and cached), `STALE`
 * (served from the cache past its TTL while one background refresh runs), `BYPASS` (computed,
 * cache neither read nor written), `REFRESH` (recomputed and written over the entry).
 *
 * @example
 * ```ts
 * const [, meta] = await getUser.getWithMetadata({ userId: 1 });
 * if (meta?.cacheStatus === CacheStatus.HIT) { ... }
 * ```
 * @publicApi
 */
export const CacheStatus = {
  HIT: 'HIT',
  MISS: 'MISS',
  STALE: 'STALE',
  BYPASS: 'BYPASS',
  REFRESH: 'REFRESH',
} as const;

/** One of the {@link CacheStatus} values. @publicApi */
export type CacheStatus = (typeof CacheStatus)[keyof typeof CacheStatus];

/**
 * What `getWithMetadata` reports with a value.
 *
 * @example
 * ```ts
 * // { cachedAt: '2026-12-07T16:00:00.000Z', cacheResetAt: '2026-12-07T16:05:00.000Z', cacheStatus: 'HIT' }
 * ```
 * @publicApi
 */
export interface CacheMetadata {
  /** When the value was computed (ISO 8601). */
  cachedAt: string;
  /** When it stops being fresh (ISO 8601), `null` without a TTL. */
  cacheResetAt: string | null;
  cacheStatus: CacheStatus;
}
