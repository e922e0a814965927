import type { PostFetch } from './post-fetch';

/**
 * The post-fetch setting of one action (composed into `ActionConfigOptions`).
 *
 * @example
 * ```ts
 * @ActionConfig({ postFetches: [reviewCount] }) // reviewCount = new PostFetch({ ... })
 * ```
 * @publicApi
 */
export interface PostFetchActionConfig {
  /**
   * Related rows attached to the rows this action shows, after they are read: one query per
   * `PostFetch` per page (list, paginated or not; retrieve; create and update responses).
   */
  postFetches?: readonly PostFetch[];
}
