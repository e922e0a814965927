import type { RestflowRequest } from '../core/restflow-request.interface';

/** ASCII whitespace, as Python's `bytes.split()` (DRF) splits on. */
const WHITESPACE = /[\t\n\v\f\r ]+/;

/**
 * The words of the `Authorization` header (DRF's `get_authorization_header(request).split()`):
 * `[]` without the header, `['Basic', 'dXNlcjpwYXNz']` for a Basic header.
 *
 * @example
 * ```ts
 * const [scheme, credentials] = authorizationWords(request);
 * ```
 * @internal
 */
export function authorizationWords(request: RestflowRequest): string[] {
  const header = request.headers.authorization;
  if (typeof header !== 'string') {
    return [];
  }
  return header.split(WHITESPACE).filter((word) => word !== '');
}

/**
 * The value of one request header (the first one when repeated), or `undefined`.
 *
 * @example
 * ```ts
 * headerValue(request, 'X-CSRFToken');
 * ```
 * @internal
 */
export function headerValue(request: RestflowRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
