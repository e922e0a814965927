import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject, OperationObject, SchemaObject } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import SwaggerParser from '@apidevtools/swagger-parser';
import { validate as readmeValidate, compileErrors } from '@readme/openapi-parser';
import { RestflowOpenApi } from 'nestjs-restflow';
import request from 'supertest';
import { AppModule } from '../apps/example/src/app.module';
import { exampleOpenApiConfig } from '../apps/example/src/configure-app';
import { createHttpAdapter } from '../apps/example/src/create-http-adapter';
import { ADAPTERS } from './utils/adapters';
import { bootExample, EXAMPLE_SIGNING_KEY } from './utils/example-app';

/**
 * The committed document of the example app. After a reviewed change to the example (or to the
 * builder), regenerate it with `npm run openapi:golden` (`UPDATE_GOLDEN=1` on this suite).
 */
const GOLDEN = join(__dirname, 'openapi', 'example.openapi.json');

function golden(): OpenAPIObject {
  return JSON.parse(readFileSync(GOLDEN, 'utf8')) as OpenAPIObject;
}

describe.each(ADAPTERS)('The example app document served at /docs-json on %s', (adapter) => {
  let app: INestApplication;
  let document: OpenAPIObject;

  beforeAll(async () => {
    app = await bootExample(adapter, 'sqljs::memory:', { seed: false });
    const response = await request(app.getHttpServer()).get('/docs-json').expect(200);
    document = response.body as OpenAPIObject;
  });
  afterAll(() => app?.close());

  it('equals the golden file (UPDATE_GOLDEN=1 regenerates it)', () => {
    if (process.env.UPDATE_GOLDEN === '1' && adapter === 'express') {
      writeFileSync(GOLDEN, JSON.stringify(document));
      // Formatted as `npm run format` would, so the golden file passes `format:check`.
      execFileSync(process.execPath, [
        require.resolve('prettier/bin/prettier.cjs'),
        '--write',
        GOLDEN,
      ]);
    }
    expect(document).toEqual(golden());
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await request(app.getHttpServer()).get('/docs').redirects(1).expect(200);
    expect(response.text).toContain('swagger-ui');
  });
});

describe('The golden document', () => {
  it('passes @apidevtools/swagger-parser with no error', async () => {
    await expect(SwaggerParser.validate(golden() as never)).resolves.toBeDefined();
  });

  it('passes @readme/openapi-parser with no error and no warning', async () => {
    const result = await readmeValidate(golden() as never);
    if (!result.valid) throw new Error(compileErrors(result));
    expect(result.warnings).toEqual([]);
  });
});

describe('The document is complete at boot, before any request', () => {
  let app: INestApplication;
  afterAll(() => app?.close());

  it('has the model serializer schemas resolved from the TypeORM metadata', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AppModule.forDatabase('sqljs::memory:', {
          seed: false,
          jwtSigningKey: EXAMPLE_SIGNING_KEY,
        }),
      ],
    }).compile();
    app = moduleRef.createNestApplication(createHttpAdapter('express'), { logger: false });
    // Not initialised, never listening, no request served.
    const document = RestflowOpenApi.createDocument(app, exampleOpenApiConfig());
    const schemas = document.components!.schemas as Record<string, SchemaObject>;
    expect(Object.keys(schemas.ProductDetail!.properties!)).toEqual([
      'id',
      'name',
      'description',
      'price',
      'inStock',
      'tags',
      'createdAt',
      'category',
    ]);
    expect(schemas.ProductDetail!.properties!).toMatchObject({
      id: { type: 'integer', readOnly: true },
      name: { type: 'string', maxLength: 200, minLength: 2 },
      price: { type: 'string', format: 'decimal' },
      inStock: { type: 'boolean' },
      tags: { type: 'array', items: { type: 'integer' } },
      createdAt: { type: 'string', format: 'date-time', readOnly: true },
      category: { allOf: [{ $ref: '#/components/schemas/CategorySummary' }], readOnly: true },
    });
    expect(schemas.ProductDetailRequest!.properties!.categoryId).toMatchObject({
      type: 'integer',
      writeOnly: true,
    });
    expect(schemas.ProductDetailRequest!.required).toEqual(['name', 'price', 'categoryId']);
    expect(schemas.Category!.properties!.description).toMatchObject({
      type: 'string',
      nullable: true,
    });
    expect(schemas.Review!.properties!.rating).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 5,
    });
    // The same document as the app serves.
    expect(document).toEqual(golden());
  });
});

