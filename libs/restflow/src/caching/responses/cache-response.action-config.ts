import type { CacheResponseOptions } from './cache-response-options.interface';

/**
 * The response-cache setting of one action (composed into `ActionConfigOptions`).
 *
 * @example
 * ```ts
 * @ActionConfig({ cacheResponse: { ttl: 60 } })
 * ```
 * @publicApi
 */
export interface CacheResponseActionConfig {
  /**
   * Cache this action's `GET`/`HEAD` responses (see `@CacheResponse()`); `false` turns a
   * class-level setting off for this action.
   */
  cacheResponse?: CacheResponseOptions | false;
}
