import { codePointText, mysqlBinaryText } from '../../core/code-point-order.util';
import { dataSourceOf } from '../../core/typeorm-compat.util';
import { datePartSql } from './date-part.util';
import { escapeLike, LIKE_ESCAPE } from './like-pattern.util';
import { assertLookupDialect } from './lookup-dialect.util';
import {
  LOOKUP_COMPARISONS as COMPARISONS,
  LOOKUP_TRANSFORMS as TRANSFORMS,
  POSTGRES_LOOKUPS,
  TEXT_LOOKUPS,
  type BuildLookupOptions,
  type LookupArrayItem,
  type LookupColumnType,
  type LookupComparison,
  type LookupCondition,
  type LookupName,
  type LookupScalarType,
  type LookupTransform,
  type PostgresLookup,
  type TextLookup,
} from './lookup.types';
import { sqliteUnicodeLower } from './sqlite-lower.util';
import { sqlDialect, type SqlDialect } from './sql-dialect.util';
import type { DataSource } from 'typeorm';

const OPERATORS: Readonly<Record<'exact' | 'gt' | 'gte' | 'lt' | 'lte', string>> = {
  exact: '=',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
};

/** Array column operators; `exact` (and `in`, a list filter's base) compare whole arrays. */
const ARRAY_OPERATORS: Readonly<Record<string, string>> = {
  exact: '=',
  in: '=',
  contains: '@>',
  overlap: '&&',
  contained_by: '<@',
};

/** How a value is bound: the column's own type, or what a transform yields. */
type ValueKind = LookupScalarType;

const PARAMETER_PREFIX = /^[A-Za-z0-9_]+$/;
/** An SQL type name as PostgreSQL spells it (`integer`, `character varying`): never user text. */
const SQL_TYPE = /^[A-Za-z_][A-Za-z0-9_ ]*$/;

/**
 * Translates one filter condition (a Django-style lookup on one column) into a parameterised SQL
 * condition that means the same on SQLite (sqlite, sql.js, better-sqlite3), PostgreSQL and
 * MySQL/MariaDB. Every value is a bound parameter named `<parameterPrefix>_<role>`.
 *
 * Semantics, identical on every dialect:
 * - `exact`, `in`, `gt`, `gte`, `lt`, `lte`, `range` (inclusive) compare strings case-sensitively
 *   and in code-point order (a binary collation on MySQL, `COLLATE "C"` for ordering on
 *   PostgreSQL); `exact` with `null` is `IS NULL`; `in` with an empty list matches nothing.
 * - `contains`, `startswith`, `endswith` are case-sensitive, their `i` variants case-insensitive;
 *   `%`, `_` and `!` in the value match literally (LIKE with `ESCAPE '!'`).
 * - `isnull` takes a boolean.
 * - A transform (`date`, `year`, `month`, `day`, `week` (ISO), `week_day` (1 = Sunday),
 *   `quarter`, `time`, `hour`, `minute`, `second`) extracts a part of a date/time column first,
 *   then `lookup` compares it (`exact` when `lookup` is the transform itself).
 * - `negate` is Django's `exclude()`: `NOT (condition AND column IS NOT NULL)`, so rows where the
 *   column is NULL are matched by the negation; a negated `isnull` is a plain `NOT`.
 *
 * PostgreSQL only (any other dialect throws a `RestflowConfigError` before building SQL):
 * - On string columns, Django's `postgres` lookups: `search` is full-text search with the
 *   database's `default_text_search_config` (Django without `config`):
 *   `to_tsvector(COALESCE(column, '')) @@ plainto_tsquery(value)`; `trigram_similar` is
 *   `column % value` (pg_trgm, above `pg_trgm.similarity_threshold`, 0.3 by default);
 *   `unaccent` is `unaccent(column) = unaccent(value)` (unaccent extension; still case-sensitive).
 *   The extensions must be installed in the database (`CREATE EXTENSION pg_trgm` / `unaccent`).
 * - On array columns (`columnType: 'array'` with `arrayItem`), Django's `ArrayField` lookups; the
 *   value is a list, bound as one parameter cast to the column's array type
 *   (`CAST(:p AS integer[])`): `contains` is `column @> list`, `overlap` is `column && list`,
 *   `contained_by` is `column <@ list`, `exact` (and `in`, the base lookup of a list filter)
 *   compares the whole array (order and duplicates count), `isnull` as usual. An empty list is
 *   contained by every array, overlaps none, and contains only empty arrays.
 *
 * Values: strings for string columns, numbers (or numeric strings, or bigints) for numbers,
 * booleans for booleans, a `Date` or `'YYYY-MM-DD'` for dates, a `Date` or ISO string for
 * date-times, `'HH:MM[:SS[.fff]]'` (or a `Date`, its UTC time) for times; a transform to a number
 * takes numbers. A value of the wrong shape throws an `Error`: validate input before calling.
 *
 * @throws {Error} for an unknown lookup, a lookup that does not fit the column type, a malformed
 * value (such as a `range` without exactly two values), an invalid `parameterPrefix`, or an
 * unsupported database driver.
 * @throws {RestflowConfigError} for a PostgreSQL-only lookup (or an array column) on another
 * dialect.
 * @example
 * ```ts
 * const query = dataSource.getRepository(Sample).createQueryBuilder('sample');
 * const condition = buildLookup({
 *   query,
 *   column: `${query.escape('sample')}.${query.escape('happened_at')}`,
 *   columnType: 'datetime',
 *   transform: 'year',
 *   lookup: 'gte',
 *   value: 2024,
 *   negate: false,
 *   parameterPrefix: 'restflow_filter_0',
 * });
 * // PostgreSQL: { sql: 'CAST(EXTRACT(YEAR FROM "sample"."happened_at") AS INTEGER) >= :restflow_filter_0_value',
 * //               parameters: { restflow_filter_0_value: 2024 } }
 * const rows = await query.andWhere(condition.sql, condition.parameters).getMany();
 *
 * // PostgreSQL array column (`@Column('int', { array: true }) sizes`): sizes && {38, 40}
 * buildLookup({
 *   query,
 *   column: `${query.escape('sample')}.${query.escape('sizes')}`,
 *   columnType: 'array',
 *   arrayItem: { columnType: 'number', sqlType: 'integer' },
 *   lookup: 'overlap',
 *   value: [38, 40],
 *   negate: false,
 *   parameterPrefix: 'restflow_filter_1',
 * });
 * // { sql: '"sample"."sizes" && CAST(:restflow_filter_1_values AS integer[])',
 * //   parameters: { restflow_filter_1_values: [38, 40] } }
 * ```
 */
