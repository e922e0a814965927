import { integerOption, type OptionRule } from '../config/option-rules';
import { CacheStore } from './stores/cache-store';
import type { DispatcherClass } from './dispatchers/dispatcher';
import { BullMqInvalidationQueue } from './dispatchers/bullmq-invalidation.queue';

/**
 * Caching settings: where entries live, the default TTL, the response cache's headers, and the
 * invalidation dispatchers an app registers.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({
 *   caching: {
 *     store: new RedisCacheStore({ url: process.env.REDIS_URL }),
 *     defaultTtl: 600,
 *     statusHeaders: true,
 *   },
 * });
 * ```
 * @publicApi
 */
export interface CachingOptions {
  /**
   * Where entries live. Use a `RedisCacheStore` when several app instances serve one API; hand
   * in an app's own cache-manager cache with `new KeyvCacheStore(cache)`. The module closes the
   * store at shutdown.
   * @default a new MemoryCacheStore (10000 entries, LRU) for each RestflowModule
   */
  store?: CacheStore | null;
  /** TTL in seconds of cached functions and responses that set none. @default 300 */
  defaultTtl?: number;
  /**
   * Add `X-Cache-Status`, `X-Cached-At` and `X-Cache-Reset-At` to cached responses (each
   * `@CacheResponse` may override it).
   * @default false
   */
  statusHeaders?: boolean;
  /** Longest wait at boot for the store to connect, in milliseconds. @default 2000 */
  readyTimeoutMs?: number;
  /**
   * Invalidation dispatchers by name, besides the built-in `inline` and `background` (and
   * `bullmq` once configured); rules name them in `dispatcher`.
   * @default {}
   */
  dispatchers?: Readonly<Record<string, DispatcherClass>>;
  /**
   * The queue of the `bullmq` dispatcher (and its worker, unless `worker: false`). The module
   * starts it at boot and closes it at shutdown.
   * @default null (rules with `dispatcher: 'bullmq'` are refused at boot)
   */
  bullmq?: BullMqInvalidationQueue | null;
}

/**
 * Rules of the `caching` section.
 *
 * @example
 * ```ts
 * CACHING_OPTION_RULES.defaultTtl.accept(60); // 60
 * ```
 * @internal
 */
export const CACHING_OPTION_RULES = {
  store: {
    default: null,
    expected: 'a CacheStore such as new RedisCacheStore({ url }), or null for the default',
    fix: 'pass an instance of MemoryCacheStore, RedisCacheStore or KeyvCacheStore.',
    accept: (value: unknown) => (value === null || value instanceof CacheStore ? value : undefined),
  } satisfies OptionRule<CacheStore | null>,
  defaultTtl: integerOption({
    default: 300,
    min: 1,
    max: 365 * 24 * 3600,
    expected: 'a whole number of seconds from 1 to 31536000',
    fix: 'e.g. 300 for five minutes.',
  }),
  statusHeaders: {
    default: false,
    expected: 'true or false',
    fix: 'use a boolean.',
    accept: (value: unknown) => (typeof value === 'boolean' ? value : undefined),
  } satisfies OptionRule<boolean>,
  readyTimeoutMs: integerOption({
    default: 2000,
    min: 0,
    max: 60_000,
    expected: 'an integer number of milliseconds from 0 to 60000',
    fix: 'e.g. 2000.',
  }),
  dispatchers: {
    default: Object.freeze({}),
    expected: 'an object of names to Dispatcher classes',
    fix: 'map each name to a class that extends Dispatcher, e.g. { sqs: SqsDispatcher }.',
    accept: (value: unknown) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
      const entries = Object.entries(value as Record<string, unknown>);
      return entries.every(([name, cls]) => name !== '' && typeof cls === 'function')
        ? Object.freeze({ ...(value as Record<string, DispatcherClass>) })
        : undefined;
    },
  } satisfies OptionRule<Readonly<Record<string, DispatcherClass>>>,
  bullmq: {
    default: null,
    expected: 'a BullMqInvalidationQueue, or null',
    fix: 'pass new BullMqInvalidationQueue({ url: process.env.REDIS_URL }).',
    accept: (value: unknown) =>
      value === null || value instanceof BullMqInvalidationQueue ? value : undefined,
  } satisfies OptionRule<BullMqInvalidationQueue | null>,
};
