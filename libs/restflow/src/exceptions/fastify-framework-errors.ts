import { HttpException } from '@nestjs/common';
import { DEFAULT_NON_FIELD_ERRORS_KEY } from './validation-details';
import { toAPIException } from './to-api-exception';

interface FrameworkError extends Error {
  statusCode?: number;
}
interface FastifyReplyLike {
  code(status: number): unknown;
  header(name: string, value: string): unknown;
  send(payload: object): unknown;
}

/**
 * Fastify answers a few malformed requests (an invalid percent-encoding in the URL, for example)
 * in its router, before any Nest code runs, unless the app gives it a `frameworkErrors` handler.
 * Pass this one to `FastifyAdapter` and those answers use the envelope too, as on Express.
 *
 * @example
 * ```ts
 * const app = await NestFactory.create(AppModule, new FastifyAdapter({ frameworkErrors: fastifyFrameworkErrors }));
 * // GET /api/products/%E0%A4%A -> 400 {"error":{"code":"parse_error","message":"Malformed request URL.","details":{}}}
 * ```
 * @publicApi
 */
export function fastifyFrameworkErrors(
  error: FrameworkError,
  request: { headers: Record<string, string | string[] | undefined> },
  fastifyReply: unknown,
): void {
  // Typed loosely: Fastify's reply generics do not unify with a structural type.
  const reply = fastifyReply as FastifyReplyLike;
  const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
  const exception = toAPIException(new HttpException(error.message, status, { cause: error }), {
    nonFieldErrorsKey: DEFAULT_NON_FIELD_ERRORS_KEY,
    contentType: headerValue(request.headers['content-type']),
  });
  reply.code(exception.getStatus());
  for (const [name, value] of Object.entries(exception.headers)) {
    reply.header(name, value);
  }
  reply.send(exception.toEnvelope());
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