export function buildLookup(options: BuildLookupOptions): LookupCondition {
  const { column, columnType, lookup, value, parameterPrefix } = options;
  if (!PARAMETER_PREFIX.test(parameterPrefix)) {
    throw new Error(
      `Invalid parameterPrefix "${parameterPrefix}": use only letters, digits and underscores.`,
    );
  }
  const dialect = sqlDialect(options.query);
  // Defensive: filter sets are checked at boot (assertFilterSetDialect), direct callers here.
  assertLookupDialect(lookup, columnType === 'array', dataSourceOf(options.query).options.type);
  const context: Context = {
    dialect,
    dataSource: dataSourceOf(options.query),
    column,
    columnType,
    parameterPrefix,
    parameters: {},
    integerRange: undefined,
  };

  if (lookup === 'isnull') {
    if (options.transform !== undefined) {
      throw new Error(`The "isnull" lookup cannot follow the "${options.transform}" transform.`);
    }
    if (typeof value !== 'boolean') {
      throw new Error(`The "isnull" lookup needs a boolean value, got ${describe(value)}.`);
    }
    const sql = `${column} IS ${value ? '' : 'NOT '}NULL`;
    return { sql: options.negate ? `NOT (${sql})` : sql, parameters: {} };
  }

  if (lookup === 'exact' && value === null && options.transform === undefined) {
    const isNull = `${column} IS NULL`;
    return { sql: options.negate ? `NOT (${isNull})` : isNull, parameters: {} };
  }

  let sql: string;
  if (columnType === 'array') {
    if (options.transform !== undefined) {
      throw new Error(`The "${options.transform}" transform does not apply to an array column.`);
    }
    sql = arrayCondition(context, options.arrayItem, lookup, value);
  } else if (options.transform !== undefined || TRANSFORMS.has(lookup)) {
    const [transform, comparison] = resolveTransform(options.transform, lookup);
    const kind: ValueKind =
      transform === 'date' ? 'date' : transform === 'time' ? 'time' : 'number';
    // Date parts are small integers (an INTEGER cast on PostgreSQL).
    const partContext = kind === 'number' ? { ...context, integerRange: INT32 } : context;
    sql = compare(
      partContext,
      datePartSql(dialect, column, columnType, transform),
      kind,
      comparison,
      value,
    );
  } else if (TEXT_LOOKUPS.has(lookup)) {
    sql = textCondition(context, lookup as TextLookup, value);
  } else if (POSTGRES_LOOKUPS.has(lookup)) {
    sql = postgresCondition(context, lookup as PostgresLookup, value);
  } else if (COMPARISONS.has(lookup)) {
    const comparison = lookup as LookupComparison;
    const columnContext =
      columnType === 'number' ? { ...context, integerRange: options.integerRange } : context;
    sql = compare(columnContext, columnSql(context, comparison), columnType, comparison, value);
  } else if (lookup === 'overlap' || lookup === 'contained_by') {
    throw new Error(`The "${lookup}" lookup needs an array column, not a ${columnType} column.`);
  } else {
    throw new Error(`Unknown lookup "${String(lookup)}".`);
  }

  if (options.negate) {
    sql = options.nullable === false ? `NOT (${sql})` : `NOT (${sql} AND ${column} IS NOT NULL)`;
  }
  return { sql, parameters: context.parameters };
}

