import type { PaginatorClass } from './paginator.interface';

/**
 * The pagination setting of one action (composed into `ActionConfigOptions`).
 *
 * @example
 * ```ts
 * @ActionConfig({ paginationClass: FastPageNumberPagination })
 * ```
 * @publicApi
 */
export interface PaginationActionConfig {
  /** Paginator of a list; `null` returns a plain array. */
  paginationClass?: PaginatorClass | null;
}
