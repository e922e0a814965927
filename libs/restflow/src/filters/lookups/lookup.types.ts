import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * The date and time parts a lookup can extract from a column before comparing it (Django's
 * transforms). `week` is the ISO 8601 week number, `week_day` Django's numbering (1 = Sunday …
 * 7 = Saturday), `date` the date part of a date-time, `time` its time part.
 *
 * @example
 * ```ts
 * const transform: LookupTransform = 'quarter'; // createdAt__quarter=2
 * ```
 */
export type LookupTransform =
  | 'date'
  | 'year'
  | 'month'
  | 'day'
  | 'week'
  | 'week_day'
  | 'quarter'
  | 'time'
  | 'hour'
  | 'minute'
  | 'second';

/**
 * The comparisons that may follow a {@link LookupTransform} (`createdAt__year__gte=2024`).
 *
 * @example
 * ```ts
 * const comparison: LookupComparison = 'range'; // createdAt__month__range=3,5
 * ```
 */
export type LookupComparison = 'exact' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'range';

/**
 * The PostgreSQL-only lookups of text columns (drf-restflow's `postgres` category): `search`
 * (full-text search), `trigram_similar` (pg_trgm similarity) and `unaccent` (accent-insensitive
 * equality).
 *
 * @example
 * ```ts
 * const lookup: PostgresLookup = 'trigram_similar'; // name__trigram_similar=cofee
 * ```
 */
export type PostgresLookup = 'search' | 'trigram_similar' | 'unaccent';

/**
 * The lookups of PostgreSQL array columns (drf-restflow's `pg_array` category, with Django's
 * `overlap` where the original library has the defective `overlaps`): the value is a list.
 *
 * @example
 * ```ts
 * const lookup: ArrayLookup = 'overlap'; // tags__overlap=red,blue
 * ```
 */
export type ArrayLookup = 'contains' | 'overlap' | 'contained_by';

/**
 * Every lookup {@link buildLookup} translates. A transform name alone (`'year'`) means the
 * transform followed by `exact`. `contains` is the text lookup on a string column and the
 * array lookup on an array column.
 *
 * @example
 * ```ts
 * const lookup: LookupName = 'istartswith'; // name__istartswith=ab
 * ```
 */
export type LookupName =
  | LookupComparison
  | 'iexact'
  | 'contains'
  | 'icontains'
  | 'startswith'
  | 'istartswith'
  | 'endswith'
  | 'iendswith'
  | 'isnull'
  | LookupTransform
  | PostgresLookup
  | ArrayLookup;

/**
 * What one value of a column holds, as far as a lookup cares: it decides how values are bound and
 * how dates and times are normalised per dialect.
 *
 * @example
 * ```ts
 * const type: LookupScalarType = 'datetime'; // a `timestamp` / `datetime` column
 * ```
 */
export type LookupScalarType = 'string' | 'number' | 'boolean' | 'date' | 'datetime' | 'time';

/**
 * What the column holds, as far as a lookup cares: a scalar ({@link LookupScalarType}), or
 * `'array'` for a PostgreSQL array column (`@Column('text', { array: true })`), whose items are
 * described by {@link BuildLookupOptions.arrayItem}.
 *
 * @example
 * ```ts
 * const type: LookupColumnType = 'datetime'; // a `timestamp` / `datetime` column
 * const tags: LookupColumnType = 'array'; // a `text[]` column
 * ```
 */
export type LookupColumnType = LookupScalarType | 'array';

/**
 * The items of an array column: how each item is bound, and the SQL type the bound list is cast
 * to (`CAST(:p AS <sqlType>[])`), which must be the column's item type for PostgreSQL's array
 * operators (`integer[] @> integer[]`; `varchar[] @> text[]` does not exist).
 *
 * @example
 * ```ts
 * const item: LookupArrayItem = { columnType: 'number', sqlType: 'integer' }; // an `int[]` column
 * ```
 */
export interface LookupArrayItem {
  /** What one item holds. */
  readonly columnType: LookupScalarType;
  /**
   * The SQL type of one item, as PostgreSQL names it (`text`, `integer`, `character varying`);
   * letters, digits, `_` and spaces only. Without it the list is bound uncast and PostgreSQL
   * types it from the column (needed for enum arrays, whose type name is generated).
   */
  readonly sqlType?: string;
}

/**
 * A parameterised condition, ready for `query.andWhere(condition.sql, condition.parameters)`.
 *
 * @example
 * ```ts
 * const condition: LookupCondition = { sql: '"s"."amount" >= :f0_value', parameters: { f0_value: 10 } };
 * query.andWhere(condition.sql, condition.parameters);
 * ```
 */
