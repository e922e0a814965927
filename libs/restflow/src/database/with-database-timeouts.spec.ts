import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { withDatabaseTimeouts } from './with-database-timeouts';

describe('withDatabaseTimeouts', () => {
  it('sets pg pool, server and client timeouts, keeping other extra options', () => {
    const options = withDatabaseTimeouts(
      { type: 'postgres', url: 'postgres://db/app', extra: { max: 20 } },
      { queryMs: 4000, connectMs: 1500 },
    );
    expect(options).toEqual({
      type: 'postgres',
      url: 'postgres://db/app',
      extra: {
        max: 20,
        connectionTimeoutMillis: 1500,
        statement_timeout: 4000,
        query_timeout: 4500,
      },
    });
  });

  it('uses 5 s for queries and 3 s for connections by default', () => {
    const options: PostgresDataSourceOptions = withDatabaseTimeouts({ type: 'postgres' });
    expect(options.extra).toEqual({
      connectionTimeoutMillis: 3000,
      statement_timeout: 5000,
      query_timeout: 5500,
    });
  });

  it('sets mysql2 connect and query timeouts on MySQL and MariaDB', () => {
    for (const type of ['mysql', 'mariadb'] as const) {
      expect(withDatabaseTimeouts({ type }, { queryMs: 2000, connectMs: 1000 })).toEqual({
        type,
        connectTimeout: 1000,
        maxQueryExecutionTime: 2000,
        enableQueryTimeout: true,
      });
    }
  });

  it('leaves embedded databases alone', () => {
    const options = { type: 'sqljs' as const, autoSave: false };
    expect(withDatabaseTimeouts(options)).toBe(options);
  });

  it.each([0, -1, 1.5, 700_000, Number.NaN, '100'])('refuses queryMs %p at boot', (queryMs) => {
    expect(() =>
      withDatabaseTimeouts({ type: 'postgres' }, { queryMs: queryMs as number }),
    ).toThrow(
      expect.objectContaining({
        name: 'RestflowConfigError',
        option: 'withDatabaseTimeouts.queryMs',
        message: expect.stringContaining('Fix: use e.g. { queryMs: 5000 }') as unknown,
      }) as Error,
    );
  });

  it('refuses to override a timeout the options already set', () => {
    expect(() =>
      withDatabaseTimeouts({ type: 'postgres', extra: { statement_timeout: 100 } }),
    ).toThrow(/sets "extra.statement_timeout" of the postgres options, which already have one/);
    expect(() => withDatabaseTimeouts({ type: 'mysql', connectTimeout: 100 })).toThrow(
      RestflowConfigError,
    );
  });

  it('names the driver it has no timeouts for', () => {
    expect(() => withDatabaseTimeouts({ type: 'mssql', url: 'x' } as never)).toThrow(
      /does not know the timeout options of the "mssql" driver/,
    );
  });
});
