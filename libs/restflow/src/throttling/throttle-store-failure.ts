import { Logger } from '@nestjs/common';
import { ServiceUnavailable } from '../exceptions/standard.exceptions';
import type { ThrottleStore } from './throttle-store.interface';

/**
 * What a throttle does when its store fails (throws, rejects or times out): `'open'` lets the
 * request through uncounted, `'closed'` answers 503 `service_unavailable`.
 *
 * @example
 * ```ts
 * const policy: ThrottleStoreFailure = 'closed'; // a login endpoint that must never go unlimited
 * ```
 * @publicApi
 */
export type ThrottleStoreFailure = 'open' | 'closed';

const logger = new Logger('ThrottleStore');

/** Stores in an outage: each outage is logged once, when it starts, and once when it ends. */
const failing = new WeakSet<ThrottleStore>();

/**
 * Applies the `throttling.storeFailure` policy to a failed `store.hit()`: logs the first failure
 * of an outage as a warning, then returns (`'open'`: the request goes on unthrottled) or throws
 * a 503 {@link ServiceUnavailable} (`'closed'`).
 *
 * @internal
 */
export function onThrottleStoreFailure(
  store: ThrottleStore,
  error: unknown,
  policy: ThrottleStoreFailure,
): void {
  if (!failing.has(store)) {
    failing.add(store);
    const consequence =
      policy === 'open'
        ? 'requests pass unthrottled until it answers again (throttling.storeFailure: "open")'
        : 'throttled requests answer 503 until it answers again (throttling.storeFailure: "closed")';
    logger.warn(`${store.constructor.name} failed: ${describe(error)}; ${consequence}.`);
  }
  if (policy === 'closed') {
    throw new ServiceUnavailable({
      message: 'The rate limit store is not available.',
      cause: error,
    });
  }
}

/**
 * Records a successful `store.hit()`: ends the store's outage, if any, with one log line.
 *
 * @internal
 */
export function onThrottleStoreSuccess(store: ThrottleStore): void {
  if (failing.delete(store)) {
    logger.log(`${store.constructor.name} answers again; throttling counts requests again.`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
