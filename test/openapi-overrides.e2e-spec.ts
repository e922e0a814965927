import { Module, type INestApplication, type Type } from '@nestjs/common';
import type { OpenAPIObject, OperationObject, SchemaObject } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { validate as readmeValidate, compileErrors } from '@readme/openapi-parser';
import { RestflowModule, RestflowOpenApi } from 'nestjs-restflow';
import request from 'supertest';
import { ADAPTERS, createTestApp } from './utils/adapters';
import { Gadget } from './fixtures/openapi/gadget.entity';
import {
  ContactView,
  GadgetViewSet,
  HeaderSecretViewSet,
  SecretPaginatedViewSet,
} from './fixtures/openapi/openapi-fixture.views';

const INFO = { openapi: '3.0.0', info: { title: 'fixture', version: '1' } };

function fixtureModule(controllers: Type<unknown>[]): Type<unknown> {
  @Module({
    imports: [
      TypeOrmModule.forRoot({ type: 'sqljs', synchronize: true, entities: [Gadget] }),
      RestflowModule.forRoot({ globalExceptionFilter: true }),
    ],
    controllers,
  })
  class OpenApiFixtureModule {}
  return OpenApiFixtureModule;
}

describe.each(ADAPTERS)('OpenAPI overrides and other views on %s', (adapter) => {
  let app: INestApplication;
  let document: OpenAPIObject;
  const operation = (path: string, method: string) =>
    (document.paths[path] as Record<string, OperationObject>)[method]!;
  const schemas = () => document.components!.schemas as Record<string, SchemaObject>;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [fixtureModule([GadgetViewSet, ContactView])],
    }).compile();
    const setup = (nest: INestApplication) => {
      RestflowOpenApi.setup(nest, 'docs', INFO, { sessionCookieName: 'sid' });
    };
    app = await createTestApp(moduleRef, adapter, { express: setup, fastify: setup });
    document = (await request(app.getHttpServer()).get('/docs-json').expect(200))
      .body as OpenAPIObject;
  });
  afterAll(() => app?.close());

  it('is valid', async () => {
    const result = await readmeValidate(structuredClone(document) as never);
    if (!result.valid) throw new Error(compileErrors(result));
    expect(result.warnings).toEqual([]);
  });

  it('applies @OpenApiOperation on the class and on handlers', () => {
    const retrieve = operation('/gadgets/{id}', 'get');
    expect(retrieve.summary).toBe('One gadget');
    expect(retrieve.description).toBe('Gadgets of the fixture.');
    expect(
      (retrieve.responses['200'] as { content: Record<string, { examples: unknown }> }).content[
        'application/json'
      ]!.examples,
    ).toEqual({ draft: { value: { id: 'b1', name: 'Lamp', status: 'draft' } } });
    const destroy = operation('/gadgets/{id}', 'delete');
    expect(destroy).toMatchObject({ deprecated: true, operationId: 'gadgets_remove' });
    expect(destroy.responses['423']).toEqual({ description: 'The gadget is locked.' });
    expect(document.paths['/gadgets/internal']).toBeUndefined();
    expect(operation('/gadgets', 'get')).toMatchObject({
      summary: 'Every gadget',
      description: 'Gadgets of the fixture.',
      tags: ['catalog'],
    });
    expect(operation('/gadgets/{id}', 'put').tags).toEqual(['gadgets']);
    expect(operation('/gadgets', 'post')).toMatchObject({
      summary: 'Add a gadget',
      operationId: 'addGadget',
      tags: ['inventory'],
    });
  });

  it('types a UUID lookup, enums, nullable and dates from the columns', () => {
    expect(operation('/gadgets/{id}', 'get').parameters).toEqual([
      {
        name: 'id',
        in: 'path',
        required: true,
        schema: { type: 'string', format: 'uuid' },
        description: 'A UUID string identifying this gadget.',
      },
    ]);
    expect(schemas().Gadget!.properties).toMatchObject({
      id: { type: 'string', format: 'uuid', readOnly: true },
      status: { enum: ['draft', 'live'] },
      weight: { type: 'number', nullable: true },
      releasedOn: { type: 'string', format: 'date', nullable: true },
    });
    // Nothing is read-only or write-only but the id: request and response components differ.
    expect(schemas().GadgetRequest!.required).toEqual(['name']);
  });

  it('documents limit/offset pagination and AllowAny operations without security', () => {
    const list = operation('/gadgets', 'get');
    expect((list.parameters as { name: string }[]).map(({ name }) => name)).toEqual([
      'limit',
      'offset',
    ]);
    expect(schemas().LimitOffsetPaginatedGadgetList!.required).toEqual([
      'count',
      'next',
      'previous',
      'results',
    ]);
    expect(list.security).toBeUndefined();
    expect(operation('/gadgets', 'post').security).toBeUndefined();
    // A unique column: writes may conflict.
    expect(Object.keys(operation('/gadgets', 'post').responses)).toContain('409');
    expect(document.components!.securitySchemes).toEqual({
      basicAuth: { type: 'http', scheme: 'basic' },
      cookieAuth: { type: 'apiKey', in: 'cookie', name: 'sid' },
      tokenAuth: {
        type: 'apiKey',
        in: 'header',
        name: 'Authorization',
        description: 'Token-based authentication with required prefix "Token"',
      },
    });
  });

  it('documents an APIView with its own serializers, status and security', () => {
    const send = operation('/contact', 'post');
    expect(send.operationId).toBe('contact_create');
    expect(send.security).toEqual([{ cookieAuth: [] }]);
    // Session authentication has no challenge: an anonymous request is refused with 403.
    expect(Object.keys(send.responses)).toEqual(['202', '400', '403', '413', '415']);
    const contact = schemas().ContactRequest!;
    expect(contact.properties).toMatchObject({
      email: { type: 'string', format: 'email' },
      topic: { enum: ['question', 'complaint'] },
      parts: { type: 'array', items: { $ref: '#/components/schemas/Part' } },
      secret: { type: 'string', writeOnly: true },
    });
    expect(contact.required).toEqual(['email', 'topic', 'parts']);
    expect(schemas().Ticket!.properties).toMatchObject({
      ticket: { type: 'integer', readOnly: true },
      answeredAt: { type: 'string', format: 'date-time', nullable: true },
    });
  });
});

