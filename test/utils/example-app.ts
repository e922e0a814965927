import type { INestApplication } from '@nestjs/common';
import { createRestflowTestingApp } from 'nestjs-restflow/testing';
import { AppModule, type AppModuleOptions } from '../../apps/example/src/app.module';
import { configureApp } from '../../apps/example/src/configure-app';
import { createHttpAdapter } from '../../apps/example/src/create-http-adapter';
import type { AdapterName } from './adapters';

/** The tokens' secret in the example app's tests (a fixed one, so tests can sign their own). */
export const EXAMPLE_SIGNING_KEY = 'example-app-e2e-signing-key-0123456789abcdef';

/**
 * Boots the example app exactly as main.ts wires it (its adapter from `createHttpAdapter()`, its
 * `configureApp()`, which calls `configureRestflowHttp()` itself), on one adapter and database
 * (`undefined`: the default sql.js file), with {@link EXAMPLE_SIGNING_KEY} unless `options` say
 * otherwise, through the public `createRestflowTestingApp()`.
 */
export function bootExample(
  adapter: AdapterName,
  databaseUrl: string | undefined,
  options: AppModuleOptions = {},
): Promise<INestApplication> {
  return createRestflowTestingApp({
    imports: [
      AppModule.forDatabase(databaseUrl, { jwtSigningKey: EXAMPLE_SIGNING_KEY, ...options }),
    ],
    adapter: createHttpAdapter(adapter),
    http: false,
    configure: (app) => configureApp(app),
  });
}
