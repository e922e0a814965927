import type { SwaggerCustomOptions, SwaggerDocumentOptions } from '@nestjs/swagger';

/**
 * Options of {@link RestflowOpenApi.createDocument} and {@link RestflowOpenApi.setup}.
 *
 * @example
 * ```ts
 * const options: RestflowOpenApiOptions = { pathPrefix: '/api', sessionCookieName: 'sid' };
 * ```
 * @publicApi
 */
export interface RestflowOpenApiOptions {
  /**
   * The leading path segments that tags and operation ids leave out (`/api`:
   * `/api/products` is tagged `products`, listed by `products_list`).
   * @default the segments all paths share before they branch into resources
   */
  pathPrefix?: string;
  /**
   * The name of the session cookie `SessionAuthentication` reads, for its security scheme.
   * @default 'connect.sid' (express-session's; @fastify/session's is 'sessionId')
   */
  sessionCookieName?: string;
  /** Passed to `SwaggerModule.createDocument()` (extra models, operation id factory, ...). */
  document?: SwaggerDocumentOptions;
  /** Passed to `SwaggerModule.setup()` (Swagger UI options); `setup()` only. */
  ui?: SwaggerCustomOptions;
}
