/**
 * Text in code-point order on every dialect: the one place that knows how each database is told
 * to compare strings by their characters (SQLite's BINARY collation) instead of its collation
 * (case-insensitive and PAD SPACE on MySQL/MariaDB, the database locale on PostgreSQL). Filter
 * lookups, filter-set orderings and keyset (cursor) pagination use it, so that a comparison and
 * the ORDER BY it pages through always agree.
 */
import type { DataSource, EntityMetadata } from 'typeorm';
import { isSqliteDriver, keyColumnType } from './column-type.util';
import { KeyedCache } from './keyed-cache.util';

type ColumnMetadata = EntityMetadata['columns'][number];

const POSTGRES_DRIVERS = new Set(['postgres', 'aurora-postgres', 'cockroachdb']);
const MYSQL_DRIVERS = new Set(['mysql', 'mariadb', 'aurora-mysql']);

/**
 * Whether `driver` (a DataSource `type`) belongs to the PostgreSQL family.
 *
 * @example
 * ```ts
 * isPostgresDriver('cockroachdb'); // true
 * ```
 */
export function isPostgresDriver(driver: string): boolean {
  return POSTGRES_DRIVERS.has(driver);
}

/**
 * Whether `driver` (a DataSource `type`) belongs to the MySQL/MariaDB family.
 *
 * @example
 * ```ts
 * isMysqlDriver('mariadb'); // true
 * ```
 */
export function isMysqlDriver(driver: string): boolean {
  return MYSQL_DRIVERS.has(driver);
}

/**
 * MySQL/MariaDB text as its UTF-8 bytes: compared and ordered byte by byte (which is code-point
 * order: case- and accent-sensitive) and without PAD SPACE, so `'a '` is neither equal to nor
 * sorted with `'a'` (the `_bin` collations pad).
 *
 * @example
 * ```ts
 * mysqlBinaryText('`word`.`text`'); // 'CAST(CONVERT(`word`.`text` USING utf8mb4) AS BINARY)'
 * ```
 */
export function mysqlBinaryText(sql: string): string {
  return `CAST(CONVERT(${sql} USING utf8mb4) AS BINARY)`;
}

/**
 * The SQL of the text expression `sql` as compared and ordered in code-point order on the
 * database of `driver`: `sql COLLATE "C"` on PostgreSQL, {@link mysqlBinaryText} on
 * MySQL/MariaDB, `sql COLLATE BINARY` on SQLite (its default, stated so that a `NOCASE` column
 * orders the same). Other drivers get `sql` unchanged.
 *
 * @example
 * ```ts
 * codePointText('postgres', '"word"."text"'); // '"word"."text" COLLATE "C"'
 * ```
 */
export function codePointText(driver: string, sql: string): string {
  if (isPostgresDriver(driver)) return `${sql} COLLATE "C"`;
  if (isMysqlDriver(driver)) return mysqlBinaryText(sql);
  if (isSqliteDriver(driver)) return `${sql} COLLATE BINARY`;
  return sql;
}

const WRAPPED = [
  /^(.+) COLLATE "C"$/s,
  /^CAST\(CONVERT\((.+) USING utf8mb4\) AS BINARY\)$/s,
  /^(.+) COLLATE BINARY$/s,
];

/**
 * The expression inside a {@link codePointText} wrapper, or `sql` itself: lets code that reads a
 * query's ORDER BY back (such as `iterateQuery()`) find the column under it.
 *
 * @example
 * ```ts
 * unwrapCodePointText('"word"."text" COLLATE "C"'); // '"word"."text"'
 * ```
 */
export function unwrapCodePointText(sql: string): string {
  for (const pattern of WRAPPED) {
    const match = pattern.exec(sql);
    if (match?.[1] !== undefined) return match[1];
  }
  return sql;
}

/** Per column: {@link isOrderedText}'s answer, worked out once (orderings ask per request). */
const ORDERED_TEXT = new KeyedCache<ColumnMetadata, DataSource, boolean>();

/**
 * Whether `column` holds text that {@link codePointText} should order: a character or text
 * column (not an enum, a UUID, a number, ... and not PostgreSQL's `citext`, case-insensitive by
 * choice).
 *
 * @example
 * ```ts
 * isOrderedText(dataSource, metadata.findColumnWithPropertyPath('name')!); // true for varchar
 * ```
 */
export function isOrderedText(dataSource: DataSource, column: ColumnMetadata): boolean {
  return ORDERED_TEXT.get(column, dataSource, () => {
    const type = dataSource.driver.normalizeType(column);
    return (
      type.toLowerCase() !== 'citext' &&
      keyColumnType(column, type, dataSource.options.type)?.kind === 'string'
    );
  });
}
