import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { DocumentBuilder } from '@nestjs/swagger';
import { RestflowOpenApi, validationExceptionFactory } from 'nestjs-restflow';
import { BODY_LIMIT, useBodyLimit } from './create-http-adapter';

/**
 * The application-level setup that module imports cannot express: the Express body limit, the
 * global `ValidationPipe` whose failures render as the restflow error envelope, and the OpenAPI
 * document with Swagger UI at `/docs` (JSON at `/docs-json`). `main.ts`
 * and end-to-end tests both call it, before `init()` or `listen()`.
 *
 * @example
 * ```ts
 * const app = moduleRef.createNestApplication(createHttpAdapter('express'));
 * configureApp(app);
 * await app.init();
 * ```
 */
export function configureApp(app: INestApplication, bodyLimit: number = BODY_LIMIT): void {
  useBodyLimit(app, bodyLimit);
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
