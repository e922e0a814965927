import type { Provider } from '@nestjs/common';
import { getRestflowOptionsToken } from '../../config/options.providers';
import type { ResolvedRestflowOptions } from '../../config/restflow-options.interface';
import { CacheStore } from '../stores/cache-store';
import { defaultCacheStore } from '../stores/unavailable-cache.store';
import { CacheRuntime } from './cache-runtime';

/**
 * The app's `CacheStore` (the configured one, or `defaultCacheStore()`) and its
 * `CacheRuntime`.
 *
 * @internal
 */
export const cachingProviders: Provider[] = [
  {
    provide: CacheStore,
    inject: [getRestflowOptionsToken('caching')],
    useFactory: (caching: ResolvedRestflowOptions['caching']) =>
      caching.store ?? defaultCacheStore(),
  },
  {
    provide: CacheRuntime,
    inject: [CacheStore, getRestflowOptionsToken('caching')],
    useFactory: (store: CacheStore, caching: ResolvedRestflowOptions['caching']) =>
      new CacheRuntime(store, caching.defaultTtl),
  },
];
