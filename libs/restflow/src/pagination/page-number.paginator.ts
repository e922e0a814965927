import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { countQueryOf } from './count-query.util';
import { NotFound } from '../exceptions/standard.exceptions';
import type { RestflowRequest } from '../core/restflow-request.interface';
import { pageLink, readQueryParam } from './pagination-links.util';
import { pageSizeOf, parseInteger } from './pagination-params.util';
import type { Page, PaginationDefaults, Paginator } from './paginator.interface';

/**
 * DRF's `PageNumberPagination`: `?page=2`, with the total count and absolute `next` / `previous`
 * links. It runs two queries per page: a `COUNT` and the rows (`OFFSET` / `LIMIT`).
 *
 * Body, in this key order:
 * `{ "count": 7, "next": "http://host/items?page=3", "previous": "http://host/items", "results": [...] }`.
 * The link of page 1 has no `page` parameter; other parameters are kept and sorted by name.
 *
 * Every property left `undefined` falls back to the `pagination` options of
 * `RestflowModule.forRoot()`. Subclass (or assign properties) to customise one view.
 *
 * The query must be ordered (by a unique key last) or rows may repeat or vanish between pages.
 * Rows are cut with `OFFSET` / `LIMIT` on the SQL rows, so a query that joins to-many relations
 * pages joined rows, not entities.
 *
 * @example
 * ```ts
 * class BookPagination extends PageNumberPagination {
 *   override pageSize = 25;
 *   override pageSizeQueryParam = 'size';
 *   override maxPageSize = 100;
 * }
 *
 * @Get()
 * async list(@Req() request: RestflowRequest) {
 *   const query = this.books.createQueryBuilder('book').orderBy('book.id');
 *   const page = await new BookPagination().paginate(query, request, this.pagination);
 *   return page.body(page.items.map(toJson));
 * }
 * // GET /books?page=2 -> {"count":60,"next":"http://host/books?page=3","previous":"http://host/books","results":[...]}
 * ```
 * @publicApi
 */
export class PageNumberPagination implements Paginator {
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
  /** Values of the page parameter that mean "the last page". @default ['last'] */
  lastPageStrings: readonly string[] = ['last'];
  /** Message of the 404 for a page that does not exist. @default 'Invalid page.' */
  invalidPageMessage = 'Invalid page.';

  /**
   * Counts the rows of `query`, then fetches the requested page.
   *
   * @throws {NotFound} "Invalid page." for a page number that is not an integer, is below 1 or
   * is past the last page (page 1 of an empty result is an empty page, not an error).
   */
  async paginate<TEntity extends ObjectLiteral>(
    query: SelectQueryBuilder<TEntity>,
    request: RestflowRequest,
    defaults: PaginationDefaults,
  ): Promise<Page<TEntity>> {
    const size = this.getPageSize(request, defaults);
    const requested = readQueryParam(request, this.pageQueryParam) ?? '1';
    const isLast = this.lastPageStrings.includes(requested);
    const number = isLast ? null : parseInteger(requested);
    // As in Django's Paginator, a malformed number fails before the COUNT query runs.
    if (!isLast && (number === null || number < 1)) {
      throw new NotFound(this.invalidPageMessage);
    }
    const count = await countQueryOf(query).getCount();
    const pageCount = Math.max(1, Math.ceil(count / size));
    const page = number ?? pageCount;
    if (page > pageCount) {
      throw new NotFound(this.invalidPageMessage);
    }
    const items =
      count === 0
        ? []
        : await query
            .clone()
            .offset((page - 1) * size)
            .limit(size)
            .getMany();
    const next = page < pageCount ? pageLink(request, { [this.pageQueryParam]: page + 1 }) : null;
    const previous =
      page > 1
        ? pageLink(request, { [this.pageQueryParam]: page - 1 === 1 ? null : page - 1 })
        : null;
    return {
      items,
      body: (results) => ({ count, next, previous, results }),
    };
  }

  /**
   * The page size of this request. Override to compute it differently (per user, for example).
   */
  protected getPageSize(request: RestflowRequest, defaults: PaginationDefaults): number {
    return pageSizeOf(this, request, defaults);
  }
}