describe.each(ADAPTERS)('A global prefix on %s', (adapter) => {
  let app: INestApplication;
  afterAll(() => app?.close());

  it('is in the paths and left out of tags and operation ids', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [fixtureModule([GadgetViewSet])],
    }).compile();
    app = await createTestApp(moduleRef, adapter, {
      express: (nest) => void nest.setGlobalPrefix('v1'),
      fastify: (nest) => void nest.setGlobalPrefix('v1'),
    });
    const document = RestflowOpenApi.createDocument(app, INFO);
    const retrieve = (document.paths['/v1/gadgets/{id}'] as Record<string, OperationObject>).get!;
    expect(retrieve).toMatchObject({ operationId: 'gadgets_retrieve', tags: ['gadgets'] });
    await request(app.getHttpServer()).get('/v1/gadgets').expect(200);
    // The overridden, re-decorated create still routes and answers.
    await request(app.getHttpServer())
      .post('/v1/gadgets')
      .send({ name: 'Lamp' })
      .expect(201)
      .expect(({ body }) => expect(body).toMatchObject({ name: 'Lamp', status: 'draft' }));
  });
});

describe('What the document cannot describe fails the build, naming it and the fix', () => {
  const apps: INestApplication[] = [];
  afterAll(() => Promise.all(apps.map((app) => app.close())));

  async function build(controller: Type<unknown>): Promise<() => OpenAPIObject> {
    const moduleRef = await Test.createTestingModule({
      imports: [fixtureModule([controller])],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    apps.push(app);
    return () => RestflowOpenApi.createDocument(app, INFO);
  }

  it('a paginator that does not describe itself', async () => {
    const create = await build(SecretPaginatedViewSet);
    expect(create).toThrow(
      /paginator SecretPagination .* Fix: implement OpenApiPaginator \(openApiParameters\(\) and openApiEnvelope\(\)\)/,
    );
  });

  it('an authenticator that does not describe its scheme', async () => {
    const create = await build(HeaderSecretViewSet);
    expect(create).toThrow(
      /authenticator HeaderSecretAuthentication .* Fix: implement OpenApiAuthenticator/,
    );
  });
});
