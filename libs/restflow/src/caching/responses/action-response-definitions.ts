import type { CacheResponseOptions } from './cache-response-options.interface';
import { KeyedCache } from '../../core/keyed-cache.util';
import { CachedResponseDefinition } from './cached-response.definition';

/**
 * Definitions of `ActionConfig({ cacheResponse })` actions, by view class and action: one per
 * process, like those of `@CacheResponse()`, however many apps run.
 */
const BY_ACTION = new KeyedCache<object, string, CachedResponseDefinition>();

/**
 * The definition of one action's response cache, created on first use.
 *
 * @internal
 */
export function actionResponseDefinition(
  viewClass: { name: string },
  action: string,
  options: CacheResponseOptions,
): CachedResponseDefinition {
  return BY_ACTION.get(
    viewClass,
    action,
    () => new CachedResponseDefinition(`${viewClass.name}.${action}`, options),
  );
}
