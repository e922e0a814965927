import type * as CacheManager from 'cache-manager';
import type * as KeyvModule from 'keyv';
import { loadOptionalDependency } from '../../core/optional-dependency.util';
import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import type { CacheEntry } from './cache-entry.interface';
import { KeyvCacheStore } from './keyv-cache.store';
import { LruMap } from './lru-map';
import { MemoryPrefixIndex } from './memory-prefix.index';

/**
 * Options of {@link MemoryCacheStore}.
 *
 * @example
 * ```ts
 * new MemoryCacheStore({ maxEntries: 50_000 });
 * ```
 * @publicApi
 */
export interface MemoryCacheStoreOptions {
  /** Most entries kept; past it the least recently used entry is evicted. @default 10000 */
  maxEntries?: number;
}

/**
 * The default store: a cache-manager `Cache` over a Keyv store in this process's memory, bounded
 * to `maxEntries` with least-recently-used eviction. Right for one app instance; several
 * instances need {@link RedisCacheStore}, or their caches drift apart.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({ caching: { store: new MemoryCacheStore({ maxEntries: 50_000 }) } });
 * ```
 * @publicApi
 */
export class MemoryCacheStore extends KeyvCacheStore {
  private readonly entries: LruMap<unknown>;

  constructor(options: MemoryCacheStoreOptions = {}) {
    const maxEntries = options.maxEntries ?? 10_000;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RestflowConfigError(
        'caching.store',
        `Invalid MemoryCacheStore option "maxEntries": expected a positive integer, got ` +
          `${String(options.maxEntries)}. Fix: e.g. new MemoryCacheStore({ maxEntries: 10000 }).`,
      );
    }
    const index = new MemoryPrefixIndex();
    const entries = new LruMap<unknown>(maxEntries, (key) => index.forget(key));
    const feature = 'MemoryCacheStore (caching)';
    const { createCache } = loadOptionalDependency<typeof CacheManager>(
      'cache-manager',
      feature,
      'caching.store',
    );
    const { Keyv } = loadOptionalDependency<typeof KeyvModule>('keyv', feature, 'caching.store');
    // No serialization by Keyv: the store already keeps each entry as its JSON text, and Keyv
    // keeps `{ value, expires }` objects in the map as they are.
    const keyv = new Keyv({
      store: entries,
      useKeyPrefix: false,
      serialize: undefined,
      deserialize: undefined,
    });
    super(createCache({ stores: [keyv] }), { name: 'memory' }, index);
    this.entries = entries;
  }

  /**
   * Reads the map directly (the hit path of every cached call and response): no timeout, since
   * an entry in this process's memory cannot hang, and none of Keyv's per-read hooks. An expired
   * entry is deleted and missed, as Keyv would.
   */
  override get(key: string): Promise<CacheEntry | undefined> {
    const stored = this.entries.get(key) as KeyvStored | undefined;
    if (stored === undefined) return Promise.resolve(undefined);
    if (typeof stored.expires === 'number' && Date.now() > stored.expires) {
      this.entries.delete(key);
      return Promise.resolve(undefined);
    }
    return Promise.resolve(
      typeof stored.value === 'string' ? (JSON.parse(stored.value) as CacheEntry) : undefined,
    );
  }
}

/** What Keyv 5 keeps per key in a `Map` store when it does not serialize. */
interface KeyvStored {
  value: unknown;
  expires?: number | null;
}
