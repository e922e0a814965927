import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { useRestflowTestingApp } from 'nestjs-restflow/testing';
import type { DataSourceOptions } from 'typeorm';
import { TEST_BODY_LIMIT, type AdapterName } from './adapters';
import { createTestDatabase, type DatabaseName, type TestDatabase } from './databases';

/**
 * Creates a database for the enclosing `describe` block and drops it after the block. Returns a
 * getter, valid inside tests and later hooks.
 */
export function useTestDatabase(name: DatabaseName): () => TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(name);
  });
  afterAll(() => database?.drop());
  return () => {
    if (!database) throw new Error('The test database is created in beforeAll.');
    return database;
  };
}

/** The application of an enclosing `describe` block, and its HTTP server for supertest. */
export interface TestAppHandle {
  app(): INestApplication;
  http(): ReturnType<INestApplication['getHttpServer']>;
}

/**
 * Boots a Nest application of `imports` (built once the database exists) on one adapter for the
 * enclosing `describe` block, and closes it after the block: the public `useRestflowTestingApp()`
 * of `nestjs-restflow/testing`, with options built in its `beforeAll` and the suite's body
 * limit. Call it in a block nested inside the one that called {@link useTestDatabase}: Jest runs
 * `afterAll` hooks in declaration order, and the app must close before its database is dropped.
 */
export function useTestApp(
  adapter: AdapterName,
  database: () => TestDatabase,
  imports: (
    options: (entities: DataSourceOptions['entities']) => DataSourceOptions,
  ) => ModuleMetadata['imports'],
): TestAppHandle {
  const testing = useRestflowTestingApp(() => {
    const current = database();
    return {
      imports: imports((entities) => current.options(entities)) ?? [],
      adapter,
      http: { bodyLimit: TEST_BODY_LIMIT },
    };
  });
  return {
    app: () => testing.app,
    http: () => testing.app.getHttpServer() as unknown,
  };
}
