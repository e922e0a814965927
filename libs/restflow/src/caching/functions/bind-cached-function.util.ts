import type { CachedFunctionDefinition } from './cached-function.definition';
import type { CachedFunction } from './cached-function.interface';

/**
 * The callable of a definition with its controls, calls made on `self`.
 *
 * @internal
 */
export function bindCachedFunction<TArgs extends unknown[], TResult>(
  definition: CachedFunctionDefinition,
  self: unknown,
): CachedFunction<TArgs, TResult> {
  const cached = async (...args: TArgs) => (await definition.call(self, args))[0] as TResult;
  const controls = Object.assign(cached, {
    getWithMetadata: (...args: TArgs) =>
      definition.call(self, args) as Promise<[TResult, ReturnType<typeof Object>]>,
    getCacheOnly: (...args: TArgs) => definition.getCacheOnly(self, args),
    getCachedMetadata: (...args: TArgs) => definition.getCachedMetadata(self, args),
    refresh: async (...args: TArgs) => (await definition.call(self, args, 'refresh'))[0],
    bypassCache: async (...args: TArgs) => (await definition.call(self, args, 'bypass'))[0],
    deleteCache: (...args: TArgs) => definition.deleteCache(self, args),
    deleteByPrefix: (values?: Readonly<Record<string, unknown>>) =>
      definition.deleteByPrefix(self, values),
    invalidateAll: () => definition.invalidateAll(self),
    getCacheKey: (...args: TArgs) => definition.key(self, args).key,
    cacheId: definition.id,
  }) as unknown as CachedFunction<TArgs, TResult>;
  return controls;
}
