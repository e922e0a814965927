/**
 * Number parsing and setting checks shared by the paginators.
 *
 * @internal
 */
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { RestflowRequest } from '../core/restflow-request.interface';
import { readQueryParam } from './pagination-links.util';
import type { PaginationDefaults } from './paginator.interface';

/**
 * Python's `int(text)` for query values: optional sign and ASCII digits, surrounding spaces
 * ignored. `null` for anything else (`'2.0'`, `'abc'`, `''`) and for values past 2^53.
 *
 * @example
 * ```ts
 * parseInteger(' 2 '); // 2
 * parseInteger('2.0'); // null
 * ```
 * @internal
 */
export function parseInteger(text: string): number | null {
  const value = parseIntegerUnbounded(text);
  return value !== null && Number.isSafeInteger(value) ? value : null;
}

/** {@link parseInteger} without the 2^53 bound: huge values come back as large floats. */
function parseIntegerUnbounded(text: string): number | null {
  const trimmed = text.trim();
  return /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/**
 * DRF's `_positive_int(text, strict=True, cutoff=max)`: a positive integer capped at `max`, or
 * `null` when the value is missing, zero, negative or not an integer.
 *
 * @example
 * ```ts
 * positiveInteger('50', 5); // 5
 * positiveInteger('0', 5); // null
 * ```
 * @internal
 */
export function positiveInteger(text: string | undefined, max: number): number | null {
  // A size past 2^53 is still a positive integer for Python: it is capped like any other.
  const value = text === undefined ? null : parseIntegerUnbounded(text);
  return value === null || value < 1 ? null : Math.min(value, max);
}

/**
 * The page size of this request: the client's choice through `param` when the paginator allows
 * one (a positive integer, capped at `max`), otherwise `size`.
 *
 * @example
 * ```ts
 * // GET /items?size=50
 * requestedPageSize(request, 'size', 20, 100); // 50
 * requestedPageSize(request, null, 20, 100); // 20
 * ```
 * @internal
 */
export function requestedPageSize(
  request: RestflowRequest,
  param: string | null,
  size: number,
  max: number,
): number {
  if (param === null) {
    return size;
  }
  return positiveInteger(readQueryParam(request, param), max) ?? size;
}

/**
 * Checks a numeric paginator setting (a subclass property or a default) at the first request.
 *
 * @example
 * ```ts
 * const size = checkPositiveSetting(this, 'pageSize', this.pageSize ?? defaults.pageSize);
 * ```
 * @throws {RestflowConfigError} when `value` is not a positive integer.
 * @internal
 */
export function checkPositiveSetting(owner: object, property: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    const name = `${owner.constructor.name}.${property}`;
    throw new RestflowConfigError(
      name,
      `Invalid paginator setting "${name}": expected a positive integer, got ${String(value)}. ` +
        `Fix: set \`${property}\` to a whole number of at least 1, or leave it undefined to use ` +
        'the `pagination` options of RestflowModule.forRoot().',
    );
  }
  return value;
}

/** The page-size settings a paginator may set; unset ones fall back to the module defaults. */
export interface PageSizeSettings {
  pageSize?: number;
  maxPageSize?: number;
  pageSizeQueryParam?: string | null;
}

/**
 * The page size of one request for a paginator's settings: its own, else the module's defaults,
 * then the client's request through the page-size parameter, capped at the maximum.
 *
 * @example
 * ```ts
 * pageSizeOf(this, request, defaults); // 20, or ?page_size=50 when allowed
 * ```
 * @internal
 */
export function pageSizeOf(
  paginator: PageSizeSettings,
  request: RestflowRequest,
  defaults: PaginationDefaults,
): number {
  const size = checkPositiveSetting(paginator, 'pageSize', paginator.pageSize ?? defaults.pageSize);
  const max = checkPositiveSetting(
    paginator,
    'maxPageSize',
    paginator.maxPageSize ?? defaults.maxPageSize,
  );
  const param =
    paginator.pageSizeQueryParam === undefined
      ? defaults.pageSizeQueryParam
      : paginator.pageSizeQueryParam;
  return requestedPageSize(request, param, size, max);
}
