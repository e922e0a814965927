/**
 * One stored result of a cached function (or one cached response), with its timing metadata.
 * Stored as JSON on every store, so a value reads back the same from memory and from Redis
 * (dates come back as ISO strings, `undefined` properties are dropped).
 *
 * @example
 * ```ts
 * const entry: CacheEntry = { value: { id: 1 }, cachedAt: Date.now(), resetAt: Date.now() + 60_000, staleUntil: null };
 * ```
 * @publicApi
 */
export interface CacheEntry<TValue = unknown> {
  readonly value: TValue;
  /** When the value was computed (ms since the epoch). */
  readonly cachedAt: number;
  /** When it stops being fresh (ms since the epoch), `null` without a TTL. */
  readonly resetAt: number | null;
  /** Until when a stale value may still be served while it is refreshed, `null` for never. */
  readonly staleUntil: number | null;
}

/**
 * Whether an entry is still fresh at `now` (ms since the epoch): it has no TTL or it has not
 * reached `resetAt`.
 *
 * @internal
 */
export function isFresh(entry: CacheEntry, now: number): boolean {
  return entry.resetAt === null || now < entry.resetAt;
}
