/**
 * Keyset ("seek") queries over one ordering column plus the primary key: the logic shared by
 * {@link CursorPagination} (one page per request) and `iterateQuery()` of the responses
 * subsystem (a whole table in batches).
 *
 * @internal
 */
import type { EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { dataSourceOf } from '../core/typeorm-compat.util';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { isSqliteDriver, keyColumnTypeOf, type KeyColumnType } from '../core/column-type.util';
import {
  codePointText,
  isMysqlDriver,
  isOrderedText,
  isPostgresDriver,
} from '../core/code-point-order.util';
import {
  decodeKeyValue,
  encodeKeyValue,
  INVALID,
  type CursorPosition,
  type EncodedPosition,
} from './cursor-position.util';

type ColumnMetadata = EntityMetadata['columns'][number];

/** One column of the keyset: how to read it from a row and how to name it in SQL. */
export interface KeyColumn {
  readonly column: ColumnMetadata;
  readonly type: KeyColumnType;
  /** SQL for ORDER BY and comparisons (escaped, possibly normalised; never user input). */
  readonly sql: string;
}

/** An ordering resolved against an entity: the ordering column, the primary key, the direction. */
export interface Keyset {
  /** `null` when the ordering column is the primary key. */
  readonly value: KeyColumn | null;
  readonly key: KeyColumn;
  readonly descending: boolean;
}

/**
 * Resolves `ordering` (a property path, `-` in front for descending; `undefined` for the primary
 * key descending) against the entity of `query`. `owner` names the class whose setting it is, in
 * the configuration errors.
 *
 * @throws {RestflowConfigError} when the query has no entity, the entity a composite key, or the
 * ordering is not a NOT NULL column of a type a cursor can hold.
 */
export function resolveKeyset(
  query: SelectQueryBuilder<ObjectLiteral>,
  ordering: string | undefined,
  owner: string,
): Keyset {
  const alias = query.expressionMap.mainAlias;
  if (alias === undefined || !alias.hasMetadata) {
    throw configError(
      owner,
      'query',
      `${owner} needs a query over an entity. Fix: build it with ` +
        "`repository.createQueryBuilder('alias')` or `dataSource.createQueryBuilder(Entity, 'alias')`.",
    );
  }
  const metadata = alias.metadata;
  const [primary, ...others] = metadata.primaryColumns;
  if (primary === undefined || others.length > 0) {
    throw configError(
      owner,
      'ordering',
      `${owner} needs an entity with a single-column primary key as tie-breaker; ` +
        `${metadata.name} has ${metadata.primaryColumns.length}. Fix: paginate this entity with ` +
        'PageNumberPagination or LimitOffsetPagination instead.',
    );
  }
  const resolved = ordering ?? `-${primary.propertyPath}`;
  const descending = resolved.startsWith('-');
  const path = resolved.replace(/^[-+]/, '');
  const column = metadata.findColumnWithPropertyPath(path);
  if (column === undefined || column.relationMetadata !== undefined || column.isVirtual) {
    const examples = metadata.columns
      .filter((candidate) => !candidate.relationMetadata && !candidate.isVirtual)
      .map((candidate) => `"${candidate.propertyPath}"`)
      .slice(0, 6)
      .join(', ');
    throw configError(
      owner,
      'ordering',
      `${owner}.ordering "${resolved}" is not a column of ${metadata.name}. ` +
        `Fix: set \`ordering\` to the property path of one of its columns (${examples}), ` +
        'with "-" in front for descending order.',
    );
  }
  if (column.isNullable) {
    throw configError(
      owner,
      'ordering',
      `${owner}.ordering "${resolved}" is a nullable column of ${metadata.name}; ` +
        'a cursor cannot point at NULL. Fix: order by a NOT NULL column (such as the creation ' +
        'date or the primary key), or make this column NOT NULL.',
    );
  }
  const key = keyColumn(query, primary, owner);
  const value = column === primary ? null : keyColumn(query, column, owner);
  return { value, key, descending };
}

/**
 * `limit` rows of `query` from `position` on (strictly after it unless inclusive), in the
 * keyset's order (reversed for a backwards position). Replaces any ORDER BY of the query.
 */
export function keysetQuery<TEntity extends ObjectLiteral>(
  query: SelectQueryBuilder<TEntity>,
  keyset: Keyset,
  position: CursorPosition | null,
  limit: number,
): SelectQueryBuilder<TEntity> {
  const page = query.clone();
  // Travelling backwards reads the rows before the cursor nearest first, so the order flips.
  const ascending = keyset.descending === (position?.reverse ?? false);
  const direction = ascending ? 'ASC' : 'DESC';
  if (position !== null) {
    const after = ascending ? '>' : '<';
    const keyComparison = `${keyset.key.sql} ${after}${position.inclusive ? '=' : ''} :restflowCursorKey`;
    // The leading `value >= cursor` is implied by the rest, but it is what lets an index on
    // (value, key) seek to the cursor: with the OR alone, PostgreSQL reads the index from its
    // start (a page 90 % deep into 1,000,000 rows: 1,120 ms without it, 0.5 ms with it).
    const condition =
      keyset.value === null
        ? keyComparison
        : `(${keyset.value.sql} ${after}= :restflowCursorValue AND ` +
          `(${keyset.value.sql} ${after} :restflowCursorValue OR ` +
          `(${keyset.value.sql} = :restflowCursorValue AND ${keyComparison})))`;
    isolateWhere(page);
    page.andWhere(condition, {
      restflowCursorKey: position.key,
      restflowCursorValue: position.value,
    });
  }
  page.orderBy(keyset.value?.sql ?? keyset.key.sql, direction);
  if (keyset.value !== null) {
    page.addOrderBy(keyset.key.sql, direction);
  }
  return page.limit(limit);
}

/** The position of `row`, as a cursor token stores it. */
export function encodedPosition(
  keyset: Keyset,
  row: ObjectLiteral,
  owner: string,
): EncodedPosition {
  const key = readKey(keyset.key, row, owner);
  return keyset.value === null ? { k: key } : { v: readKey(keyset.value, row, owner), k: key };
}

/**
 * The forward position just after `row`, with the values a decoded cursor would bind: the next
 * batch of an iteration compares exactly as the next page of a cursor does.
 */
export function positionAfter(keyset: Keyset, row: ObjectLiteral, owner: string): CursorPosition {
  const encoded = encodedPosition(keyset, row, owner);
  const key = decodeKeyValue(keyset.key.type, encoded.k);
  const value = keyset.value === null ? undefined : decodeKeyValue(keyset.value.type, encoded.v);
  if (key === INVALID || value === INVALID) {
    throw configError(
      owner,
      'ordering',
      `${owner} cannot continue after a row whose ordering values do not fit their columns. ` +
        'Fix: order by columns that hold plain numbers, strings, UUIDs, booleans or dates.',
    );
  }
  return { value, key, reverse: false, inclusive: false };
}

function readKey(key: KeyColumn, row: ObjectLiteral, owner: string): EncodedPosition['k'] {
  // The database-side value (after a column transformer), since that is what gets compared.
  const value = encodeKeyValue(key.type, key.column.getEntityValue(row, true));
  if (value === undefined) {
    throw configError(
      owner,
      'ordering',
      `${owner} cannot build a cursor: a row has no usable "${key.column.propertyPath}" ` +
        'value. Fix: keep the ordering column and the primary key in the selection of the query, ' +
        'and store only non-null, finite values in them.',
    );
  }
  return value;
}

function keyColumn(
  query: SelectQueryBuilder<ObjectLiteral>,
  column: ColumnMetadata,
  owner: string,
): KeyColumn {
  const dataSource = dataSourceOf(query);
  const driver = dataSource.options.type;
  const type = keyColumnTypeOf(dataSource, column);
  if (type === null) {
    const databaseType = dataSource.driver.normalizeType(column);
    throw configError(
      owner,
      'ordering',
      `${owner} cannot order by "${column.propertyPath}" of ` +
        `${column.entityMetadata.name}: a cursor cannot hold a ${databaseType} value. Fix: ` +
        'order by a column of a number, string, UUID, boolean, date or date-time type.',
    );
  }
  const name = `${query.escape(query.alias)}.${query.escape(column.databaseName)}`;
  return {
    column,
    type,
    sql:
      type.kind === 'datetime'
        ? datetimeSql(name, column, driver)
        : isOrderedText(dataSource, column)
          ? // Code-point order, the same in the ORDER BY and the comparisons with a cursor.
            codePointText(driver, name)
          : name,
  };
}

function configError(owner: string, property: string, message: string): RestflowConfigError {
  return new RestflowConfigError(`${owner}.${property}`, message);
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
  if (isPostgresDriver(driver) && (column.precision ?? 6) > 3) {
    return `date_trunc('milliseconds', ${name})`;
  }
  if (isMysqlDriver(driver) && (column.precision ?? 0) > 3) {
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
