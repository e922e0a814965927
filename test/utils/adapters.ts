import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { TestingModule } from '@nestjs/testing';
import { createRestflowTestingApp } from 'nestjs-restflow/testing';

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
 * through the public `createRestflowTestingApp()` of `nestjs-restflow/testing`: the library's
 * HTTP layer as in production (`configureRestflowHttp()`, with {@link TEST_BODY_LIMIT}), Fastify
 * with the envelope for its router errors and trailing slashes ignored, then the suite's `setup`.
 */
export function createTestApp(
  moduleRef: TestingModule,
  adapter: AdapterName,
  setup: TestAppSetup = {},
): Promise<INestApplication> {
  return createRestflowTestingApp({
    module: moduleRef,
    adapter,
    http: { bodyLimit: TEST_BODY_LIMIT },
    configure: (app) =>
      adapter === 'fastify'
        ? setup.fastify?.(app as NestFastifyApplication)
        : setup.express?.(app as NestExpressApplication),
  });
}

/**
 * Initialises an app a suite built itself and, on Fastify, waits until its plugins and routes
 * are ready (what `createRestflowTestingApp()` does for the apps it builds).
 */
export async function initTestApp<TApp extends INestApplication>(app: TApp): Promise<TApp> {
  await app.init();
  const adapter = app.getHttpAdapter();
  if (adapter.getType() === 'fastify') {
    await (adapter.getInstance() as { ready(): Promise<unknown> }).ready();
  }
  return app;
}
