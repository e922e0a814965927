import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { NotFound } from '../exceptions/standard.exceptions';
import type { RestflowRequest } from '../core/restflow-request.interface';
import { pageLink, readQueryParam } from './pagination-links.util';
import { pageSizeOf, parseInteger } from './pagination-params.util';
import type { Page, PaginationDefaults, Paginator } from './paginator.interface';

/**
 * drf-restflow's `FastPageNumberPagination`: page numbers without the `COUNT` query. It fetches
 * one row more than the page size, in one query, to learn whether a next page exists, so a page
 * costs exactly one SQL query whatever the size of the table.
 *
 * Body, in this key order (no `count`):
 * `{ "results": [...], "next": "http://host/items?page=3", "previous": "http://host/items" }`.
 * `next` is set only when the extra row exists (a full last page has `next: null`); the link of
 * page 1 has no `page` parameter. There is no "last" page shortcut, since the number of pages
 * is unknown.
 *
 * Every property left `undefined` falls back to the `pagination` options of
 * `RestflowModule.forRoot()`. The query must be ordered (by a unique key last).
 *
 * @example
 * ```ts
 * @Get()
 * async list(@Req() request: RestflowRequest) {
 *   const query = this.events.createQueryBuilder('event').orderBy('event.id', 'DESC');
 *   const page = await new FastPageNumberPagination().paginate(query, request, this.pagination);
 *   return page.body(page.items);
 * }
 * // GET /events?page=2 -> {"results":[...],"next":"http://host/events?page=3","previous":"http://host/events"}
 * ```
 * @publicApi
 */
export class FastPageNumberPagination implements Paginator {
  /** Items per page. @default `defaults.pageSize` */
  pageSize?: number;
  /** Query parameter that holds the page number. @default 'page' */
  pageQueryParam = 'page';
  /**
   * Query parameter that lets the client choose the page size; `null` keeps the size fixed.
   * @default `defaults.pageSizeQueryParam`
   */
  pageSizeQueryParam?: string | null;
  /** Largest page size a client may ask for through `pageSizeQueryParam`. @default `defaults.maxPageSize` */
  maxPageSize?: number;
  /** Message of the 404 for a page that does not exist. @default 'Invalid page.' */
  invalidPageMessage = 'Invalid page.';

  /**
   * Fetches the requested page plus one row, in one query.
   *
   * @throws {NotFound} "Invalid page." for a page number that is not an integer, is below 1, or
   * is past the end (an empty page other than page 1).
   */
  async paginate<TEntity extends ObjectLiteral>(
    query: SelectQueryBuilder<TEntity>,
    request: RestflowRequest,
    defaults: PaginationDefaults,
  ): Promise<Page<TEntity>> {
    const size = this.getPageSize(request, defaults);
    const page = parseInteger(readQueryParam(request, this.pageQueryParam) ?? '1');
    const offset = page === null ? null : (page - 1) * size;
    if (page === null || page < 1 || offset === null || !Number.isSafeInteger(offset)) {
      throw new NotFound(this.invalidPageMessage);
    }
    const rows = await query
      .clone()
      .offset(offset)
      .limit(size + 1)
      .getMany();
    if (rows.length === 0 && page > 1) {
      throw new NotFound(this.invalidPageMessage);
    }
    const hasNext = rows.length > size;
    const items = hasNext ? rows.slice(0, size) : rows;
    const next = hasNext ? pageLink(request, { [this.pageQueryParam]: page + 1 }) : null;
    const previous =
      page > 1
        ? pageLink(request, { [this.pageQueryParam]: page - 1 === 1 ? null : page - 1 })
        : null;
    return {
      items,
      body: (results) => ({ results, next, previous }),
    };
  }

  /** The page size of this request. Override to compute it differently. */
  protected getPageSize(request: RestflowRequest, defaults: PaginationDefaults): number {
    return pageSizeOf(this, request, defaults);
  }
}
