import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import type { CacheEntry } from './cache-entry.interface';
import { CacheStore } from './cache-store';
import { MemoryCacheStore } from './memory-cache.store';

/**
 * The default store of an app that has not installed the optional peers `cache-manager` and
 * `keyv`: the app boots and serves everything that is not cached, and every cache operation
 * rejects with the {@link RestflowConfigError} that names the missing package (the caching
 * runtime fails open and logs it), so a cached endpoint answers uncached with the fix in the
 * log instead of crashing every app that never caches.
 *
 * @example
 * ```ts
 * const store = defaultCacheStore(); // MemoryCacheStore, or this store when a package is missing
 * ```
 * @internal
 */
export class UnavailableCacheStore extends CacheStore {
  readonly name = 'unavailable';

  constructor(
    /** Why the default store could not be built. */
    readonly reason: RestflowConfigError,
  ) {
    super();
  }

  get(_key: string): Promise<CacheEntry | undefined> {
    return Promise.reject(this.reason);
  }

  set(): Promise<void> {
    return Promise.reject(this.reason);
  }

  delete(_key: string): Promise<boolean> {
    return Promise.reject(this.reason);
  }

  deleteByPrefix(_prefix: string): Promise<number> {
    return Promise.reject(this.reason);
  }
}

/**
 * The app's store when `caching.store` is not set: a {@link MemoryCacheStore}, or, when
 * `cache-manager` or `keyv` is not installed, an {@link UnavailableCacheStore} (with a warning at
 * boot naming the package).
 *
 * @example
 * ```ts
 * { provide: CacheStore, useFactory: () => defaultCacheStore() }
 * ```
 * @internal
 */
export function defaultCacheStore(): CacheStore {
  try {
    return new MemoryCacheStore();
  } catch (error) {
    if (!(error instanceof RestflowConfigError) || !error.message.includes('is not installed')) {
      throw error;
    }
    return new UnavailableCacheStore(error);
  }
}
