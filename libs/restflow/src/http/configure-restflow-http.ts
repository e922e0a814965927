import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { mediaTypeOf } from '../core/media-type.util';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { MAX_FORM_FIELDS, parseFormBody } from '../parsers/form-body.parser';
import { parseJsonBody } from '../parsers/json-body.parser';
import { answerClientError, answerUnmetExpectation } from './client-error.handler';
import { HostMiddleware } from './host.middleware';
import { readBody } from './read-body.util';

/**
 * Settings of {@link configureRestflowHttp}.
 *
 * @example
 * ```ts
 * configureRestflowHttp(app, { bodyLimit: 1_048_576, maxFormFields: 1000 });
 * ```
 * @publicApi
 */
export interface RestflowHttpSettings {
  /** Largest JSON or form body in bytes; larger ones get 413 `parse_error`. @default 1048576 */
  bodyLimit?: number;
  /** Most fields of a form body; more get 400 `parse_error`. @default 1000 */
  maxFormFields?: number;
}

type BodyParser = (body: Buffer, request: IncomingMessage) => unknown;

interface ExpressAppLike {
  disable(setting: string): unknown;
  set(setting: string, value: unknown): unknown;
  router?: { caseSensitive?: boolean };
}
type FastifyDone = (error: Error | null, body?: unknown) => void;
interface FastifyAppLike {
  useBodyParser(
    type: string,
    options: { bodyLimit: number },
    parser: (request: { raw: IncomingMessage }, body: Buffer, done: FastifyDone) => void,
  ): unknown;
}

/**
 * Makes the HTTP layer answer the same way on Express and Fastify, with the error envelope for
 * every 4xx it produces itself. Call it once on the application, before `init()` / `listen()`
 * and before anything else registers routes or middleware (Swagger UI, `app.use()`):
 *
 * - JSON and form bodies are read by the library's parsers on both adapters (`parseJsonBody`,
 *   `parseFormBody`): same body limit (413), same field limit (400), UTF-8 only (415), `{}` for
 *   an empty body, `null` / `42` refused, `__proto__` keys refused, flat form field names;
 * - a client that disconnects mid-body gets no answer and no error log (Fastify logged a 500);
 * - requests Node's parser rejects (malformed request line, oversized headers) and unknown
 *   `Expect` headers get the envelope (`answerClientError`, `answerUnmetExpectation`) instead of a
 *   bare `400 Bad Request` / `417 Expectation Failed`;
 * - routes are case-sensitive on both (`/API/PRODUCTS` is not `/api/products`), as in Django and
 *   RFC 3986; Express matched them case-insensitively;
 * - Express stops sending `X-Powered-By`, and checks `Host` (see `HostMiddleware`) before body
 *   parsing and routes added before `init()` such as Swagger UI's, as Fastify does.
 *
 * For Fastify, also pass `fastifyFrameworkErrors` and `routerOptions: { ignoreTrailingSlash: true }`
 * to the `FastifyAdapter` (its router errors and trailing slashes then match Express).
 *
 * @throws {RestflowConfigError} for an invalid setting, or an adapter other than Express and Fastify.
 * @example
 * ```ts
 * const app = await NestFactory.create(AppModule, new FastifyAdapter({ frameworkErrors: fastifyFrameworkErrors }));
 * configureRestflowHttp(app, { bodyLimit: 1_048_576 });
 * SwaggerModule.setup('docs', app, document);
 * await app.listen(3000);
 * ```
 * @publicApi
 */
export function configureRestflowHttp(
  app: INestApplication,
  settings: RestflowHttpSettings = {},
): void {
  const bodyLimit = checkedInteger('bodyLimit', settings.bodyLimit ?? 1_048_576);
  const maxFormFields = checkedInteger('maxFormFields', settings.maxFormFields ?? MAX_FORM_FIELDS);
  const parsers: Record<string, BodyParser> = {
    'application/json': (body, request) => parseJsonBody(body, request.headers),
    'application/x-www-form-urlencoded': (body, request) =>
      parseFormBody(body, request.headers, maxFormFields),
  };

  const server = app.getHttpServer() as Server;
  // Replaces Node's bare answer, and Fastify's own listener whose body is not the envelope.
  server.removeAllListeners('clientError');
  server.on('clientError', answerClientError);
  // Node answers an unknown Expect with a bare 417 unless someone listens.
  server.on('checkExpectation', answerUnmetExpectation);

  const type = app.getHttpAdapter().getType();
  if (type === 'express') {
    configureExpress(app, bodyLimit, parsers);
  } else if (type === 'fastify') {
    const fastify = app as unknown as FastifyAppLike;
    for (const [mediaType, parse] of Object.entries(parsers)) {
      fastify.useBodyParser(mediaType, { bodyLimit }, (request, body, done) => {
        try {
          done(null, parse(body, request.raw));
        } catch (error) {
          done(error as Error);
        }
      });
    }
  } else {
    throw new RestflowConfigError(
      'configureRestflowHttp',
      `configureRestflowHttp() supports the Express and Fastify adapters, got "${type}". ` +
        'Fix: create the application with ExpressAdapter or FastifyAdapter.',
    );
  }
}

function configureExpress(
  app: INestApplication,
  bodyLimit: number,
  parsers: Record<string, BodyParser>,
): void {
  const express = app.getHttpAdapter().getInstance() as ExpressAppLike;
  express.disable('x-powered-by');
  express.set('case sensitive routing', true);
  // The router already exists (the adapter added a middleware); routes registered from now on
  // read this flag.
  if (express.router) {
    express.router.caseSensitive = true;
  }
  // The Host check before everything else, Swagger UI's routes included: RestflowModule's own
  // middleware runs only after the routes and middleware registered before init() (on Fastify it
  // runs first by itself).
  const hosts = hostMiddlewareOf(app);
  if (hosts) {
    app.use(function hostCheck(
      request: IncomingMessage,
      response: ServerResponse,
      next: (error?: unknown) => void,
    ) {
      try {
        hosts.use(request, response, next);
      } catch (error) {
        next(error);
      }
    });
  }
  const use = (name: string, mediaType: string, parse: BodyParser) => {
    const middleware = (
      request: IncomingMessage & { body?: unknown; _body?: boolean },
      _response: ServerResponse,
      next: (error?: unknown) => void,
    ) => {
      if (request._body || mediaTypeOf(request.headers['content-type']) !== mediaType) {
        next();
        return;
      }
      request._body = true;
      readBody(request, bodyLimit)
        .then((body) => {
          request.body = parse(body, request);
          next();
        })
        .catch(next);
    };
    // Nest adds its own body parsers at init unless middleware of these names is present.
    Object.defineProperty(middleware, 'name', { value: name });
    app.use(middleware);
  };
  use('jsonParser', 'application/json', parsers['application/json'] as BodyParser);
  use(
    'urlencodedParser',
    'application/x-www-form-urlencoded',
    parsers['application/x-www-form-urlencoded'] as BodyParser,
  );
}

/** RestflowModule's HostMiddleware, when the application imports the module. */
function hostMiddlewareOf(app: INestApplication): HostMiddleware | undefined {
  try {
    return app.get(HostMiddleware, { strict: false });
  } catch {
    return undefined;
  }
}

function checkedInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new RestflowConfigError(
      name,
      `Invalid configureRestflowHttp() setting "${name}": expected a positive integer, got ${String(value)}. ` +
        `Fix: pass a whole number such as ${name === 'bodyLimit' ? '1048576' : '1000'}, or leave it out.`,
    );
  }
  return value;
}
