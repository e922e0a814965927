import type { ThrottleHit } from './throttle-store.interface';
import type { ThrottleDecision } from './throttle.interface';

/**
 * A parsed rate: at most `limit` requests in any `durationMs` window.
 *
 * @example
 * ```ts
 * const rate: ThrottleRate = parseRate('100/min'); // { limit: 100, durationMs: 60_000 }
 * ```
 * @publicApi
 */
export interface ThrottleRate {
  /** Requests allowed per window (at least 1). */
  readonly limit: number;
  /** The window, in milliseconds. */
  readonly durationMs: number;
}

const PERIOD_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * `<count>/<period>`: a positive whole count and one of the period words DRF understands (only
 * their first letter matters there; here the whole word must be one of these, so that `10/x` or
 * `10/month` fail at boot instead of meaning something surprising).
 */
const RATE_PATTERN =
  /^([1-9]\d{0,8})\/(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days)$/i;

/**
 * What a valid rate looks like, for error messages.
 *
 * @example
 * ```ts
 * `expected ${RATE_EXPECTED}, got "10/x"`;
 * ```
 * @internal
 */
export const RATE_EXPECTED =
  'a rate "<count>/<period>" with a count from 1 to 999999999 and a period of s, sec, second, m, min, minute, h, hour, d or day (e.g. "100/min")';

/**
 * Parses a rate such as `'100/min'`, `'5/second'` or `'1000/day'` (DRF's rate syntax: the period
 * is a second, a minute, an hour or a day; plural forms are accepted too). Returns `undefined`
 * for anything else, including a zero or negative count.
 *
 * @example
 * ```ts
 * parseRate('20/m'); // { limit: 20, durationMs: 60_000 }
 * parseRate('10/x'); // undefined
 * ```
 * @publicApi
 */
export function parseRate(rate: unknown): ThrottleRate | undefined {
  if (typeof rate !== 'string') {
    return undefined;
  }
  const match = RATE_PATTERN.exec(rate);
  if (!match) {
    return undefined;
  }
  const [, count = '', period = ''] = match;
  const unit = period[0]?.toLowerCase() as keyof typeof PERIOD_MS;
  return Object.freeze({ limit: Number(count), durationMs: PERIOD_MS[unit] });
}

/**
 * DRF's `SimpleRateThrottle.wait()`, in seconds (not rounded): the time left until the oldest
 * counted hit leaves the window, spread over the requests that will then be available,
 * `(duration - (now - oldest)) / (limit - hits + 1)`; `null` when no request will be available.
 *
 * @example
 * ```ts
 * throttleWait({ limit: 3, durationMs: 60_000 }, { allowed: false, hits: 3, oldestAt: 0, now: 15_000 });
 * // 45
 * ```
 * @internal
 */
export function throttleWait(rate: ThrottleRate, hit: ThrottleHit): number | null {
  const remainingMs =
    hit.oldestAt === null ? rate.durationMs : rate.durationMs - (hit.now - hit.oldestAt);
  const available = rate.limit - hit.hits + 1;
  if (available <= 0) {
    return null;
  }
  return Math.max(0, remainingMs) / 1000 / available;
}

/**
 * The decision of one throttle from what the store answered: `resetSeconds` is the time until the
 * oldest counted hit leaves the window (one more request becomes possible), rounded up.
 *
 * @example
 * ```ts
 * throttleDecision({ limit: 10, durationMs: 60_000 }, { allowed: true, hits: 4, oldestAt: 0, now: 20_000 });
 * // { allowed: true, limit: 10, remaining: 6, resetSeconds: 40, waitSeconds: null }
 * ```
 * @internal
 */
export function throttleDecision(rate: ThrottleRate, hit: ThrottleHit): ThrottleDecision {
  const resetMs =
    hit.oldestAt === null ? rate.durationMs : rate.durationMs - (hit.now - hit.oldestAt);
  const wait = hit.allowed ? null : throttleWait(rate, hit);
  return {
    allowed: hit.allowed,
    limit: rate.limit,
    remaining: Math.max(0, rate.limit - hit.hits),
    resetSeconds: Math.max(0, Math.ceil(resetMs / 1000)),
    waitSeconds: wait === null ? null : Math.ceil(wait),
  };
}
