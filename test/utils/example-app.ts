import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule, type AppModuleOptions } from '../../apps/example/src/app.module';
import { configureApp } from '../../apps/example/src/configure-app';
import { createHttpAdapter } from '../../apps/example/src/create-http-adapter';
import { initTestApp, type AdapterName } from './adapters';

/** The tokens' secret in the example app's tests (a fixed one, so tests can sign their own). */
export const EXAMPLE_SIGNING_KEY = 'example-app-e2e-signing-key-0123456789abcdef';

/**
 * Boots the example app exactly as main.ts wires it, on one adapter and database
 * (`undefined`: the default sql.js file), with {@link EXAMPLE_SIGNING_KEY} unless `options` say
 * otherwise.
 */
export async function bootExample(
  adapter: AdapterName,
  databaseUrl: string | undefined,
  options: AppModuleOptions = {},
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      AppModule.forDatabase(databaseUrl, { jwtSigningKey: EXAMPLE_SIGNING_KEY, ...options }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication(createHttpAdapter(adapter), { logger: false });
  configureApp(app);
  return initTestApp(app);
}
