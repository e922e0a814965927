import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { NotFound } from '../exceptions/standard.exceptions';
import type { RestflowRequest } from '../core/restflow-request.interface';
import {
  decodeCursor,
  encodeCursor,
  encodeKeyValue,
  type CursorPosition,
  type EncodedPosition,
} from './cursor-position.util';
import { encodedPosition, keysetQuery, resolveKeyset, type Keyset } from './keyset';
import { pageLink, readQueryParam } from './pagination-links.util';
import { pageSizeOf } from './pagination-params.util';
import type { Page, PaginationDefaults, Paginator } from './paginator.interface';

/**
 * DRF's `CursorPagination`, as keyset ("seek") pagination: no `COUNT`, no `OFFSET`. Each link
 * carries an opaque cursor holding the position of a boundary row (its ordering value and primary
 * key) and the direction; the next page is the rows strictly after the last row of this page, the
 * previous page the rows strictly before its first row. Rows inserted or deleted while a client
 * pages through cause no duplicates and no gaps, and the cost of a page does not grow with its
 * depth (given an index on the ordering column and the primary key).
 *
 * The ordering is one column of the entity plus the primary key as tie-breaker, in the same
 * direction: `ordering = '-createdAt'` orders by `createdAt DESC, id DESC`. It replaces any
 * ORDER BY of the query. The column must be NOT NULL and hold numbers, strings, UUIDs, booleans,
 * dates or date-times; a misnamed or unsuitable `ordering` fails the first request with a
 * {@link RestflowConfigError}. A date-time is compared at the millisecond precision JavaScript
 * has: where the column may hold finer values (PostgreSQL's default `timestamp`, MySQL's
 * `datetime(6)`) it is truncated to milliseconds in SQL, and on SQLite, which stores date-times as
 * text in more than one format, it is normalised with `strftime`. Those expressions cannot use a
 * plain index on the column: declare `precision: 3` (or less) on PostgreSQL and MySQL to keep it.
 * Text is ordered and compared in code-point order on every database (`'B' < 'a' < 'a ' < 'É'`,
 * SQLite's BINARY collation): `COLLATE "C"` on PostgreSQL, its UTF-8 bytes on MySQL/MariaDB, so
 * pages are the same everywhere; on PostgreSQL an index on the column needs `COLLATE "C"` too to
 * serve it, and on MySQL/MariaDB no plain index on the column can.
 *
 * Body, in this key order (no count): `{ "next": url|null, "previous": url|null, "results": [...] }`.
 *
 * @example
 * ```ts
 * class FeedPagination extends CursorPagination {
 *   override ordering = '-publishedAt';
 *   override pageSize = 20;
 * }
 *
 * @Get('feed')
 * async feed(@Req() request: RestflowRequest) {
 *   const query = this.posts.createQueryBuilder('post').where('post.published = :yes', { yes: true });
 *   const page = await new FeedPagination().paginate(query, request, this.pagination);
 *   return page.body(page.items.map(toJson));
 * }
 * // GET /feed -> {"next":"http://host/feed?cursor=eyJ2Ijoi...","previous":null,"results":[...]}
 * ```
 * @publicApi
 */
export class CursorPagination implements Paginator {
  /** Items per page. @default `defaults.pageSize` */
  pageSize?: number;
  /** Query parameter that holds the cursor. @default 'cursor' */
  cursorQueryParam = 'cursor';
  /**
   * Property path of the entity column to order by, `-` in front for descending
   * (`'-createdAt'`, `'name'`, `'profile.rank'` for an embedded column).
   * @default the primary key, descending (`'-id'`)
   */
  ordering?: string;
  /**
   * Query parameter that lets the client choose the page size; `null` keeps the size fixed.
   * @default `defaults.pageSizeQueryParam`
   */
  pageSizeQueryParam?: string | null;
  /** Largest page size a client may ask for through `pageSizeQueryParam`. @default `defaults.maxPageSize` */
  maxPageSize?: number;
  /** Message of the 404 for a cursor that cannot be read. @default 'Invalid cursor' */
  invalidCursorMessage = 'Invalid cursor';

  /**
   * Fetches the page at the request's cursor (the first page without one), in one query.
   *
   * @throws {NotFound} "Invalid cursor" for a cursor that is malformed or does not fit the
   * ordering (tampered, or issued for another ordering).
   * @throws {RestflowConfigError} when `ordering` is not a suitable column of the entity.
   */
  async paginate<TEntity extends ObjectLiteral>(
    query: SelectQueryBuilder<TEntity>,
    request: RestflowRequest,
    defaults: PaginationDefaults,
  ): Promise<Page<TEntity>> {
    const keyset = resolveKeyset(query, this.ordering, this.constructor.name);
    const size = this.getPageSize(request, defaults);
    const token = readQueryParam(request, this.cursorQueryParam);
    let cursor: CursorPosition | null = null;
    if (token !== undefined) {
      cursor = decodeCursor(token, keyset.value?.type ?? null, keyset.key.type);
      if (cursor === null) {
        throw new NotFound(this.invalidCursorMessage);
      }
    }
    const reverse = cursor?.reverse ?? false;
    const rows = await keysetQuery(query, keyset, cursor, size + 1).getMany();
    const hasMore = rows.length > size;
    const items = rows.slice(0, size);
    if (reverse) {
      items.reverse();
    }

    const link = (position: EncodedPosition, back: boolean, inclusive = false): string =>
      pageLink(request, { [this.cursorQueryParam]: encodeCursor(position, back, inclusive) });
    const first = items[0];
    const last = items[items.length - 1];
    let next: string | null = null;
    let previous: string | null = null;
    if (!reverse) {
      if (hasMore && last !== undefined) {
        next = link(this.position(keyset, last), false);
      }
      if (cursor !== null) {
        // An empty page after a cursor (its rows were deleted) leads back to the boundary row.
        previous =
          first === undefined
            ? link(this.positionOf(keyset, cursor), true, true)
            : link(this.position(keyset, first), true);
      }
    } else if (cursor !== null) {
      if (hasMore && first !== undefined) {
        previous = link(this.position(keyset, first), true);
      }
      next =
        last === undefined
          ? link(this.positionOf(keyset, cursor), false, true)
          : link(this.position(keyset, last), false);
    }
    return {
      items,
      body: (results) => ({ next, previous, results }),
    };
  }

  /** The page size of this request. Override to compute it differently. */
  protected getPageSize(request: RestflowRequest, defaults: PaginationDefaults): number {
    return pageSizeOf(this, request, defaults);
  }

  /** The position of `row`, as a cursor stores it. */
  private position(keyset: Keyset, row: ObjectLiteral): EncodedPosition {
    return encodedPosition(keyset, row, this.constructor.name);
  }

  /** The position a decoded cursor pointed at, written back. */
  private positionOf(keyset: Keyset, cursor: CursorPosition): EncodedPosition {
    const key = encodeKeyValue(keyset.key.type, cursor.key) as EncodedPosition['k'];
    return keyset.value === null
      ? { k: key }
      : { v: encodeKeyValue(keyset.value.type, cursor.value), k: key };
  }
}
