import type { EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { NotFound } from '../exceptions/standard.exceptions';
import type { RestflowRequest } from '../views/restflow-request.interface';
import { isSqliteDriver, keyColumnType, type KeyColumnType } from '../core/column-type.util';
import {
  decodeCursor,
  encodeCursor,
  encodeKeyValue,
  type CursorPosition,
  type EncodedPosition,
} from './cursor-position.util';
import { pageLink, readQueryParam } from './pagination-links.util';
import { pageSizeOf } from './pagination-params.util';
import type { Page, PaginationDefaults, Paginator } from './paginator.interface';

type ColumnMetadata = EntityMetadata['columns'][number];

/** One column of the keyset: how to read it from a row and how to name it in SQL. */
interface KeyColumn {
  readonly column: ColumnMetadata;
  readonly type: KeyColumnType;
  /** SQL for ORDER BY and comparisons (escaped, possibly normalised; never user input). */
  readonly sql: string;
}

/** The ordering of one request: the ordering column, the primary key, the direction. */
interface Keyset {
  /** `null` when the ordering column is the primary key. */
  readonly value: KeyColumn | null;
  readonly key: KeyColumn;
  readonly descending: boolean;
}

const POSTGRES_DRIVERS = new Set(['postgres', 'aurora-postgres', 'cockroachdb']);
const MYSQL_DRIVERS = new Set(['mysql', 'mariadb', 'aurora-mysql']);

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
    const keyset = this.resolveKeyset(query);
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
    const rows = await this.pageQuery(query, keyset, cursor, size).getMany();
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

  /** The query of one page: `size + 1` rows from the cursor on, in the direction of travel. */
  private pageQuery<TEntity extends ObjectLiteral>(
    query: SelectQueryBuilder<TEntity>,
    keyset: Keyset,
    cursor: CursorPosition | null,
    size: number,
  ): SelectQueryBuilder<TEntity> {
    const page = query.clone();
    // Travelling backwards reads the rows before the cursor nearest first, so the order flips.
    const ascending = keyset.descending === (cursor?.reverse ?? false);
    const direction = ascending ? 'ASC' : 'DESC';
    if (cursor !== null) {
      const after = ascending ? '>' : '<';
      const keyComparison = `${keyset.key.sql} ${after}${cursor.inclusive ? '=' : ''} :restflowCursorKey`;
      const condition =
        keyset.value === null
          ? keyComparison
          : `(${keyset.value.sql} ${after} :restflowCursorValue OR ` +
            `(${keyset.value.sql} = :restflowCursorValue AND ${keyComparison}))`;
      isolateWhere(page);
      page.andWhere(condition, {
        restflowCursorKey: cursor.key,
        restflowCursorValue: cursor.value,
      });
    }
    page.orderBy(keyset.value?.sql ?? keyset.key.sql, direction);
    if (keyset.value !== null) {
      page.addOrderBy(keyset.key.sql, direction);
    }
    return page.limit(size + 1);
  }

  /** The position of `row`, as a cursor stores it. */
  private position(keyset: Keyset, row: ObjectLiteral): EncodedPosition {
    const key = this.read(keyset.key, row);
    return keyset.value === null ? { k: key } : { v: this.read(keyset.value, row), k: key };
  }

  /** The position a decoded cursor pointed at, written back. */
  private positionOf(keyset: Keyset, cursor: CursorPosition): EncodedPosition {
    const key = encodeKeyValue(keyset.key.type, cursor.key) as EncodedPosition['k'];
    return keyset.value === null
      ? { k: key }
      : { v: encodeKeyValue(keyset.value.type, cursor.value), k: key };
  }

  private read(key: KeyColumn, row: ObjectLiteral): EncodedPosition['k'] {
    // The database-side value (after a column transformer), since that is what gets compared.
    const value = encodeKeyValue(key.type, key.column.getEntityValue(row, true));
    if (value === undefined) {
      throw this.configError(
        'ordering',
        `${this.constructor.name} cannot build a cursor: a row has no usable "${key.column.propertyPath}" ` +
          'value. Fix: keep the ordering column and the primary key in the selection of the query, ' +
          'and store only non-null, finite values in them.',
      );
    }
    return value;
  }

  /**
   * Resolves `ordering` against the entity of `query`, on every request (a lookup in TypeORM's
   * metadata: cheap, and correct for any data source the same paginator serves).
   */
  private resolveKeyset(query: SelectQueryBuilder<ObjectLiteral>): Keyset {
    const alias = query.expressionMap.mainAlias;
    if (alias === undefined || !alias.hasMetadata) {
      throw this.configError(
        'query',
        `${this.constructor.name} needs a query over an entity. Fix: build it with ` +
          "`repository.createQueryBuilder('alias')` or `dataSource.createQueryBuilder(Entity, 'alias')`.",
      );
    }
    const metadata = alias.metadata;
    const [primary, ...others] = metadata.primaryColumns;
    if (primary === undefined || others.length > 0) {
      throw this.configError(
        'ordering',
        `${this.constructor.name} needs an entity with a single-column primary key as tie-breaker; ` +
          `${metadata.name} has ${metadata.primaryColumns.length}. Fix: paginate this entity with ` +
          'PageNumberPagination or LimitOffsetPagination instead.',
      );
    }
    const ordering = this.ordering ?? `-${primary.propertyPath}`;
    const descending = ordering.startsWith('-');
    const path = ordering.replace(/^[-+]/, '');
    const column = metadata.findColumnWithPropertyPath(path);
    if (column === undefined || column.relationMetadata !== undefined || column.isVirtual) {
      const examples = metadata.columns
        .filter((candidate) => !candidate.relationMetadata && !candidate.isVirtual)
        .map((candidate) => `"${candidate.propertyPath}"`)
        .slice(0, 6)
        .join(', ');
      throw this.configError(
        'ordering',
        `${this.constructor.name}.ordering "${ordering}" is not a column of ${metadata.name}. ` +
          `Fix: set \`ordering\` to the property path of one of its columns (${examples}), ` +
          'with "-" in front for descending order.',
      );
    }
    if (column.isNullable) {
      throw this.configError(
        'ordering',
        `${this.constructor.name}.ordering "${ordering}" is a nullable column of ${metadata.name}; ` +
          'a cursor cannot point at NULL. Fix: order by a NOT NULL column (such as the creation ' +
          'date or the primary key), or make this column NOT NULL.',
      );
    }
    const key = this.keyColumn(query, primary);
    const value = column === primary ? null : this.keyColumn(query, column);
    return { value, key, descending };
  }

  private keyColumn(query: SelectQueryBuilder<ObjectLiteral>, column: ColumnMetadata): KeyColumn {
    const driver = query.dataSource.options.type;
    const databaseType = query.dataSource.driver.normalizeType(column);
    const type = keyColumnType(column, databaseType, driver);
    if (type === null) {
      throw this.configError(
        'ordering',
        `${this.constructor.name} cannot order by "${column.propertyPath}" of ` +
          `${column.entityMetadata.name}: a cursor cannot hold a ${databaseType} value. Fix: ` +
          'order by a column of a number, string, UUID, boolean, date or date-time type.',
      );
    }
    const name = `${query.escape(query.alias)}.${query.escape(column.databaseName)}`;
    return {
      column,
      type,
      sql: type.kind === 'datetime' ? datetimeSql(name, column, driver) : name,
    };
  }

  private configError(property: string, message: string): RestflowConfigError {
    return new RestflowConfigError(`${this.constructor.name}.${property}`, message);
  }
}