interface Context {
  readonly dialect: SqlDialect;
  readonly dataSource: DataSource;
  readonly column: string;
  readonly columnType: LookupColumnType;
  readonly parameterPrefix: string;
  readonly parameters: Record<string, unknown>;
  /** The values the compared integer expression can hold, if it is one. */
  readonly integerRange: readonly [number, number] | undefined;
}

const INT32: readonly [number, number] = [-2147483648, 2147483647];

/** Conditions that hold for no row, and for every row where the expression is not NULL. */
const NEVER = '1 = 0';
const always = (expression: string): string => `${expression} IS NOT NULL`;

/** Where `value` lies against an integer range: inside it, below it, or above it. */
function placeOf(
  range: readonly [number, number] | undefined,
  value: unknown,
): 'inside' | 'below' | 'above' {
  const number =
    typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (range === undefined || Number.isNaN(number)) return 'inside';
  return number < range[0] ? 'below' : number > range[1] ? 'above' : 'inside';
}

/** `column <op> CAST(:values AS <item type>[])`, Django's `ArrayField` lookups. */
function arrayCondition(
  context: Context,
  item: LookupArrayItem | undefined,
  lookup: LookupName,
  value: unknown,
): string {
  if (item === undefined) {
    throw new Error(
      'An array column needs `arrayItem`: the column type and SQL type of its items, e.g. ' +
        "{ columnType: 'string', sqlType: 'text' }.",
    );
  }
  const operator = ARRAY_OPERATORS[lookup];
  if (operator === undefined) {
    throw new Error(
      `The "${lookup}" lookup does not apply to an array column; use one of exact, contains, ` +
        'overlap, contained_by, isnull.',
    );
  }
  if (!Array.isArray(value)) {
    throw new Error(
      `The "${lookup}" lookup of an array column needs a list of values, got ${describe(value)}.`,
    );
  }
  if (item.sqlType !== undefined && !SQL_TYPE.test(item.sqlType)) {
    throw new Error(
      `Invalid arrayItem.sqlType "${item.sqlType}": use a type name such as "text" or "integer".`,
    );
  }
  const items = value.map((entry) => bindableValue(context.dialect, item.columnType, entry));
  const placeholder = bind(context, 'values', items);
  const list =
    item.sqlType === undefined ? placeholder : `CAST(${placeholder} AS ${item.sqlType}[])`;
  return `${context.column} ${operator} ${list}`;
}

/** Django's `search`, `trigram_similar` and `unaccent` lookups of text columns. */
function postgresCondition(context: Context, lookup: PostgresLookup, value: unknown): string {
  const { column, columnType } = context;
  if (columnType !== 'string') {
    throw new Error(`The "${lookup}" lookup needs a string column, not a ${columnType} column.`);
  }
  if (typeof value !== 'string') {
    throw new Error(`The "${lookup}" lookup needs a string value, got ${describe(value)}.`);
  }
  const bound = bind(context, 'value', value);
  switch (lookup) {
    case 'search':
      return `to_tsvector(COALESCE(${column}, '')) @@ plainto_tsquery(${bound})`;
    case 'trigram_similar':
      return `${column} % ${bound}`;
    case 'unaccent':
      return `unaccent(${column}) = unaccent(${bound})`;
  }
}

