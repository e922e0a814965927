import type { CacheResponseOptions } from './cache-response-options.interface';
import { CachedResponseDefinition } from './cached-response.definition';

/**
 * Definitions of `ActionConfig({ cacheResponse })` actions, by view class and action: one per
 * process, like those of `@CacheResponse()`, however many apps run.
 */
const BY_ACTION = new WeakMap<object, Map<string, CachedResponseDefinition>>();

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
  let byAction = BY_ACTION.get(viewClass);
  if (!byAction) {
    byAction = new Map();
    BY_ACTION.set(viewClass, byAction);
  }
  let definition = byAction.get(action);
  if (!definition) {
    definition = new CachedResponseDefinition(`${viewClass.name}.${action}`, options);
    byAction.set(action, definition);
  }
  return definition;
}
