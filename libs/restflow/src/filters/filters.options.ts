import { integerOption, stringListOption, type OptionRule } from '../config/option-rules';
import { FILTER_INPUT_LIMITS } from './filter-input-limits';

/**
 * Defaults of every filter set.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({ filters: { strict: true } });
 * ```
 * @publicApi
 */
export interface FiltersOptions {
  /**
   * Answer unknown query parameters with 400 "Unknown filter parameter." in every filter set
   * whose `meta.strict` is unset.
   * @default false
   */
  strict?: boolean;
  /**
   * Parameters strict filter sets accept without filtering on them (besides `meta.ignoredParams`
   * and `pagination.pageSizeQueryParam`).
   * @default ['page', 'page_size', 'limit', 'offset', 'cursor', 'format']
   */
  ignoredParams?: string[];
  /**
   * Most values of one list parameter (`id__in=1,2,3`, `range`, list filters): more is a 400
   * "Ensure this field has no more than {n} elements.". At most 10000, so that a query stays
   * below every driver's limit of bound parameters (SQLite 32766, PostgreSQL and MySQL 65535);
   * the list values of one request together are capped at 30000. A filter set's
   * `meta.maxListLength` overrides it.
   * @default 1000
   */
  maxListLength?: number;
  /**
   * Most characters of one parameter value (each value of a list): more is a 400 "Ensure this
   * field has no more than {n} characters.". At most 10000 (SQLite refuses LIKE patterns over
   * 50000 bytes). A filter set's `meta.maxValueLength` overrides it.
   * @default 1000
   */
  maxValueLength?: number;
}

/**
 * Defaults and validation rules of the `filters` section of `RestflowModule.forRoot()`.
 *
 * @internal
 */
export const FILTERS_OPTION_RULES = {
  strict: {
    default: false,
    expected: 'true or false',
    fix: 'use true to answer unknown query parameters with 400, or false to ignore them.',
    accept: (value: unknown) => (typeof value === 'boolean' ? value : undefined),
  } satisfies OptionRule<boolean>,
  ignoredParams: stringListOption({
    default: ['page', 'page_size', 'limit', 'offset', 'cursor', 'format'],
    pattern: /^[^\s]+$/,
    expected: 'a non-empty list of query parameter names',
    fix: 'list the parameters strict filter sets must accept without filtering, e.g. ["page"].',
  }),
  maxListLength: integerOption({
    ...FILTER_INPUT_LIMITS.maxListLength,
    expected: `an integer from 1 to ${FILTER_INPUT_LIMITS.maxListLength.max}`,
    fix: "use a bound below every database driver's limit of bound parameters, e.g. 1000.",
  }),
  maxValueLength: integerOption({
    ...FILTER_INPUT_LIMITS.maxValueLength,
    expected: `an integer from 1 to ${FILTER_INPUT_LIMITS.maxValueLength.max}`,
    fix: "use a bound below SQLite's 50000-byte LIKE patterns, e.g. 1000.",
  }),
} as const satisfies Record<keyof FiltersOptions, OptionRule<unknown>>;