describe('Per-action operations of the example document', () => {
  const document = golden();
  const schemas = document.components!.schemas as Record<string, SchemaObject>;
  const operation = (path: string, method: string) =>
    (document.paths[path] as Record<string, OperationObject>)[method]!;
  const successSchema = (op: OperationObject, status: string) =>
    (op.responses[status] as { content: Record<string, { schema: { $ref?: string } }> }).content[
      'application/json'
    ]!.schema;
  const bodySchema = (op: OperationObject) =>
    (op.requestBody as { content: Record<string, { schema: { $ref?: string } }> }).content[
      'application/json'
    ]!.schema;
  const parameterNames = (op: OperationObject) =>
    (op.parameters as { name: string }[]).map(({ name }) => name);

  it('lists products in the light shape, paginated without a count', () => {
    const list = operation('/api/products', 'get');
    expect(successSchema(list, '200')).toEqual({
      $ref: '#/components/schemas/FastPaginatedProductListingList',
    });
    const page = schemas.FastPaginatedProductListingList!;
    expect(Object.keys(page.properties!)).toEqual(['results', 'next', 'previous']);
    expect(page.properties!.results).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/ProductListing' },
    });
    expect(Object.keys(schemas.ProductListing!.properties!)).toEqual([
      'id',
      'name',
      'price',
      'inStock',
      'reviewCount',
      'latestReview',
    ]);
    expect(parameterNames(list).slice(0, 2)).toEqual(['page', 'page_size']);
    expect(parameterNames(list)).toEqual(
      expect.arrayContaining(['name__icontains', 'price__gte', 'price__lt!', 'order_by']),
    );
  });

  it('retrieves one product in the full shape, {id} typed as an integer', () => {
    const retrieve = operation('/api/products/{id}', 'get');
    expect(successSchema(retrieve, '200')).toEqual({ $ref: '#/components/schemas/ProductDetail' });
    expect(retrieve.parameters).toEqual([
      {
        name: 'id',
        in: 'path',
        required: true,
        schema: { type: 'integer' },
        description: 'A unique integer value identifying this product.',
      },
    ]);
    expect(Object.keys(retrieve.responses)).toEqual(['200', '404', '429']);
  });

  it('paginates categories by page number (with count) and reviews by cursor', () => {
    expect(successSchema(operation('/api/categories', 'get'), '200')).toEqual({
      $ref: '#/components/schemas/PaginatedCategoryList',
    });
    expect(Object.keys(schemas.PaginatedCategoryList!.properties!)).toEqual([
      'count',
      'next',
      'previous',
      'results',
    ]);
    const reviews = operation('/api/reviews', 'get');
    expect(successSchema(reviews, '200')).toEqual({
      $ref: '#/components/schemas/CursorPaginatedReviewList',
    });
    expect(parameterNames(reviews)[0]).toBe('cursor');
  });

  it('takes the restock action’s own body and answers the full product', () => {
    const restock = operation('/api/products/{id}/restock', 'post');
    expect(restock.operationId).toBe('products_restock_create');
    expect(bodySchema(restock)).toEqual({ $ref: '#/components/schemas/Restock' });
    expect(schemas.Restock).toEqual({
      type: 'object',
      properties: { quantity: { type: 'integer', maximum: 1000, minimum: 1 } },
      required: ['quantity'],
    });
    expect(successSchema(restock, '200')).toEqual({ $ref: '#/components/schemas/ProductDetail' });
  });

  it('creates with the request component and patches with the partial one', () => {
    expect(bodySchema(operation('/api/products', 'post'))).toEqual({
      $ref: '#/components/schemas/ProductDetailRequest',
    });
    expect(bodySchema(operation('/api/products/{id}', 'patch'))).toEqual({
      $ref: '#/components/schemas/PatchedProductDetailRequest',
    });
    expect(schemas.PatchedProductDetailRequest!.required).toBeUndefined();
    expect(Object.keys(operation('/api/products', 'post').responses)).toEqual([
      '201',
      '400',
      '401',
      '403',
      '409',
      '413',
      '415',
      '429',
    ]);
    expect(Object.keys(operation('/api/products/{id}', 'delete').responses)).toEqual([
      '204',
      '401',
      '403',
      '404',
      '409',
      '429',
    ]);
  });

  it('reflects per-action permissions in security', () => {
    expect(document.components!.securitySchemes).toEqual({
      jwtAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    });
    // Reading is open (the token is optional), writing needs it.
    expect(operation('/api/products', 'get').security).toEqual([{ jwtAuth: [] }, {}]);
    expect(operation('/api/products', 'post').security).toEqual([{ jwtAuth: [] }]);
    // Any signed-in user may create a review (no 403); only its author may change it.
    expect(Object.keys(operation('/api/reviews', 'post').responses)).not.toContain('403');
    expect(Object.keys(operation('/api/reviews/{id}', 'put').responses)).toContain('403');
    // The token endpoints take no credentials.
    expect(operation('/api/auth/token', 'post').security).toBeUndefined();
  });

  it('documents the JWT endpoints with their bodies', () => {
    const token = operation('/api/auth/token', 'post');
    expect(bodySchema(token)).toEqual({ $ref: '#/components/schemas/TokenObtainRequest' });
    expect(schemas.TokenObtainRequest!.properties!.password).toMatchObject({ writeOnly: true });
    expect(successSchema(token, '200')).toEqual({
      $ref: '#/components/schemas/TokenPairResponse',
    });
    expect(successSchema(operation('/api/auth/refresh', 'post'), '200')).toEqual({
      $ref: '#/components/schemas/TokenRefreshResponse',
    });
    expect(Object.keys(operation('/api/auth/blacklist', 'post').responses)[0]).toBe('204');
  });

  it('shares one error envelope whose code is one of the 13 codes', () => {
    const code = (schemas.ErrorEnvelope!.properties!.error as SchemaObject).properties!
      .code as SchemaObject;
    expect(code.enum).toHaveLength(13);
    expect(successSchema(operation('/api/products', 'post'), '409')).toEqual({
      $ref: '#/components/schemas/ErrorEnvelope',
    });
  });

  it('names tags and operation ids after the resources', () => {
    const ids: string[] = [];
    for (const item of Object.values(document.paths)) {
      for (const op of Object.values(item as Record<string, OperationObject>)) {
        ids.push(op.operationId!);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'products_list',
        'products_create',
        'products_retrieve',
        'products_update',
        'products_partial_update',
        'products_destroy',
        'products_restock_create',
        'auth_token_create',
        'root_retrieve',
      ]),
    );
    expect(operation('/api/products', 'get').tags).toEqual(['products']);
    expect(document.tags!.map(({ name }) => name)).toEqual([
      'auth',
      'categories',
      'events',
      'health',
      'products',
      'reviews',
      'root',
      'tags',
    ]);
  });
});
