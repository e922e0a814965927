import { randomBytes } from 'node:crypto';
import type { DataSourceOptions } from 'typeorm';
import { DataSource } from 'typeorm';

/** The databases an end-to-end suite runs against. */
export type DatabaseName = 'sqljs' | 'postgres' | 'mariadb';

/** Server URLs of the services suite (the machine's loopback services). */
export const SERVICE_URLS = {
  postgres: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  mariadb: process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306/test',
} as const;

/**
 * Databases of this run: sql.js in `npm test`; in `npm run test:services` the servers that the
 * global setup found (PostgreSQL and MariaDB).
 */
export function testDatabases(): DatabaseName[] {
  const services = process.env.RESTFLOW_TEST_DATABASES;
  if (services === undefined) {
    return ['sqljs'];
  }
  return services.split(',').filter(Boolean) as DatabaseName[];
}

/** A database created for one suite and dropped after it. */
export interface TestDatabase {
  name: DatabaseName;
  /** A URL the example app's DATABASE_URL accepts. */
  url: string;
  options(entities: DataSourceOptions['entities']): DataSourceOptions;
  drop(): Promise<void>;
}

/**
 * Creates an isolated database for one suite: a fresh in-memory sql.js, or a uniquely named
 * database on the PostgreSQL or MariaDB server, so suites running in parallel never share tables.
 */
export async function createTestDatabase(name: DatabaseName): Promise<TestDatabase> {
  if (name === 'sqljs') {
    return {
      name,
      url: 'sqljs::memory:',
      options: (entities) => ({ type: 'sqljs', entities, synchronize: true }),
      drop: () => Promise.resolve(),
    };
  }
  const database = `restflow_test_${randomBytes(6).toString('hex')}`;
  const serverUrl = new URL(SERVICE_URLS[name]);
  const type = name === 'postgres' ? 'postgres' : 'mysql';
  await runOnServer(type, serverUrl.href, `CREATE DATABASE ${database}`);
  const url = new URL(serverUrl.href);
  url.pathname = `/${database}`;
  return {
    name,
    url: url.href,
    options: (entities) => ({ type, url: url.href, entities, synchronize: true }),
    drop: () => runOnServer(type, serverUrl.href, `DROP DATABASE IF EXISTS ${database}`),
  };
}

async function runOnServer(type: 'postgres' | 'mysql', url: string, sql: string): Promise<void> {
  const admin = new DataSource({ type, url });
  await admin.initialize();
  try {
    await admin.query(sql);
  } finally {
    await admin.destroy();
  }
}
