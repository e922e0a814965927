import type { IncomingHttpHeaders } from 'node:http';

/**
 * The parts of an Express or Fastify request the library reads. Both adapters' request objects
 * satisfy it, so views, paginators and serializers work on either.
 *
 * @example
 * ```ts
 * @Get()
 * list(@Req() request: RestflowRequest) {
 *   return request.query.page;
 * }
 * ```
 * @publicApi
 */
export interface RestflowRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The path and query string as received (Fastify: `url`; Express: `originalUrl`). */
  readonly url: string;
  readonly originalUrl?: string;
  readonly headers: IncomingHttpHeaders;
  /** `http` or `https`, as the adapter determined it. */
  readonly protocol?: string;
  /** Parsed query string: one string, or an array for repeated parameters. */
  readonly query: Readonly<Record<string, string | string[] | undefined>>;
  /** Route parameters (`:id`). */
  readonly params: Readonly<Record<string, string | undefined>>;
  /** The parsed body. */
  readonly body?: unknown;
  /** The authenticated user, or `ANONYMOUS_USER` (set by the authentication guard). */
  user?: unknown;
  /** The credential the user was recognised by (a verified token, ...), or `null`. */
  auth?: unknown;
}
