import { requestOrigin } from '../core/request-origin.util';
import type { RestflowRequest } from '../core/restflow-request.interface';

/**
 * Query-string helpers shared by the paginators: reading one parameter the way DRF's
 * `request.query_params.get()` does, and building the absolute `next` / `previous` links the way
 * DRF's `replace_query_param` / `remove_query_param` do (parameters re-encoded, sorted by name).
 *
 * Both read the raw URL of the request rather than `request.query`, so that the result does not
 * depend on the adapter or on the query parser the application configured.
 */

/**
 * Changes to the query string of the current request: a value sets the parameter (replacing
 * every occurrence by one), `null` removes it.
 *
 * @example
 * ```ts
 * const changes: QueryChanges = { page: 3, cursor: null };
 * ```
 * @publicApi
 */
export type QueryChanges = Readonly<Record<string, string | number | null>>;

/**
 * The value of one query parameter of `request`: the last occurrence wins, and an empty value
 * counts as absent (DRF's `request.query_params.get(name) or default`).
 *
 * @example
 * ```ts
 * // GET /items?page=2&page=3&size=
 * readQueryParam(request, 'page'); // '3'
 * readQueryParam(request, 'size'); // undefined
 * ```
 * @publicApi
 */
export function readQueryParam(request: RestflowRequest, name: string): string | undefined {
  let value: string | undefined;
  for (const [key, current] of queryPairs(request)) {
    if (key === name) {
      value = current;
    }
  }
  return value === '' ? undefined : value;
}

/**
 * The absolute URL of the current request with `changes` applied to its query string. The other
 * parameters are kept (repeated ones too, in their order) and every parameter is re-encoded and
 * sorted by name, so that equal pages always get equal links (DRF's behaviour).
 *
 * The origin is `requestOrigin(request)`: `http.publicBaseUrl` when set, otherwise the scheme and
 * the `Host` header that `HostMiddleware` checked against `http.allowedHosts` (behind a reverse
 * proxy, `X-Forwarded-Host` / `-Proto` when `http.trustProxy` is on).
 *
 * @example
 * ```ts
 * // GET http://api.test/items?size=5&page=2&tag=b&tag=a
 * pageLink(request, { page: 3 }); // 'http://api.test/items?page=3&size=5&tag=b&tag=a'
 * pageLink(request, { page: null }); // 'http://api.test/items?size=5&tag=b&tag=a'
 * ```
 * @publicApi
 */
export function pageLink(request: RestflowRequest, changes: QueryChanges): string {
  const pairs = queryPairs(request).filter(([key]) => !Object.hasOwn(changes, key));
  for (const [key, value] of Object.entries(changes)) {
    if (value !== null) {
      pairs.push([key, String(value)]);
    }
  }
  // Array.prototype.sort is stable: repeated parameters keep their relative order.
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = pairs.map(([key, value]) => `${formEncode(key)}=${formEncode(value)}`).join('&');
  return `${requestOrigin(request)}${requestPath(request)}${query === '' ? '' : `?${query}`}`;
}

/** The request target as received: `originalUrl` on Express, `url` elsewhere. */
function requestTarget(request: RestflowRequest): string {
  return request.originalUrl ?? request.url;
}

function requestPath(request: RestflowRequest): string {
  const target = requestTarget(request);
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

/** The query string as `[name, value]` pairs in request order (`+` is a space, `a` is `a=`). */
function queryPairs(request: RestflowRequest): [string, string][] {
  const target = requestTarget(request);
  const start = target.indexOf('?');
  if (start === -1) {
    return [];
  }
  const hash = target.indexOf('#', start);
  return [...new URLSearchParams(target.slice(start + 1, hash === -1 ? undefined : hash))];
}

/**
 * Python's `urllib.parse.quote_plus`, which DRF's links use: only letters, digits and `_.-~`
 * stay literal and a space becomes `+` (`encodeURIComponent` would also keep `!'()*`).
 */
function formEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}
