import { Injectable, Module, type INestApplication, type ModuleMetadata } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import {
  RestflowConfigError,
  RestflowExceptionFilter,
  RestflowModule,
  type RestflowModuleOptions,
} from 'nestjs-restflow';
import request from 'supertest';
import { ADAPTERS, createTestApp, type AdapterName } from './utils/adapters';
import { EchoController } from './fixtures/options/echo.controller';

async function boot(metadata: ModuleMetadata, adapter: AdapterName): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    controllers: [EchoController],
    ...metadata,
  }).compile();
  return createTestApp(moduleRef, adapter);
}

@Injectable()
class JsonOnlyOptions {
  createRestflowOptions(): RestflowModuleOptions {
    return { parsers: { mediaTypes: ['application/json'] } };
  }
}

describe('RestflowModule options at boot', () => {
  const invalid = { parsers: { mediaTypes: [] } } as RestflowModuleOptions;
  const message =
    'Invalid RestflowModule option "parsers.mediaTypes": expected a non-empty list of media types';

  it('fails forRoot with a RestflowConfigError naming the option', async () => {
    const compiling = Test.createTestingModule({
      imports: [RestflowModule.forRoot(invalid)],
    }).compile();
    await expect(compiling).rejects.toBeInstanceOf(RestflowConfigError);
    await expect(
      Test.createTestingModule({ imports: [RestflowModule.forRoot(invalid)] }).compile(),
    ).rejects.toThrow(message);
  });

  it('fails forRootAsync when the factory returns a wrong option', async () => {
    const compiling = Test.createTestingModule({
      imports: [
        RestflowModule.forRootAsync({ useFactory: () => ({ jwt: { secret: 'x' } }) as never }),
      ],
    }).compile();
    await expect(compiling).rejects.toThrow(
      'Unknown RestflowModule option "jwt.secret". Fix: remove it or use a valid name.',
    );
  });

  it('fails NestFactory.create, so the process never serves with a wrong option', async () => {
    @Module({ imports: [RestflowModule.forRoot(invalid)] })
    class BrokenAppModule {}
    await expect(
      NestFactory.create(BrokenAppModule, new ExpressAdapter(), {
        abortOnError: false,
        logger: false,
      }),
    ).rejects.toThrow(message);
  });
});

describe.each(ADAPTERS)('RestflowModule wiring over %s', (adapter) => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('applies forRootAsync({ useClass }) options: a media type left out is 415', async () => {
    app = await boot(
      {
        imports: [
          RestflowModule.forRootAsync({ useClass: JsonOnlyOptions, globalExceptionFilter: true }),
        ],
      },
      adapter,
    );
    await request(app.getHttpServer())
      .post('/echo')
      .send({ text: 'hi' })
      .expect(201, { text: 'hi' });
    const response = await request(app.getHttpServer())
      .post('/echo')
      .type('form')
      .send('text=hi')
      .expect(415);
    expect(response.body.error).toEqual({
      code: 'unsupported_media_type',
      message: 'Unsupported media type "application/x-www-form-urlencoded" in request.',
      details: {},
    });
  });

  it('accepts form bodies by default', async () => {
    app = await boot(
      { imports: [RestflowModule.forRoot({ globalExceptionFilter: true })] },
      adapter,
    );
    await request(app.getHttpServer())
      .post('/echo')
      .type('form')
      .send('text=hi')
      .expect(201, { text: 'hi' });
  });

  it('puts object-level messages under exceptions.nonFieldErrorsKey', async () => {
    app = await boot(
      {
        imports: [
          RestflowModule.forRoot({
            globalExceptionFilter: true,
            exceptions: { nonFieldErrorsKey: 'errors' },
          }),
        ],
      },
      adapter,
    );
    const response = await request(app.getHttpServer()).post('/echo').send({}).expect(400);
    expect(response.body.error.details).toEqual({ errors: ['Text is required.'] });
  });

  it('renders the envelope with the one-line APP_FILTER provider', async () => {
    app = await boot(
      {
        imports: [RestflowModule.forRoot()],
        providers: [{ provide: APP_FILTER, useClass: RestflowExceptionFilter }],
      },
      adapter,
    );
    await request(app.getHttpServer())
      .get('/echo/missing')
      .expect(404, { error: { code: 'not_found', message: 'Not found.', details: {} } });
  });

  it('leaves Nest error handling alone unless the filter is registered', async () => {
    app = await boot({ imports: [RestflowModule.forRoot()] }, adapter);
    const response = await request(app.getHttpServer()).get('/echo/missing').expect(404);
    expect(response.body).toEqual({ statusCode: 404, message: 'Not Found' });
  });
});
