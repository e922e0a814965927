import { AUTHENTICATION_OPTION_RULES } from '../authentication/authentication.options';
import { JWT_OPTION_RULES } from '../authentication/jwt/jwt.options';
import { FILTER_INPUT_LIMITS } from '../filters/filter-input-limits';
import type { PaginatorClass } from '../pagination/paginator.interface';
import { PERMISSIONS_OPTION_RULES } from '../permissions/permissions.options';
import { THROTTLING_OPTION_RULES } from '../throttling/throttling.options';
import { CACHING_OPTION_RULES } from '../caching/caching.options';
import { HTTP_OPTION_RULES } from '../http/http.options';
import {
  integerOption,
  nullableClassOption,
  nullableStringOption,
  stringListOption,
  stringOption,
  type OptionRule,
  type ResolvedSection,
  type SectionRules,
} from './option-rules';
import type { RestflowModuleOptions } from './restflow-options.interface';

const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i;

/**
 * Defaults and validation rules of every `RestflowModule` option, one entry per section.
 *
 * @internal
 */
export const RESTFLOW_OPTION_RULES = {
  pagination: {
    defaultPaginationClass: nullableClassOption<PaginatorClass>({
      default: null,
      expected: 'a paginator class such as PageNumberPagination, or null',
      fix: 'pass the class itself (not an instance), e.g. PageNumberPagination, or null for plain lists.',
    }),
    pageSize: integerOption({
      default: 20,
      min: 1,
      max: 10_000,
      expected: 'an integer from 1 to 10000',
      fix: 'use a positive whole number of items per page, e.g. 20.',
    }),
    maxPageSize: integerOption({
      default: 100,
      min: 1,
      max: 10_000,
      expected: 'an integer from 1 to 10000',
      fix: 'use a positive whole number at least as large as pageSize, e.g. 100.',
    }),
    pageSizeQueryParam: nullableStringOption({
      default: null,
      pattern: /^[A-Za-z_][\w-]*$/,
      expected: 'a query parameter name such as "page_size", or null',
      fix: 'use letters, digits, "_" or "-", or null to keep the page size fixed.',
    }),
  },
  filters: {
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
  },
  authentication: AUTHENTICATION_OPTION_RULES,
  permissions: PERMISSIONS_OPTION_RULES,
  throttling: THROTTLING_OPTION_RULES,
  http: HTTP_OPTION_RULES,
  caching: CACHING_OPTION_RULES,
  jwt: JWT_OPTION_RULES,
  exceptions: {
    nonFieldErrorsKey: stringOption({
      default: 'non_field_errors',
      pattern: /^[A-Za-z_][\w-]*$/,
      expected: 'an identifier such as "non_field_errors"',
      fix: 'use letters, digits, "_" or "-", starting with a letter or "_".',
    }),
  },
  parsers: {
    mediaTypes: stringListOption({
      default: ['application/json', 'application/x-www-form-urlencoded'],
      pattern: MEDIA_TYPE,
      expected: 'a non-empty list of media types such as "application/json"',
      fix: 'list at least one "type/subtype" without parameters, e.g. ["application/json"].',
    }),
  },
} as const satisfies Record<keyof RestflowModuleOptions, SectionRules>;

/**
 * The name of one options section, such as `'pagination'`.
 *
 * @example
 * ```ts
 * const section: RestflowOptionsSection = 'exceptions';
 * ```
 * @publicApi
 */
export type RestflowOptionsSection = keyof typeof RESTFLOW_OPTION_RULES;

/**
 * Options after `forRoot` input has been defaulted, validated and frozen: what every subsystem
 * reads, one section at a time.
 *
 * @example
 * ```ts
 * constructor(@InjectRestflowOptions('parsers') parsers: ResolvedRestflowOptions['parsers']) {}
 * ```
 * @publicApi
 */
export type ResolvedRestflowOptions = {
  readonly [TSection in RestflowOptionsSection]: ResolvedSection<
    (typeof RESTFLOW_OPTION_RULES)[TSection]
  >;
};
