import type { LookupColumnType, LookupTransform } from './lookup.types';
import type { SqlDialect } from './sql-dialect.util';

/**
 * SQL that extracts `transform` from `column`, with the same result on every dialect: an integer
 * for the numeric parts (`week` is the ISO 8601 week, `week_day` 1 = Sunday … 7 = Saturday,
 * `second` without its fraction), a date for `date`, a time for `time` (on SQLite the text
 * `HH:MM:SS.SSS`, which the bound value is normalised to as well). Date-times are read as
 * stored: TypeORM stores them in UTC on SQLite, and on PostgreSQL and MySQL in the time zone of
 * the connection (UTC with `timezone: 'Z'` on MySQL and a UTC process or session on PostgreSQL).
 *
 * @example
 * ```ts
 * datePartSql('sqlite', '"s"."day"', 'date', 'quarter');
 * // "((CAST(strftime('%m', "s"."day") AS INTEGER) + 2) / 3)"
 * ```
 */
export function datePartSql(
  dialect: SqlDialect,
  column: string,
  columnType: LookupColumnType,
  transform: LookupTransform,
): string {
  switch (dialect) {
    case 'sqlite':
      return sqliteDatePart(column, transform);
    case 'postgres':
      return postgresDatePart(column, columnType, transform);
    case 'mysql':
      return mysqlDatePart(column, transform);
  }
}

function sqliteDatePart(column: string, transform: LookupTransform): string {
  const part = (format: string): string => `CAST(strftime('${format}', ${column}) AS INTEGER)`;
  switch (transform) {
    case 'date':
      return `date(${column})`;
    case 'time':
      return `strftime('%H:%M:%f', ${column})`;
    case 'year':
      return part('%Y');
    case 'month':
      return part('%m');
    case 'day':
      return part('%d');
    case 'hour':
      return part('%H');
    case 'minute':
      return part('%M');
    case 'second':
      return part('%S');
    case 'week_day':
      return `(${part('%w')} + 1)`;
    case 'quarter':
      return `((${part('%m')} + 2) / 3)`;
    case 'week':
      // The Thursday of the ISO week (Monday..Sunday) lies in the ISO year; its day of the year
      // gives the week. Written without %V, which only SQLite 3.46+ knows.
      return `((CAST(strftime('%j', date(${column}, '-3 days', 'weekday 4')) AS INTEGER) - 1) / 7 + 1)`;
  }
}

function postgresDatePart(
  column: string,
  columnType: LookupColumnType,
  transform: LookupTransform,
): string {
  const part = (field: string): string => `CAST(EXTRACT(${field} FROM ${column}) AS INTEGER)`;
  switch (transform) {
    case 'date':
      return `CAST(${column} AS DATE)`;
    case 'time':
      return columnType === 'time' ? column : `CAST(${column} AS TIME)`;
    case 'year':
      return part('YEAR');
    case 'month':
      return part('MONTH');
    case 'day':
      return part('DAY');
    case 'hour':
      return part('HOUR');
    case 'minute':
      return part('MINUTE');
    case 'second':
      // EXTRACT(SECOND) includes the fraction; FLOOR, not a rounding cast.
      return `CAST(FLOOR(EXTRACT(SECOND FROM ${column})) AS INTEGER)`;
    case 'week_day':
      return `(${part('DOW')} + 1)`;
    case 'quarter':
      return part('QUARTER');
    case 'week':
      return part('WEEK');
  }
}

function mysqlDatePart(column: string, transform: LookupTransform): string {
  switch (transform) {
    case 'date':
      return `DATE(${column})`;
    case 'time':
      return `TIME(${column})`;
    case 'year':
      return `YEAR(${column})`;
    case 'month':
      return `MONTH(${column})`;
    case 'day':
      return `DAYOFMONTH(${column})`;
    case 'hour':
      return `HOUR(${column})`;
    case 'minute':
      return `MINUTE(${column})`;
    case 'second':
      return `SECOND(${column})`;
    case 'week_day':
      return `DAYOFWEEK(${column})`;
    case 'quarter':
      return `QUARTER(${column})`;
    case 'week':
      // Mode 3: weeks start on Monday, week 1 is the first with 4+ days (ISO 8601).
      return `WEEK(${column}, 3)`;
  }
}