function resolveTransform(
  transform: LookupTransform | undefined,
  lookup: LookupName,
): [LookupTransform, LookupComparison] {
  if (transform === undefined) {
    return [lookup as LookupTransform, 'exact'];
  }
  if (!TRANSFORMS.has(transform)) {
    throw new Error(`Unknown transform "${String(transform)}".`);
  }
  if (!COMPARISONS.has(lookup)) {
    throw new Error(
      `The "${lookup}" lookup cannot follow the "${transform}" transform; use one of ` +
        `${[...COMPARISONS].join(', ')}.`,
    );
  }
  return [transform, lookup as LookupComparison];
}

/** Adds a parameter and returns its placeholder. */
function bind(context: Context, role: string, value: unknown, list = false): string {
  const name = `${context.parameterPrefix}_${role}`;
  context.parameters[name] = value;
  return list ? `(:...${name})` : `:${name}`;
}

/** The column as compared by `exact`, `in` and the order comparisons. */
function columnSql(context: Context, comparison: LookupComparison): string {
  const { dialect, column, columnType } = context;
  if (dialect === 'sqlite') {
    // SQLite stores dates and times as text, possibly in more than one format: normalise.
    if (columnType === 'datetime') {
      return `strftime('%Y-%m-%d %H:%M:%f', ${column})`;
    }
    if (columnType === 'time') {
      return `strftime('%H:%M:%f', ${column})`;
    }
  }
  if (columnType === 'string') {
    if (dialect === 'postgres' && (comparison === 'exact' || comparison === 'in')) {
      // Equality is already by characters there (deterministic collations); keeps the index.
      return column;
    }
    // Otherwise the collation decides: case-insensitive and PAD SPACE on MySQL/MariaDB,
    // the database locale on PostgreSQL ('a' < 'B' under en_US). PostgreSQL's uuid and enum
    // types take no collation: compared as their text, as the other dialects store them.
    const text = dialect === 'postgres' ? `CAST(${column} AS text)` : column;
    return codePointText(context.dataSource.options.type, text);
  }
  return column;
}

function compare(
  context: Context,
  expression: string,
  kind: ValueKind,
  comparison: LookupComparison,
  value: unknown,
): string {
  switch (comparison) {
    case 'in': {
      if (!Array.isArray(value)) {
        throw new Error(`The "in" lookup needs a list of values, got ${describe(value)}.`);
      }
      const values = value
        .filter((item) => item !== null && item !== undefined)
        .filter((item) => placeOf(context.integerRange, item) === 'inside')
        .map((item) => bindableValue(context.dialect, kind, item));
      if (values.length === 0) {
        return NEVER;
      }
      return `${expression} IN ${bind(context, 'values', values, true)}`;
    }
    case 'range': {
      if (!Array.isArray(value) || value.length !== 2) {
        throw new Error(
          `The "range" lookup needs exactly two values (lower and upper bound), got ${describe(value)}.`,
        );
      }
      const range = context.integerRange;
      if (range !== undefined) {
        if (placeOf(range, value[0]) === 'above' || placeOf(range, value[1]) === 'below') {
          return NEVER;
        }
        // An end beyond the range bounds nothing: clamp it to the range.
        const low = placeOf(range, value[0]) === 'below' ? range[0] : (value[0] as unknown);
        const high = placeOf(range, value[1]) === 'above' ? range[1] : (value[1] as unknown);
        value = [low, high];
      }
      const [from, to] = (value as unknown[]).map((item) =>
        bindableValue(context.dialect, kind, item),
      );
      return (
        `${expression} BETWEEN ${bind(context, 'from', from)} ` + `AND ${bind(context, 'to', to)}`
      );
    }
    default: {
      const place = placeOf(context.integerRange, value);
      if (place !== 'inside') {
        // Every value the expression holds is above (or below) the compared number.
        const holds =
          comparison === 'exact'
            ? false
            : (place === 'above') === (comparison === 'lt' || comparison === 'lte');
        return holds ? always(expression) : NEVER;
      }
      const bound = bind(context, 'value', bindableValue(context.dialect, kind, value));
      return `${expression} ${OPERATORS[comparison]} ${bound}`;
    }
  }
}

