import { classListOption, type OptionRule } from '../config/option-rules';
import { isPlainObject } from '../core/is-plain-object.util';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { MemoryThrottleStore } from './memory-throttle.store';
import { parseRate, RATE_EXPECTED } from './throttle-rate.util';
import type { ThrottleStore } from './throttle-store.interface';
import type { ThrottleStoreFailure } from './throttle-store-failure';
import type { ThrottleClass } from './throttle.interface';

/**
 * Rate limits: the default throttles, the rate of each scope, how client addresses are read, and
 * where request histories are kept.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({
 *   throttling: {
 *     defaultThrottleClasses: [AnonRateThrottle, UserRateThrottle],
 *     rates: { anon: '20/min', user: '100/min', uploads: '10/hour' },
 *     numProxies: 1, // one load balancer in front of the app
 *   },
 * });
 * ```
 * @publicApi
 */
export interface ThrottlingOptions {
  /** Throttles of views that set none. @default [] */
  defaultThrottleClasses?: ThrottleClass[];
  /**
   * The rate of each scope (DRF's `DEFAULT_THROTTLE_RATES`): `'<count>/<period>'` with a period
   * of `s`, `sec`, `second`, `m`, `min`, `minute`, `h`, `hour`, `d` or `day` (plurals too), such
   * as `'100/min'`; `null` turns the scope's throttling off. Each rate is checked at boot, and so
   * is every scope a guarded action uses.
   * @default {}
   */
  rates?: Record<string, string | null>;
  /**
   * How many reverse proxies in front of the app append to `X-Forwarded-For`: the client address
   * is then the `numProxies`-th entry from the end of that header (`0`: the socket address).
   * `null` uses the adapter's `request.ip` (the socket address unless the adapter itself trusts
   * proxies) and ignores `X-Forwarded-For`, which clients can forge. This is safer than DRF,
   * whose default uses the whole header.
   * @default null
   */
  numProxies?: number | null;
  /**
   * Where request histories are kept. Use a `RedisThrottleStore` when several app instances serve
   * one API, so that they share each limit.
   * @default a new MemoryThrottleStore for each RestflowModule
   */
  store?: ThrottleStore;
  /**
   * What throttles do when the store fails (Redis down, slow or refusing): `'open'` lets the
   * request through uncounted, `'closed'` answers 503 `service_unavailable`. Either way the
   * first failure of an outage is logged once as a warning, and its end once.
   * @default 'open'
   */
  storeFailure?: ThrottleStoreFailure;
}

const isStore = (value: unknown): value is ThrottleStore =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { hit?: unknown }).hit === 'function';

/** Checks every rate, naming the scope of a wrong one. */
function acceptRates(value: unknown): Readonly<Record<string, string | null>> | undefined {
  if (!isPlainObject(value)) {
    return undefined;
  }
  for (const [scope, rate] of Object.entries(value)) {
    if (scope === '') {
      return undefined;
    }
    if (rate !== null && parseRate(rate) === undefined) {
      const option = `throttling.rates.${scope}`;
      throw new RestflowConfigError(
        option,
        `Invalid RestflowModule option "${option}": expected ${RATE_EXPECTED}, or null, got ` +
          `${describeRate(rate)}. ` +
          `Fix: write the rate as "<count>/<period>", e.g. { ${scope}: "100/min" }, or null to turn the scope off.`,
      );
    }
  }
  return Object.freeze({ ...(value as Record<string, string | null>) });
}

function describeRate(rate: unknown): string {
  if (typeof rate === 'function') {
    return 'a function';
  }
  if (typeof rate === 'string' || typeof rate === 'object') {
    return JSON.stringify(rate);
  }
  return typeof rate === 'symbol' ? rate.toString() : `${rate as number | boolean | bigint}`;
}

/**
 * Rules of the `throttling` section.
 *
 * @example
 * ```ts
 * THROTTLING_OPTION_RULES.numProxies.accept(2); // 2
 * THROTTLING_OPTION_RULES.numProxies.accept(-1); // undefined: a boot error
 * ```
 * @internal
 */
export const THROTTLING_OPTION_RULES = {
  defaultThrottleClasses: classListOption<ThrottleClass>({
    expected: 'a list of throttle classes such as [AnonRateThrottle]',
    fix: 'list the classes themselves, e.g. [AnonRateThrottle, UserRateThrottle].',
  }),
  rates: {
    default: Object.freeze<Record<string, string | null>>({}),
    expected: 'an object of scope names to rates, such as { anon: "20/min", user: "100/min" }',
    fix: 'map each scope (a non-empty name) to a rate "<count>/<period>", e.g. { anon: "20/min" }.',
    accept: acceptRates,
  } satisfies OptionRule<Readonly<Record<string, string | null>>>,
  numProxies: {
    default: null,
    expected: 'null or a whole number of proxies from 0 to 100',
    fix: 'use the number of reverse proxies in front of the app (e.g. 1), or null to ignore X-Forwarded-For.',
    accept: (value) =>
      value === null ||
      (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100)
        ? value
        : undefined,
  } satisfies OptionRule<number | null>,
  store: {
    // A getter: every resolution (one per RestflowModule) gets its own memory store.
    get default(): ThrottleStore {
      return new MemoryThrottleStore();
    },
    expected: 'a throttle store such as new RedisThrottleStore(client)',
    fix: 'pass an instance with a hit(key, limit, durationMs) method, e.g. new RedisThrottleStore(client), or leave it out for the in-memory store.',
    accept: (value) => (isStore(value) ? value : undefined),
  } satisfies OptionRule<ThrottleStore>,
  storeFailure: {
    default: 'open',
    expected: '"open" or "closed"',
    fix: 'use "open" to let requests through while the store is down, or "closed" to answer 503.',
    accept: (value) => (value === 'open' || value === 'closed' ? value : undefined),
  } satisfies OptionRule<ThrottleStoreFailure>,
};
