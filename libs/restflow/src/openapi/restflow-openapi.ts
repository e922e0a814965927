import type { INestApplication } from '@nestjs/common';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { DEFAULT_OPERATION_ID, OpenApiDocumentBuilder } from './openapi-document.builder';
import type { RestflowOpenApiOptions } from './restflow-openapi-options.interface';

/**
 * The OpenAPI document of a restflow application, built from its declarations when it is
 * called (at boot, before any request): `@nestjs/swagger`'s document of every controller, with
 * every operation of every restflow view (viewsets, generic views, `APIView`s with serializers,
 * the JWT endpoints) completed from its action configuration:
 *
 * - request bodies from the request serializer (`PATCH`: every field optional), success bodies
 *   from the response serializer, as drf-spectacular-named components (`ProductDetail`,
 *   `ProductDetailRequest`, `PatchedProductDetailRequest`), model serializer fields read from
 *   the TypeORM metadata;
 * - the paginator's query parameters and envelope, the filter set's parameters, the `{id}`
 *   parameter typed from the lookup column;
 * - the error envelope for each status the operation can answer (400, 401, 403, 404, 409, 413,
 *   415, 429);
 * - a security scheme per authenticator and each operation's security from its permissions;
 * - tags and operation ids from the path (`products`, `products_list`), summaries;
 * - `@OpenApiOperation()` changes last.
 *
 * Anything it cannot describe (a custom paginator or authenticator that does not describe
 * itself, two components with one name, two operations with one id) throws a
 * `RestflowConfigError` naming it and the fix.
 *
 * @example
 * ```ts
 * const app = await NestFactory.create(AppModule);
 * RestflowOpenApi.setup(app, 'docs', new DocumentBuilder().setTitle('Shop API').build());
 * await app.listen(3000); // Swagger UI at /docs, the document at /docs-json
 * ```
 * @publicApi
 */
export class RestflowOpenApi {
  /**
   * Builds the document now. Call it once the application is created (its TypeORM data source
   * connected), before or after `init()`.
   *
   * @param config the document's info, servers and tags, as `DocumentBuilder().build()` makes it
   */
  static createDocument(
    app: INestApplication,
    config: Omit<OpenAPIObject, 'paths'>,
    options: RestflowOpenApiOptions = {},
  ): OpenAPIObject {
    const document = SwaggerModule.createDocument(app, config, {
      // Tags and operation ids come from the paths (drf-spectacular's names), unless set.
      autoTagControllers: false,
      operationIdFactory: (controller, method) => `${DEFAULT_OPERATION_ID}${controller}_${method}`,
      ...options.document,
    });
    return new OpenApiDocumentBuilder(app, options).build(document);
  }

  /**
   * Builds the document now and serves it: Swagger UI at `path`, the JSON at `<path>-json` (and
   * YAML at `<path>-yaml`), on Express and Fastify. Call it before `app.listen()` / `init()`.
   * Returns the document.
   */
  static setup(
    app: INestApplication,
    path: string,
    config: Omit<OpenAPIObject, 'paths'>,
    options: RestflowOpenApiOptions = {},
  ): OpenAPIObject {
    const document = RestflowOpenApi.createDocument(app, config, options);
    SwaggerModule.setup(path, app, document, {
      ...options.ui,
      swaggerOptions: { persistAuthorization: true, ...options.ui?.swaggerOptions },
    });
    return document;
  }
}
