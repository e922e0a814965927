import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { validationExceptionFactory } from 'nestjs-restflow';
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
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('nestjs-restflow example: catalog API')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
}
