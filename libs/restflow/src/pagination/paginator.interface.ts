import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { RestflowRequest } from '../core/restflow-request.interface';

/**
 * Pagination settings a paginator falls back to when its own property is not set: the
 * `pagination` section of `RestflowModule.forRoot()`.
 *
 * @example
 * ```ts
 * const defaults: PaginationDefaults = { pageSize: 20, maxPageSize: 100, pageSizeQueryParam: null };
 * ```
 * @publicApi
 */
export interface PaginationDefaults {
  /** Items per page. */
  readonly pageSize: number;
  /** Largest page size a client may ask for. */
  readonly maxPageSize: number;
  /** Query parameter that lets a client choose the page size (`null`: not allowed). */
  readonly pageSizeQueryParam: string | null;
}

/**
 * One page cut from a query: the rows to serialize, and how to wrap their representation.
 *
 * @example
 * ```ts
 * const page = await paginator.paginate(queryBuilder, request, defaults);
 * return page.body(rows.map(toJson));
 * ```
 * @publicApi
 */
export interface Page<TEntity> {
  /** The rows of this page, in order. */
  readonly items: TEntity[];
  /** The response body for the serialized rows (`{ count, next, previous, results }`, ...). */
  body(results: unknown[]): Record<string, unknown>;
}

/**
 * A pagination strategy (DRF's pagination classes). Implementations are stateless: everything
 * about the request travels through the arguments, so one instance serves every request.
 *
 * @example
 * ```ts
 * class FirstTenPagination implements Paginator {
 *   async paginate(query) {
 *     // limit(), not take(): a filter set's text ordering is an SQL expression, which take()
 *     // cannot carry on a query with joins.
 *     const items = await query.limit(10).getMany();
 *     return { items, body: (results) => ({ results }) };
 *   }
 * }
 * ```
 * @publicApi
 */
export interface Paginator {
  /**
   * Cuts one page from `query` (which is already filtered and ordered by the view).
   *
   * @throws {NotFound} "Invalid page." / "Invalid cursor" for a page that does not exist.
   */
  paginate<TEntity extends ObjectLiteral>(
    query: SelectQueryBuilder<TEntity>,
    request: RestflowRequest,
    defaults: PaginationDefaults,
  ): Promise<Page<TEntity>>;
}

/**
 * A paginator class, as views and `ActionConfig` name it.
 *
 * @example
 * ```ts
 * paginationClass: PaginatorClass = PageNumberPagination;
 * ```
 * @publicApi
 */
export type PaginatorClass = new () => Paginator;
