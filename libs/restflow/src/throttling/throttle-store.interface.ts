/**
 * What a {@link ThrottleStore} answers for one request: whether it was counted, and the state of
 * the key's window afterwards. Times are milliseconds on the store's own clock, so that app
 * instances with slightly different clocks still agree when they share a store.
 *
 * @example
 * ```ts
 * const hit: ThrottleHit = { allowed: true, hits: 3, oldestAt: 1_700_000_000_000, now: 1_700_000_004_000 };
 * ```
 * @publicApi
 */
export interface ThrottleHit {
  /** Whether the request was counted (fewer than `limit` hits were in the window). */
  readonly allowed: boolean;
  /** Hits in the window, including this one when it was counted. */
  readonly hits: number;
  /** Time of the oldest hit still in the window (`null`: the window is empty). */
  readonly oldestAt: number | null;
  /** The store's current time. */
  readonly now: number;
}

/**
 * Where throttles keep their request histories: a sliding-window log per key (DRF's algorithm).
 * `hit()` is the one operation and it must be atomic: drop the key's hits older than
 * `durationMs`, then count this request only if fewer than `limit` hits remain, and report the
 * window. Two app instances that must share one limit share one store (see `RedisThrottleStore`);
 * the default is a `MemoryThrottleStore` per `RestflowModule`.
 *
 * A store that throws or rejects never fails the request with a 500: `throttling.storeFailure`
 * decides. `'open'` (the default) lets the request through uncounted, `'closed'` answers 503
 * `service_unavailable`; the first failure of an outage is logged once as a warning. Bound every
 * wait of your store (as `RedisThrottleStore`'s `commandTimeoutMs` does) and reject when it
 * runs out: a `hit()` that never settles holds the request.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({
 *   throttling: { store: new RedisThrottleStore(redisClient), rates: { anon: '20/min' } },
 * });
 * ```
 * @publicApi
 */
export interface ThrottleStore {
  /**
   * Counts a hit for `key` if fewer than `limit` hits happened in the last `durationMs`, else
   * refuses it; atomically.
   */
  hit(key: string, limit: number, durationMs: number): Promise<ThrottleHit>;
}
