import type { IncomingMessage } from 'node:http';

/** Origins checked by the host middleware, keyed by the Node request (Express and Fastify share it). */
const origins = new WeakMap<object, string>();

/** An Express request is the Node request; a Fastify request carries it as `raw`. */
function nodeRequestOf(request: object): object {
  const raw = (request as { raw?: unknown }).raw;
  return typeof raw === 'object' && raw !== null ? raw : request;
}

/**
 * Records the checked origin (`https://api.example.com`) of a request. Called by
 * `HostMiddleware`, which `RestflowModule` applies to every route; tests of code that builds
 * absolute links can call it on a hand-made request.
 *
 * @internal
 */
export function recordRequestOrigin(request: IncomingMessage | object, origin: string): void {
  origins.set(nodeRequestOf(request), origin);
}

/**
 * The checked origin of a request, or `undefined` when it did not pass through `HostMiddleware`.
 *
 * @internal
 */
export function checkedRequestOrigin(request: object): string | undefined {
  return origins.get(nodeRequestOf(request));
}

/**
 * The origin absolute links of this request start with (`scheme://host[:port]`, or the configured
 * `http.publicBaseUrl`): never a `Host` header that was not checked against `http.allowedHosts`.
 *
 * @throws {Error} when the request did not pass through `HostMiddleware` (a route outside
 *   `RestflowModule`'s middleware): building a link from an unchecked `Host` would let a client
 *   choose the links' host.
 * @example
 * ```ts
 * @Get('self')
 * self(@Req() request: RestflowRequest) {
 *   return { url: `${requestOrigin(request)}/api/self` };
 * }
 * ```
 * @publicApi
 */
export function requestOrigin(request: object): string {
  const origin = checkedRequestOrigin(request);
  if (origin === undefined) {
    throw new Error(
      'No checked origin for this request: absolute links need the Host check of ' +
        "RestflowModule's HostMiddleware. Fix: import RestflowModule in the application module " +
        '(it applies the middleware to every route), and do not exclude this route from it.',
    );
  }
  return origin;
}
