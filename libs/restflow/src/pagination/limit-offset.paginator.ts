import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { RestflowRequest } from '../core/restflow-request.interface';
import { pageLink, readQueryParam } from './pagination-links.util';
import { checkPositiveSetting, parseInteger, positiveInteger } from './pagination-params.util';
import { countQueryOf } from './count-query.util';
import type { Page, PaginationDefaults, Paginator } from './paginator.interface';

/**
 * DRF's `LimitOffsetPagination`: `?limit=10&offset=20`, with the total count and absolute
 * `next` / `previous` links. It runs two queries per page: a `COUNT` and the rows.
 *
 * Body, in this key order: `{ "count": 7, "next": url|null, "previous": url|null, "results": [...] }`.
 * `limit` must be a positive integer (capped at `maxLimit`; anything else means `defaultLimit`)
 * and `offset` a non-negative integer (anything else means 0). An offset past the end gives an
 * empty page, never an error. `previous` drops `offset` when it would be 0 or less.
 *
 * Every property left `undefined` falls back to the `pagination` options of
 * `RestflowModule.forRoot()`. The query must be ordered (by a unique key last).
 *
 * @example
 * ```ts
 * class FeedPagination extends LimitOffsetPagination {
 *   override defaultLimit = 10;
 *   override maxLimit = 50;
 * }
 *
 * const page = await new FeedPagination().paginate(query, request, defaults);
 * return page.body(page.items.map(toJson));
 * // GET /feed?limit=2&offset=5 -> {"count":7,"next":null,"previous":"http://host/feed?limit=2&offset=3","results":[...]}
 * ```
 * @publicApi
 */
export class LimitOffsetPagination implements Paginator {
  /** Items per page when the client sends no valid `limit`. @default `defaults.pageSize` */
  defaultLimit?: number;
  /** Query parameter of the page size. @default 'limit' */
  limitQueryParam = 'limit';
  /** Query parameter of the number of rows to skip. @default 'offset' */
  offsetQueryParam = 'offset';
  /** Largest `limit` a client may ask for. @default `defaults.maxPageSize` */
  maxLimit?: number;

  /** Counts the rows of `query`, then fetches `limit` rows from `offset`. */
  async paginate<TEntity extends ObjectLiteral>(
    query: SelectQueryBuilder<TEntity>,
    request: RestflowRequest,
    defaults: PaginationDefaults,
  ): Promise<Page<TEntity>> {
    const limit = this.getLimit(request, defaults);
    const offset = this.getOffset(request);
    const count = await countQueryOf(query).getCount();
    const items =
      count === 0 || offset > count
        ? []
        : await query.clone().offset(offset).limit(limit).getMany();
    const next =
      offset + limit >= count
        ? null
        : pageLink(request, {
            [this.limitQueryParam]: limit,
            [this.offsetQueryParam]: offset + limit,
          });
    const previous =
      offset <= 0
        ? null
        : pageLink(request, {
            [this.limitQueryParam]: limit,
            [this.offsetQueryParam]: offset - limit <= 0 ? null : offset - limit,
          });
    return {
      items,
      body: (results) => ({ count, next, previous, results }),
    };
  }

  /** The `limit` of this request. Override to compute it differently. */
  protected getLimit(request: RestflowRequest, defaults: PaginationDefaults): number {
    const fallback = checkPositiveSetting(
      this,
      'defaultLimit',
      this.defaultLimit ?? defaults.pageSize,
    );
    const max = checkPositiveSetting(this, 'maxLimit', this.maxLimit ?? defaults.maxPageSize);
    return positiveInteger(readQueryParam(request, this.limitQueryParam), max) ?? fallback;
  }

  /** The `offset` of this request: a non-negative integer, 0 for anything else. */
  protected getOffset(request: RestflowRequest): number {
    const text = readQueryParam(request, this.offsetQueryParam);
    const offset = text === undefined ? null : parseInteger(text);
    return offset === null || offset < 0 ? 0 : offset;
  }
}