export interface LookupCondition {
  /** SQL with `:name` / `:...name` placeholders only; never a user value. */
  readonly sql: string;
  /** The values of the placeholders, each named `<parameterPrefix>_<role>`. */
  readonly parameters: Record<string, unknown>;
}

/**
 * The input of {@link buildLookup}: one filter condition on one column.
 *
 * @example
 * ```ts
 * const options: BuildLookupOptions = {
 *   query,
 *   column: `${query.escape('sample')}.${query.escape('happened_at')}`,
 *   columnType: 'datetime',
 *   transform: 'year',
 *   lookup: 'gte',
 *   value: 2024,
 *   negate: false,
 *   parameterPrefix: 'restflow_filter_0',
 * };
 * ```
 */
export interface BuildLookupOptions {
  /** The query the condition is for; only its data source's dialect and `escape` are used. */
  readonly query: SelectQueryBuilder<ObjectLiteral>;
  /** An already-escaped column expression, e.g. `query.escape(alias) + '.' + query.escape(dbName)`. */
  readonly column: string;
  /** What the column holds. */
  readonly columnType: LookupColumnType;
  /** The items of an `array` column (required with `columnType: 'array'`). */
  readonly arrayItem?: LookupArrayItem;
  /** The lookup; with `transform`, the comparison applied to the extracted part. */
  readonly lookup: LookupName;
  /** A date or time part to extract first (`createdAt__year__gte`). */
  readonly transform?: LookupTransform;
  /**
   * The value: a scalar; a list for `in`; a pair for `range`; a boolean for `isnull`; a list for
   * every lookup of an array column but `isnull`. `null` with `exact` means `IS NULL` (as in
   * Django).
   */
  readonly value: unknown;
  /** Django `exclude()` semantics: rows where the column is NULL are matched by the negation. */
  readonly negate: boolean;
  /**
   * Whether the column may hold NULL. Only changes the negated SQL (no `IS NOT NULL` guard for a
   * NOT NULL column), never the result. @default true
   */
  readonly nullable?: boolean;
  /**
   * The values an integer column can hold (`[-2147483648, 2147483647]` for `int`). A compared
   * number outside it decides the condition without reaching the database (PostgreSQL refuses
   * such parameters): `= 2**40` matches nothing, `< 2**40` every non-NULL row.
   */
  readonly integerRange?: readonly [number, number];
  /** Letters, digits and `_`; unique per call so parameters of several conditions never collide. */
  readonly parameterPrefix: string;
}

/**
 * The lookups that transform a date-time column into one of its parts.
 *
 * @example
 * ```ts
 * LOOKUP_TRANSFORMS.has('year'); // true
 * ```
 */
export const LOOKUP_TRANSFORMS: ReadonlySet<string> = new Set<LookupTransform>([
  'date',
  'year',
  'month',
  'day',
  'week',
  'week_day',
  'quarter',
  'time',
  'hour',
  'minute',
  'second',
]);

/**
 * The lookups that compare a value (alone, or after a transform).
 *
 * @example
 * ```ts
 * LOOKUP_COMPARISONS.has('gte'); // true
 * ```
 */
export const LOOKUP_COMPARISONS: ReadonlySet<string> = new Set<LookupComparison>([
  'exact',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'range',
]);

/**
 * A pattern lookup of text columns.
 *
 * @example
 * ```ts
 * const lookup: TextLookup = 'icontains';
 * ```
 */
export type TextLookup =
  'iexact' | 'contains' | 'icontains' | 'startswith' | 'istartswith' | 'endswith' | 'iendswith';

/**
 * The pattern lookups of text columns.
 *
 * @example
 * ```ts
 * TEXT_LOOKUPS.has('icontains'); // true
 * ```
 */
export const TEXT_LOOKUPS: ReadonlySet<string> = new Set<TextLookup>([
  'iexact',
  'contains',
  'icontains',
  'startswith',
  'istartswith',
  'endswith',
  'iendswith',
]);

/**
 * The PostgreSQL-only lookups of text columns.
 *
 * @example
 * ```ts
 * POSTGRES_LOOKUPS.has('search'); // true
 * ```
 */
export const POSTGRES_LOOKUPS: ReadonlySet<string> = new Set<PostgresLookup>([
  'search',
  'trigram_similar',
  'unaccent',
]);

/**
 * The lookups of PostgreSQL array columns. `contains` is also a text lookup: it is the array
 * lookup when the column is an array column (and, in a filter set, when the filter is a list).
 *
 * @example
 * ```ts
 * ARRAY_LOOKUPS.has('contained_by'); // true
 * ```
 */
export const ARRAY_LOOKUPS: ReadonlySet<string> = new Set<ArrayLookup>([
  'contains',
  'overlap',
  'contained_by',
]);
