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
 * Every lookup {@link buildLookup} translates. A transform name alone (`'year'`) means the
 * transform followed by `exact`.
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
  | LookupTransform;

/**
 * What the column holds, as far as a lookup cares: it decides how values are bound and how
 * dates and times are normalised per dialect.
 *
 * @example
 * ```ts
 * const type: LookupColumnType = 'datetime'; // a `timestamp` / `datetime` column
 * ```
 */
export type LookupColumnType = 'string' | 'number' | 'boolean' | 'date' | 'datetime' | 'time';

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
  /** The lookup; with `transform`, the comparison applied to the extracted part. */
  readonly lookup: LookupName;
  /** A date or time part to extract first (`createdAt__year__gte`). */
  readonly transform?: LookupTransform;
  /**
   * The value: a scalar; a list for `in`; a pair for `range`; a boolean for `isnull`. `null` with
   * `exact` means `IS NULL` (as in Django).
   */
  readonly value: unknown;
  /** Django `exclude()` semantics: rows where the column is NULL are matched by the negation. */
  readonly negate: boolean;
  /**
   * Whether the column may hold NULL. Only changes the negated SQL (no `IS NOT NULL` guard for a
   * NOT NULL column), never the result. @default true
   */
  readonly nullable?: boolean;
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
