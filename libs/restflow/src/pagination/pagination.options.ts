import {
  integerOption,
  nullableClassOption,
  nullableStringOption,
  type OptionRule,
} from '../config/option-rules';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { PaginatorClass } from './paginator.interface';

/**
 * Pagination defaults: what a view paginates with when neither the action nor the view names a
 * paginator, and the page sizes paginators fall back to.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({ pagination: { defaultPaginationClass: PageNumberPagination, pageSize: 25 } });
 * ```
 * @publicApi
 */
export interface PaginationOptions {
  /** Paginator of views that set none; `null` returns plain arrays. @default null */
  defaultPaginationClass?: PaginatorClass | null;
  /** Items per page. @default 20 */
  pageSize?: number;
  /** Largest page size a client may request. Must be at least `pageSize`. @default 100 */
  maxPageSize?: number;
  /** Query parameter for a client-chosen page size (`null`: fixed size). @default null */
  pageSizeQueryParam?: string | null;
}

/**
 * Defaults and validation rules of the `pagination` section of `RestflowModule.forRoot()`.
 *
 * @internal
 */
export const PAGINATION_OPTION_RULES = {
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
} as const satisfies Record<keyof PaginationOptions, OptionRule<unknown>>;

/**
 * Rules of the `pagination` section that involve more than one option: `maxPageSize` must be at
 * least `pageSize`.
 *
 * @throws {RestflowConfigError} naming the option and the fix.
 * @example
 * ```ts
 * checkPaginationOptions({ pageSize: 20, maxPageSize: 100 });
 * ```
 * @internal
 */
export function checkPaginationOptions(pagination: {
  readonly pageSize: number;
  readonly maxPageSize: number;
}): void {
  const { pageSize, maxPageSize } = pagination;
  if (maxPageSize < pageSize) {
    throw new RestflowConfigError(
      'pagination.maxPageSize',
      `Invalid RestflowModule option "pagination.maxPageSize": must be at least pagination.pageSize ` +
        `(${pageSize}), got ${maxPageSize}. Fix: raise maxPageSize or lower pageSize.`,
    );
  }
}
