import type * as CacheManager from 'cache-manager';
import type * as KeyvModule from 'keyv';
import { loadOptionalDependency } from '../../core/optional-dependency.util';
import { RestflowConfigError } from '../../exceptions/restflow-config.error';
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
    const keyv = new Keyv({ store: entries, useKeyPrefix: false });
    super(createCache({ stores: [keyv] }), { name: 'memory' }, index);
  }
}