function textCondition(context: Context, lookup: TextLookup, value: unknown): string {
  const { dialect, column, columnType } = context;
  if (columnType !== 'string') {
    throw new Error(`The "${lookup}" lookup needs a string column, not a ${columnType} column.`);
  }
  if (typeof value !== 'string') {
    throw new Error(`The "${lookup}" lookup needs a string value, got ${describe(value)}.`);
  }
  // Lower case over all of Unicode, compared code point by code point on every dialect.
  const lower = dialect === 'sqlite' ? sqliteUnicodeLower(context.dataSource) : 'LOWER';
  const folded = (sql: string): string =>
    dialect === 'mysql' ? mysqlBinaryText(`LOWER(${sql})`) : `${lower}(${sql})`;
  if (lookup === 'iexact') {
    return `${folded(column)} = ${folded(bind(context, 'value', value))}`;
  }
  const escaped = escapeLike(value);
  const pattern =
    lookup === 'contains' || lookup === 'icontains'
      ? `%${escaped}%`
      : lookup === 'startswith' || lookup === 'istartswith'
        ? `${escaped}%`
        : `%${escaped}`;
  const escape = `ESCAPE '${LIKE_ESCAPE}'`;
  if (lookup.startsWith('i')) {
    return `${folded(column)} LIKE ${folded(bind(context, 'pattern', pattern))} ${escape}`;
  }
  switch (dialect) {
    case 'sqlite': {
      // SQLite's LIKE ignores ASCII case: compare the characters instead (no pattern needed).
      const needle = bind(context, 'value', value);
      if (lookup === 'contains') {
        return `instr(${column}, ${needle}) > 0`;
      }
      if (lookup === 'startswith') {
        return `substr(${column}, 1, length(${needle})) = ${needle}`;
      }
      return `substr(${column}, length(${column}) - length(${needle}) + 1) = ${needle}`;
    }
    case 'mysql':
      return `${mysqlBinaryText(column)} LIKE ${bind(context, 'pattern', pattern)} ${escape}`;
    case 'postgres':
      return `${column} LIKE ${bind(context, 'pattern', pattern)} ${escape}`;
  }
}

const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;
const TIME_TEXT = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/;

/** A value as bound for a column (or transform result) of `kind`. */
function bindableValue(dialect: SqlDialect, kind: ValueKind, value: unknown): unknown {
  switch (kind) {
    case 'string':
      if (typeof value !== 'string') {
        throw new Error(`A string column needs a string value, got ${describe(value)}.`);
      }
      return value;
    case 'number':
      if (
        (typeof value === 'number' && Number.isFinite(value)) ||
        typeof value === 'bigint' ||
        (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))
      ) {
        return typeof value === 'bigint' ? value.toString() : value;
      }
      throw new Error(`A number is needed, got ${describe(value)}.`);
    case 'boolean':
      if (typeof value !== 'boolean') {
        throw new Error(`A boolean column needs a boolean value, got ${describe(value)}.`);
      }
      // sql.js binds no booleans inside lists: 1/0 is what SQLite stores.
      return dialect === 'sqlite' ? Number(value) : value;
    case 'date':
      if (value instanceof Date && !Number.isNaN(value.getTime())) {
        return value.toISOString().slice(0, 10);
      }
      if (typeof value === 'string' && DATE_TEXT.test(value)) {
        return value;
      }
      throw new Error(`A date (Date or "YYYY-MM-DD") is needed, got ${describe(value)}.`);
    case 'datetime': {
      const date = typeof value === 'string' ? new Date(value) : value;
      if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
        throw new Error(`A date-time (Date or ISO 8601 text) is needed, got ${describe(value)}.`);
      }
      // SQLite: the text TypeORM stores (UTC); elsewhere the driver serialises it as it persists.
      return dialect === 'sqlite' ? date.toISOString().slice(0, 23).replace('T', ' ') : date;
    }
    case 'time':
      return timeText(value);
  }
}

/** `HH:MM:SS.SSS`, the form SQLite's `strftime('%H:%M:%f')` gives and every dialect reads. */
function timeText(value: unknown): string {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString().slice(11, 23);
  }
  const match = typeof value === 'string' ? TIME_TEXT.exec(value) : null;
  if (match === null) {
    throw new Error(`A time ("HH:MM[:SS[.fff]]" or Date) is needed, got ${describe(value)}.`);
  }
  const [, hours, minutes, seconds = '00', fraction = ''] = match;
  return `${hours}:${minutes}:${seconds}.${fraction.padEnd(3, '0').slice(0, 3)}`;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) {
    return `a list of ${value.length}`;
  }
  return value === null ? 'null' : typeof value;
}