/**
 * A date-time column as compared and ordered, so that the database sees exactly the values a
 * JavaScript `Date` can carry back in a cursor (milliseconds).
 */
function datetimeSql(name: string, column: ColumnMetadata, driver: string): string {
  if (isSqliteDriver(driver)) {
    // SQLite keeps TypeORM's "YYYY-MM-DD HH:MM:SS.SSS" beside "YYYY-MM-DD HH:MM:SS" written by
    // datetime('now') defaults; normalise both to the form a bound Date is given.
    return `strftime('%Y-%m-%d %H:%M:%f', ${name})`;
  }
  if (POSTGRES_DRIVERS.has(driver) && (column.precision ?? 6) > 3) {
    return `date_trunc('milliseconds', ${name})`;
  }
  if (MYSQL_DRIVERS.has(driver) && (column.precision ?? 0) > 3) {
    return `(${name} - INTERVAL (MICROSECOND(${name}) % 1000) MICROSECOND)`;
  }
  return name;
}

/**
 * Puts the query's existing WHERE in brackets, so that an added AND cannot bind to the last term
 * of a top-level OR (`a OR b AND cursor`).
 */
function isolateWhere(query: SelectQueryBuilder<ObjectLiteral>): void {
  const wheres = query.expressionMap.wheres;
  if (wheres.length > 0) {
    query.expressionMap.wheres = [
      { type: 'simple', condition: { operator: 'brackets', condition: wheres } },
    ];
  }
}
