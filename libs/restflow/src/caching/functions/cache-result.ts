import type { CacheResultOptions } from './cache-result-options.interface';
import { CachedFunctionDefinition } from './cached-function.definition';
import type { CachedFunction } from './cached-function.interface';
import { bindCachedFunction } from './bind-cached-function.util';

/**
 * Wraps a plain async function in a cache: calls with the same key read the stored result.
 * Keys come from `keyConstructor` (default: every argument); arguments have names through
 * `argNames`, or the function takes one object argument. The store is the one of
 * `RestflowModule.forRoot({ caching })` of the running app (the most recently started one, when
 * a process runs several: per-app stores need `@CacheResult()` on a provider). Options are
 * checked here, at import.
 *
 * @example
 * ```ts
 * export const getUserStats = cacheResult(
 *   async ({ userId }: { userId: number }) => computeStats(userId),
 *   { id: 'getUserStats', keyConstructor: UserKey, ttl: 300, staleWhileRevalidate: 60 },
 * );
 * await getUserStats({ userId: 42 });
 * await getUserStats.deleteByPrefix({ userId: 42 });
 * ```
 * @publicApi
 */
export function cacheResult<TArgs extends unknown[], TResult>(
  fn: (...args: TArgs) => Promise<TResult>,
  options: CacheResultOptions<TResult> = {},
): CachedFunction<TArgs, TResult> {
  const definition = new CachedFunctionDefinition(
    options.id ?? fn.name,
    fn as (...args: unknown[]) => Promise<unknown>,
    options as CacheResultOptions,
  );
  return bindCachedFunction<TArgs, TResult>(definition, undefined);
}
