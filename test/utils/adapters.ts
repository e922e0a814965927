import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { INestApplication } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import { configureRestflowHttp, fastifyFrameworkErrors } from 'nestjs-restflow';

/** Both HTTP adapters: suites that touch HTTP run once per adapter with `describe.each`. */
export const ADAPTERS = ['express', 'fastify'] as const;
export type AdapterName = (typeof ADAPTERS)[number];

/** The body limit both adapters are given, so that 413 behaves identically. */
export const TEST_BODY_LIMIT = 64 * 1024;

/**
 * What a suite adds to the application before it is initialised (middleware, plugins), per
 * adapter.
 */
export interface TestAppSetup {
  express?(app: NestExpressApplication): void | Promise<void>;
  fastify?(app: NestFastifyApplication): void | Promise<void>;
}

/**
 * Creates and initialises the Nest application of a compiled testing module on one adapter,
 * configured as the example app configures production: `configureRestflowHttp()` (same body
 * parsers, limits and client-error answers on both adapters).
 */
export async function createTestApp(
  moduleRef: TestingModule,
  adapter: AdapterName,
  setup: TestAppSetup = {},
): Promise<INestApplication> {
  if (adapter === 'fastify') {
    const app = moduleRef.createNestApplication<NestFastifyApplication>(
      new FastifyAdapter({
        bodyLimit: TEST_BODY_LIMIT,
        frameworkErrors: fastifyFrameworkErrors,
        routerOptions: { ignoreTrailingSlash: true },
      }),
      { logger: false },
    );
    configureRestflowHttp(app, { bodyLimit: TEST_BODY_LIMIT });
    await setup.fastify?.(app);
    return initTestApp(app);
  }
  const app = moduleRef.createNestApplication<NestExpressApplication>(new ExpressAdapter(), {
    logger: false,
  });
  configureRestflowHttp(app, { bodyLimit: TEST_BODY_LIMIT });
  await setup.express?.(app);
  return initTestApp(app);
}

/** Initialises an app and, on Fastify, waits until its plugins and routes are ready. */
export async function initTestApp<TApp extends INestApplication>(app: TApp): Promise<TApp> {
  await app.init();
  const adapter = app.getHttpAdapter();
  if (adapter.getType() === 'fastify') {
    await (adapter.getInstance() as { ready(): Promise<unknown> }).ready();
  }
  return app;
}
