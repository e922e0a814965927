import {
  Module,
  type DynamicModule,
  type ForwardReference,
  type INestApplication,
  type Provider,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadOptionalDependency } from '../core/optional-dependency.util';
import { fastifyFrameworkErrors } from '../exceptions';
import { configureRestflowHttp } from '../http';

/**
 * Options of {@link createRestflowTestingApp}.
 *
 * @example
 * ```ts
 * await createRestflowTestingApp({ imports: [AppModule], adapter: 'fastify' });
 * ```
 * @publicApi
 */
export interface RestflowTestingAppOptions {
  /** The modules of the app under test (your `AppModule`, or a fixture module). */
  imports: Array<Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference>;
  /** Extra controllers and providers, beside `imports`. */
  controllers?: Type<unknown>[];
  providers?: Provider[];
  /** The HTTP adapter. @default 'express' */
  adapter?: 'express' | 'fastify';
  /** Runs before `init()`: global pipes, middleware, OpenAPI setup. */
  configure?(app: INestApplication): void | Promise<void>;
  /** Nest's logger. @default false */
  logger?: false | Array<'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal'>;
}

/**
 * Creates and initialises a Nest app for tests, on Express or Fastify, with the library's HTTP
 * layer configured as in production (`configureRestflowHttp`: same body parsing, limits and
 * client-error answers on both adapters). The adapter packages are the app's own dependencies
 * (`@nestjs/platform-express`, `@nestjs/platform-fastify`); a missing one is named. Close the
 * app at the end (`await app.close()`), or use {@link useRestflowTestingApp}.
 *
 * @example
 * ```ts
 * const app = await createRestflowTestingApp({ imports: [AppModule], adapter: 'fastify' });
 * const client = new RestflowTestClient(app);
 * ```
 * @publicApi
 */
export async function createRestflowTestingApp(
  options: RestflowTestingAppOptions,
): Promise<INestApplication> {
  @Module({
    imports: options.imports,
    controllers: options.controllers ?? [],
    providers: options.providers ?? [],
  })
  class RestflowTestingAppModule {}

  const adapterName = options.adapter ?? 'express';
  const feature = `createRestflowTestingApp({ adapter: '${adapterName}' })`;
  const adapter =
    adapterName === 'fastify'
      ? new (loadOptionalDependency<typeof import('@nestjs/platform-fastify')>(
          '@nestjs/platform-fastify',
          feature,
          'adapter',
        ).FastifyAdapter)({ frameworkErrors: fastifyFrameworkErrors })
      : new (loadOptionalDependency<typeof import('@nestjs/platform-express')>(
          '@nestjs/platform-express',
          feature,
          'adapter',
        ).ExpressAdapter)();
  const app = await NestFactory.create(RestflowTestingAppModule, adapter, {
    logger: options.logger ?? false,
  });
  configureRestflowHttp(app);
  await options.configure?.(app);
  await app.init();
  if (adapterName === 'fastify') {
    await (app.getHttpAdapter().getInstance() as { ready(): Promise<unknown> }).ready();
  }
  return app;
}
