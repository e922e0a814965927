import type * as KeyvRedisModule from '@keyv/redis';
import type { createClient } from '@keyv/redis';
import type * as CacheManager from 'cache-manager';
import type * as KeyvModule from 'keyv';
import { loadOptionalDependency } from '../../core/optional-dependency.util';
import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import { KeyvCacheStore } from './keyv-cache.store';
import { RedisPrefixIndex } from './redis-prefix.index';

/**
 * Options of {@link RedisCacheStore}.
 *
 * @example
 * ```ts
 * new RedisCacheStore({ url: process.env.REDIS_URL, namespace: 'shop:cache' });
 * ```
 * @publicApi
 */
export interface RedisCacheStoreOptions {
  /**
   * Redis URL; the store opens (and closes) its own node-redis client, which fails commands at
   * once while disconnected instead of queueing them, and reconnects in the background.
   * Exactly one of `url` and `client`.
   */
  url?: string;
  /** A node-redis v5 client the app owns (connected or connecting); the store never closes it. */
  client?: ReturnType<typeof createClient>;
  /** Prefix of every Redis key the store writes. @default 'restflow:cache' */
  namespace?: string;
  /** Longest wait for one Redis operation, in milliseconds. @default 500 */
  commandTimeoutMs?: number;
}

/**
 * The store for deployments with more than one app instance: a cache-manager `Cache` over
 * `@keyv/redis`, and a prefix index of Redis sets, so that `deleteByPrefix` on one instance
 * deletes for all, in time proportional to the entries removed (no `KEYS`, no `SCAN`). Needs
 * Redis 5 or later, a single node or a primary (the index scripts touch several keys).
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({ caching: { store: new RedisCacheStore({ url: 'redis://127.0.0.1:6379' }) } });
 * ```
 * @publicApi
 */
export class RedisCacheStore extends KeyvCacheStore {
  private readonly ownsClient: boolean;
  private readonly client: ReturnType<typeof createClient>;

  constructor(options: RedisCacheStoreOptions) {
    if ((options.url === undefined) === (options.client === undefined)) {
      throw new RestflowConfigError(
        'caching.store',
        'RedisCacheStore needs exactly one of "url" and "client". Fix: new RedisCacheStore({ url: "redis://127.0.0.1:6379" }).',
      );
    }
    const namespace = options.namespace ?? 'restflow:cache';
    if (namespace === '' || /[*?[\]\s]/.test(namespace)) {
      throw new RestflowConfigError(
        'caching.store',
        `Invalid RedisCacheStore option "namespace": expected a non-empty name without spaces or ` +
          `glob characters, got ${JSON.stringify(namespace)}. Fix: e.g. "shop:cache".`,
      );
    }
    const timeoutMs = options.commandTimeoutMs ?? 500;
    const feature = 'RedisCacheStore (caching)';
    const { default: KeyvRedis, createClient } = loadOptionalDependency<typeof KeyvRedisModule>(
      '@keyv/redis',
      feature,
      'caching.store',
    );
    const { createCache } = loadOptionalDependency<typeof CacheManager>(
      'cache-manager',
      feature,
      'caching.store',
    );
    const { Keyv } = loadOptionalDependency<typeof KeyvModule>('keyv', feature, 'caching.store');
    const client =
      options.client ??
      createClient({
        url: options.url,
        // Fail fast while disconnected: a cache miss beats a request waiting for Redis.
        disableOfflineQueue: true,
        socket: {
          connectTimeout: Math.max(timeoutMs, 1000),
          reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000),
        },
      });
    client.on('error', () => undefined);
    if (!client.isOpen) {
      // Connects in the background; until then every operation fails fast and callers miss.
      client.connect().catch(() => undefined);
    }
    const adapter = new KeyvRedis(client, { namespace, throwOnErrors: true });
    // Keyv hands its namespace to the adapter, which prefixes every key with it.
    const keyv = new Keyv({ store: adapter, useKeyPrefix: false, namespace });
    const separator = adapter.keyPrefixSeparator;
    const index = new RedisPrefixIndex(
      () => client,
      `${namespace}${separator}idx${separator}`,
      `${namespace}${separator}`,
    );
    super(createCache({ stores: [keyv] }), { name: 'redis', commandTimeoutMs: timeoutMs }, index);
    this.client = client;
    this.ownsClient = options.client === undefined;
  }

  override async ready(timeoutMs: number): Promise<void> {
    if (this.client.isReady) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      timer.unref();
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.client.once('ready', done);
    });
  }

  override async close(): Promise<void> {
    if (this.ownsClient && this.client.isOpen) {
      this.client.destroy();
    }
    return Promise.resolve();
  }
}
