import {
  Module,
  type DynamicModule,
  type ForwardReference,
  type INestApplication,
  type Provider,
  type Type,
} from '@nestjs/common';
import { NestFactory, type AbstractHttpAdapter } from '@nestjs/core';
import { loadOptionalDependency } from '../core/optional-dependency.util';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { fastifyFrameworkErrors } from '../exceptions';
import { configureRestflowHttp, type RestflowHttpSettings } from '../http';

/**
 * A compiled testing module, by the one method {@link createRestflowTestingApp} calls:
 * `@nestjs/testing`'s `TestingModule` is one.
 *
 * @example
 * ```ts
 * const module: CompiledTestingModule = await Test.createTestingModule({ imports: [AppModule] }).compile();
 * ```
 * @publicApi
 */
export interface CompiledTestingModule {
  createNestApplication(
    adapter: AbstractHttpAdapter,
    options: { logger: RestflowTestingAppOptions['logger'] },
  ): INestApplication;
}

/**
 * Options of {@link createRestflowTestingApp}: the app (`imports`, or a compiled `module`), the
 * adapter, and the HTTP setup.
 *
 * @example
 * ```ts
 * await createRestflowTestingApp({ imports: [AppModule], adapter: 'fastify' });
 * ```
 * @publicApi
 */
export interface RestflowTestingAppOptions {
  /** The modules of the app under test (your `AppModule`, or a fixture module). */
  imports?: Array<Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference>;
  /**
   * Instead of `imports`: a testing module you compiled yourself, to replace providers
   * (`Test.createTestingModule({ imports: [AppModule] }).overrideProvider(Mailer).useValue(fake).compile()`).
   */
  module?: CompiledTestingModule;
  /** Extra controllers and providers, beside `imports` (not with `module`). */
  controllers?: Type<unknown>[];
  providers?: Provider[];
  /**
   * The HTTP adapter: `'express'`, `'fastify'` (with `fastifyFrameworkErrors`, trailing slashes
   * ignored as on Express, and the body limit of `http`), or an adapter instance you built (as
   * your `main.ts` builds it). @default 'express'
   */
  adapter?: 'express' | 'fastify' | AbstractHttpAdapter;
  /**
   * The settings of `configureRestflowHttp()`, which runs before `configure` (`{}`: its defaults).
   * `false` when `configure` calls `configureRestflowHttp()` itself (a setup function shared with
   * `main.ts`). @default {}
   */
  http?: RestflowHttpSettings | false;
  /** Runs before `init()`: global pipes, middleware, OpenAPI setup. */
  configure?(app: INestApplication): void | Promise<void>;
  /** Nest's logger. @default false */
  logger?: false | Array<'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal'>;
}

/**
 * Creates and initialises a Nest app for tests, on Express or Fastify, with the library's HTTP
 * layer configured as in production (`configureRestflowHttp`: same body parsing, limits and
 * client-error answers on both adapters). The adapter packages are the app's own dependencies
 * (`@nestjs/platform-express`, `@nestjs/platform-fastify`); a missing one is named. A boot
 * failure (a missing provider, a configuration error) rejects the promise: the test process is
 * never aborted. Close the app at the end (`await app.close()`), or use
 * {@link useRestflowTestingApp}.
 *
 * @throws {RestflowConfigError} naming `imports`/`module` when neither or both are given.
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
  checkOptions(options);
  const http = options.http ?? {};
  const adapter = httpAdapter(options.adapter ?? 'express', http === false ? {} : http);
  const logger = options.logger ?? false;
  let app: INestApplication;
  if (options.module) {
    app = options.module.createNestApplication(adapter, { logger });
  } else {
    @Module({
      imports: options.imports,
      controllers: options.controllers ?? [],
      providers: options.providers ?? [],
    })
    class RestflowTestingAppModule {}
    // abortOnError: a boot failure rejects instead of aborting the test runner's process.
    app = await NestFactory.create(RestflowTestingAppModule, adapter, {
      logger,
      abortOnError: false,
    });
  }
  try {
    if (http !== false) configureRestflowHttp(app, http);
    await options.configure?.(app);
    await app.init();
    const server = app.getHttpAdapter();
    if (server.getType() === 'fastify') {
      await (server.getInstance() as { ready(): Promise<unknown> }).ready();
    }
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}

function checkOptions(options: RestflowTestingAppOptions): void {
  if (options.module && (options.imports || options.controllers || options.providers)) {
    throw new RestflowConfigError(
      'createRestflowTestingApp.module',
      'createRestflowTestingApp() got both `module` and `imports`/`controllers`/`providers`. ' +
        'Fix: pass the modules as `imports`, or put them in the testing module you pass as `module`.',
    );
  }
  if (!options.module && !options.imports) {
    throw new RestflowConfigError(
      'createRestflowTestingApp.imports',
      'createRestflowTestingApp() needs the app: `imports: [AppModule]`, or a compiled testing ' +
        'module as `module`.',
    );
  }
}

/** The adapter instance of `adapter`: built for a name, as given for an instance. */
function httpAdapter(
  adapter: NonNullable<RestflowTestingAppOptions['adapter']>,
  http: RestflowHttpSettings,
): AbstractHttpAdapter {
  if (typeof adapter !== 'string') return adapter;
  const feature = `createRestflowTestingApp({ adapter: '${adapter}' })`;
  if (adapter === 'fastify') {
    const { FastifyAdapter } = loadOptionalDependency<typeof import('@nestjs/platform-fastify')>(
      '@nestjs/platform-fastify',
      feature,
      'adapter',
    );
    return new FastifyAdapter({
      frameworkErrors: fastifyFrameworkErrors,
      // As configureRestflowHttp() recommends: `/books/` is `/books`, as on Express.
      routerOptions: { ignoreTrailingSlash: true },
      ...(http.bodyLimit === undefined ? {} : { bodyLimit: http.bodyLimit }),
    });
  }
  if (adapter === 'express') {
    const { ExpressAdapter } = loadOptionalDependency<typeof import('@nestjs/platform-express')>(
      '@nestjs/platform-express',
      feature,
      'adapter',
    );
    return new ExpressAdapter();
  }
  throw new RestflowConfigError(
    'createRestflowTestingApp.adapter',
    `createRestflowTestingApp() got adapter "${String(adapter)}". Fix: 'express', 'fastify', ` +
      'or an adapter instance (new FastifyAdapter(...)).',
  );
}
