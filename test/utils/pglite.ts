import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { getPGliteInstance, PGliteDriver } from 'typeorm-pglite';
import { createTestDatabase, testDatabases } from './databases';

/** The PostgreSQL databases a suite of PostgreSQL-only features runs against. */
export type PostgresTestDatabaseName = 'pglite' | 'postgres';

/**
 * PGlite (PostgreSQL in WASM, in process) in `npm test`; in `npm run test:services` the
 * PostgreSQL server when the global setup found it (none otherwise).
 */
export function postgresTestDatabases(): PostgresTestDatabaseName[] {
  if (process.env.RESTFLOW_TEST_DATABASES === undefined) {
    return ['pglite'];
  }
  return testDatabases().includes('postgres') ? ['postgres'] : [];
}

/** A PostgreSQL database for one suite, dropped (PGlite: closed) after it. */
export interface PostgresTestDatabase {
  readonly name: PostgresTestDatabaseName;
  options(entities: DataSourceOptions['entities']): DataSourceOptions;
  drop(): Promise<void>;
}

/** The extensions of the `postgres` lookups; both ship with PGlite and with PostgreSQL contrib. */
const EXTENSIONS = ['pg_trgm', 'unaccent'];

/**
 * Creates the database of a suite: a uniquely named database on the PostgreSQL server, or PGlite.
 *
 * typeorm-pglite keeps one PGlite instance per process (per Jest test file) and closes it when
 * any data source on it is destroyed, so the next app would pay the 3–5 s initdb again and start
 * empty. Here every data source of the file shares the instance, which only `drop()` closes.
 * PGlite is one session: never run two apps' transactions concurrently on it.
 */
export async function createPostgresTestDatabase(
  name: PostgresTestDatabaseName,
): Promise<PostgresTestDatabase> {
  if (name === 'postgres') {
    const database = await createTestDatabase('postgres');
    return { name, options: (entities) => database.options(entities), drop: () => database.drop() };
  }
  const { driver } = new PGliteDriver({ extensions: { pg_trgm, unaccent } });
  class SharedPool extends driver.Pool {
    override end(callback: (error: unknown) => void): void {
      callback(null);
    }
  }
  let used = false;
  return {
    name,
    options: (entities) => {
      used = true;
      return { type: 'postgres', driver: { Pool: SharedPool }, entities, synchronize: true };
    },
    drop: async () => {
      if (used) await (await getPGliteInstance()).close();
    },
  };
}

/** Installs the extensions the `postgres` lookups need (pg_trgm, unaccent), if missing. */
export async function installPostgresExtensions(dataSource: DataSource): Promise<void> {
  for (const extension of EXTENSIONS) {
    await dataSource.query(`CREATE EXTENSION IF NOT EXISTS ${extension}`);
  }
}
