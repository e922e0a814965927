import type { FilterSetClass } from './filter-set';

/**
 * The filter-set setting of one action (composed into `ActionConfigOptions`).
 *
 * @example
 * ```ts
 * @ActionConfig({ filterSetClass: ProductSearchFilterSet })
 * ```
 * @publicApi
 */
export interface FilterSetActionConfig {
  /**
   * The filter set `FilterSetBackend` applies for this action, instead of the view's
   * `filterSetClass` (unset: the view's).
   */
  filterSetClass?: FilterSetClass;
}
