import type { Cache } from 'cache-manager';
import type { Keyv } from 'keyv';
import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import type { CacheEntry } from './cache-entry.interface';
import { CacheStore } from './cache-store';
import { MemoryPrefixIndex } from './memory-prefix.index';
import type { PrefixIndex } from './prefix-index';
import { withTimeout } from './with-timeout.util';

/**
 * Options of {@link KeyvCacheStore}.
 *
 * @example
 * ```ts
 * new KeyvCacheStore(cache, { commandTimeoutMs: 250 });
 * ```
 * @publicApi
 */
export interface KeyvCacheStoreOptions {
  /** Longest wait for one store operation, in milliseconds. @default 500 */
  commandTimeoutMs?: number;
  /** Name in logs. @default 'keyv' */
  name?: string;
}

/**
 * A {@link CacheStore} over a cache-manager 7 `Cache` with one Keyv store: entries are written
 * and deleted through the `Cache`, and read through its Keyv store (cache-manager's own `get`
 * turns a failing store into a miss without telling, and a store outage must be seen to be
 * logged). The prefix index is kept in this process, which is right only for a store that lives
 * in this process; use {@link RedisCacheStore} for Redis.
 *
 * Hand in the cache an app already configures for `@nestjs/cache-manager`:
 *
 * @example
 * ```ts
 * RestflowModule.forRootAsync({
 *   inject: [CACHE_MANAGER],
 *   useFactory: (cache: Cache) => ({ caching: { store: new KeyvCacheStore(cache) } }),
 * });
 * ```
 * @publicApi
 */
export class KeyvCacheStore extends CacheStore {
  readonly name: string;
  protected readonly keyv: Keyv;
  protected readonly timeoutMs: number;

  constructor(
    protected readonly cache: Cache,
    options: KeyvCacheStoreOptions = {},
    protected readonly index: PrefixIndex = new MemoryPrefixIndex(),
  ) {
    super();
    this.name = options.name ?? 'keyv';
    this.timeoutMs = options.commandTimeoutMs ?? 500;
    if (!Number.isInteger(this.timeoutMs) || this.timeoutMs < 1 || this.timeoutMs > 60_000) {
      throw new RestflowConfigError(
        'caching.store',
        `Invalid cache store option "commandTimeoutMs": expected an integer from 1 to 60000, got ` +
          `${String(options.commandTimeoutMs)}. Fix: e.g. 500.`,
      );
    }
    const stores = (cache as Partial<Cache> | undefined)?.stores;
    if (!Array.isArray(stores) || stores.length !== 1) {
      throw new RestflowConfigError(
        'caching.store',
        `A cache store needs a cache-manager 7 Cache with exactly one Keyv store, got ` +
          `${Array.isArray(stores) ? `${stores.length} stores` : 'something else'}. Fix: pass ` +
          `createCache({ stores: [keyv] }); layered caches cannot be invalidated by prefix ` +
          `consistently.`,
      );
    }
    this.keyv = stores[0] as Keyv;
    // Errors are seen through the rejections below; this only keeps Keyv from re-emitting them
    // as unhandled 'error' events.
    this.keyv.on('error', () => undefined);
    this.keyv.throwOnErrors = true;
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    const raw = await withTimeout(this.keyv.get<string>(key), this.timeoutMs, this.name, 'get');
    return typeof raw === 'string' ? (JSON.parse(raw) as CacheEntry) : undefined;
  }

  async set(
    key: string,
    entry: CacheEntry,
    ttlMs: number | undefined,
    prefixes: readonly string[],
  ): Promise<void> {
    await withTimeout(
      this.cache.set(key, JSON.stringify(entry), ttlMs),
      this.timeoutMs,
      this.name,
      'set',
    );
    // After the entry: the index then always lists every live entry.
    await withTimeout(this.index.add(key, prefixes, ttlMs), this.timeoutMs, this.name, 'index');
  }

  async delete(key: string): Promise<boolean> {
    return withTimeout(this.keyv.delete(key), this.timeoutMs, this.name, 'delete');
  }

  deleteByPrefix(prefix: string): Promise<number> {
    return withTimeout(
      this.index.take(prefix, (keys) => this.deleteMany(keys)),
      this.timeoutMs * 4,
      this.name,
      'deleteByPrefix',
    );
  }

  /** Deletes `keys` through the cache; resolves how many there were (as far as known). */
  protected async deleteMany(keys: string[]): Promise<number> {
    await this.cache.mdel(keys);
    return keys.length;
  }

  override async close(): Promise<void> {
    await this.cache.disconnect();
  }
}
