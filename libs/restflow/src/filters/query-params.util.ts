import type { RestflowRequest } from '../core/restflow-request.interface';

/**
 * The raw query parameters a filter set reads: every value of every parameter, in request
 * order (DRF's `QueryDict`). A filter set decides per parameter whether the last value wins (a
 * scalar) or all values count (a list).
 *
 * @example
 * ```ts
 * const params: RawQueryParams = new Map([['ids', ['1,2', '3']], ['name', ['pie']]]);
 * ```
 * @publicApi
 */
export type RawQueryParams = ReadonlyMap<string, readonly string[]>;

/**
 * What a filter set accepts as its input: a parsed query object (`request.query`, a repeated
 * parameter as an array), `URLSearchParams`, or a {@link RawQueryParams} map.
 *
 * @example
 * ```ts
 * const input: FilterSetInput = { price__gte: '10', ids: ['1', '2'] };
 * ```
 * @publicApi
 */
export type FilterSetInput =
  | Readonly<Record<string, string | readonly string[] | number | boolean | undefined>>
  | URLSearchParams
  | RawQueryParams;

/**
 * Every query parameter of `request` with all its values, read from the raw URL (Fastify:
 * `url`; Express: `originalUrl`) so that the result never depends on the adapter or on the
 * query parser the application configured. `+` is a space; `a` alone is `a=`.
 *
 * @example
 * ```ts
 * // GET /items?ids=1,2&ids=3&name=
 * readQueryParams(request); // Map { 'ids' => ['1,2', '3'], 'name' => [''] }
 * ```
 * @publicApi
 */
export function readQueryParams(request: RestflowRequest): Map<string, string[]> {
  const target = request.originalUrl ?? request.url;
  const start = target.indexOf('?');
  if (start === -1) {
    return new Map();
  }
  const hash = target.indexOf('#', start);
  return toParamMap(new URLSearchParams(target.slice(start + 1, hash === -1 ? undefined : hash)));
}

/**
 * Normalises any {@link FilterSetInput} to a map of parameter → values (numbers and booleans of
 * a plain object become strings; `undefined` values are left out).
 *
 * @example
 * ```ts
 * normaliseFilterSetInput({ ids: ['1', '2'], active: true }); // Map { ids => ['1','2'], active => ['true'] }
 * ```
 * @internal
 */
export function normaliseFilterSetInput(input: FilterSetInput | undefined): Map<string, string[]> {
  if (input === undefined) {
    return new Map();
  }
  if (input instanceof URLSearchParams) {
    return toParamMap(input);
  }
  if (input instanceof Map) {
    return new Map([...(input as RawQueryParams)].map(([key, values]) => [key, [...values]]));
  }
  const params = new Map<string, string[]>();
  for (const [key, value] of Object.entries(
    input as Readonly<Record<string, string | readonly string[] | number | boolean | undefined>>,
  )) {
    if (value === undefined) {
      continue;
    }
    params.set(key, Array.isArray(value) ? value.map(String) : [String(value)]);
  }
  return params;
}

function toParamMap(search: URLSearchParams): Map<string, string[]> {
  const params = new Map<string, string[]>();
  for (const [key, value] of search) {
    const values = params.get(key);
    if (values) {
      values.push(value);
    } else {
      params.set(key, [value]);
    }
  }
  return params;
}
