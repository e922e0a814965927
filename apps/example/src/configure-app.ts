import { ValidationPipe, type INestApplication, type SecurityHeadersOptions } from '@nestjs/common';
import { DocumentBuilder } from '@nestjs/swagger';
import { RestflowOpenApi, validationExceptionFactory } from 'nestjs-restflow';
import { configureRestflowHttp } from 'nestjs-restflow';
import { BODY_LIMIT } from './create-http-adapter';

/**
 * Nest's built-in security headers (helmet 8's set and defaults, identical on Express and
 * Fastify, `X-Powered-By` removed), with one change to the default Content-Security-Policy: no
 * `upgrade-insecure-requests`, which makes browsers fetch the Swagger UI page's scripts over
 * `https://` when the app is served over plain HTTP on any host but localhost (e.g.
 * `http://10.0.0.5:3000`); HSTS already keeps HTTPS deployments on HTTPS. Swagger UI at `/docs`
 * loads its scripts and styles from the same origin; its inline `<style>` blocks are allowed by
 * helmet's default `style-src 'self' https: 'unsafe-inline'`, and no inline script runs.
 */
export const SECURITY_HEADERS: SecurityHeadersOptions = {
  contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
};

/**
 * The application-level setup that module imports cannot express: security headers, the
 * library's HTTP layer (`configureRestflowHttp`: the same body parsing and limits, client-error
 * answers and route matching on both adapters), the global `ValidationPipe` whose failures
 * render as the restflow error envelope, and the OpenAPI document with Swagger UI at `/docs`
 * (JSON at `/docs-json`). `main.ts` and end-to-end tests both call it, before `init()` or
 * `listen()`.
 *
 * @example
 * ```ts
 * const app = moduleRef.createNestApplication(createHttpAdapter('express'));
 * configureApp(app);
 * await app.init();
 * ```
 */
export function configureApp(app: INestApplication, bodyLimit: number = BODY_LIMIT): void {
  // Before any middleware, so that every answer (errors too) carries the headers.
  app.useSecurityHeaders(SECURITY_HEADERS);
  // Body parsers, client errors and route matching identical on Express and Fastify.
  configureRestflowHttp(app, { bodyLimit });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      transform: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  // Built now, from the viewsets' declarations: complete before the first request.
  RestflowOpenApi.setup(app, 'docs', exampleOpenApiConfig());
}

/**
 * The info of the example's OpenAPI document (the paths, schemas and security come from the
 * app). The golden file `test/openapi/example.openapi.json` is this document.
 */
export function exampleOpenApiConfig(): ReturnType<DocumentBuilder['build']> {
  return new DocumentBuilder()
    .setTitle('nestjs-restflow example: catalog API')
    .setDescription(
      'Categories, products and reviews. Sign in with POST /api/auth/token, then send ' +
        '`Authorization: Bearer <access>` (the Authorize button).',
    )
    .setVersion('0.1.0')
    .build();
}
