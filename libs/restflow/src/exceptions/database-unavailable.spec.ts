import { BadGatewayException } from '@nestjs/common';
import { EntityNotFoundError, QueryFailedError } from 'typeorm';
import { toDatabaseException } from './database-errors';
import { isDatabaseUnavailableError } from './database-unavailable';

/** A driver error as pg, pg-pool and mysql2 build them: an Error with extra fields. */
function driverError(message: string, fields: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), fields);
}

/** What TypeORM throws for a failed query: the driver error inside a QueryFailedError. */
function queryFailed(error: Error): QueryFailedError {
  return new QueryFailedError('SELECT 1', [], error);
}

// Shapes captured from real failures (pg 8.23, pg-pool, mysql2 3.24, TypeORM 1.1) against a
// private PostgreSQL server that was frozen (SIGSTOP) or killed, and a MariaDB server.
const UNAVAILABLE: Array<[string, unknown]> = [
  [
    'pg: statement_timeout',
    queryFailed(driverError('canceling statement due to statement timeout', { code: '57014' })),
  ],
  ['pg: query_timeout on a frozen server', queryFailed(driverError('Query read timeout'))],
  ['pg-pool: no free connection in time', driverError('timeout exceeded when trying to connect')],
  [
    'pg-pool: connecting to a frozen server',
    new Error('Connection terminated due to connection timeout', {
      cause: new Error('Connection terminated unexpectedly'),
    }),
  ],
  ['pg: connection dropped', queryFailed(driverError('Connection terminated unexpectedly'))],
  [
    'pg: server stopped',
    driverError('connect ECONNREFUSED 127.0.0.1:55432', { code: 'ECONNREFUSED', errno: -111 }),
  ],
  [
    'pg: backend terminated',
    queryFailed(
      driverError('terminating connection due to administrator command', { code: '57P01' }),
    ),
  ],
  ['pg: starting up', driverError('the database system is starting up', { code: '57P03' })],
  ['pg: too many connections', driverError('sorry, too many clients already', { code: '53300' })],
  [
    'mysql2: server stopped',
    driverError('connect ECONNREFUSED 127.0.0.1:3306', {
      code: 'ECONNREFUSED',
      errno: -111,
      fatal: true,
    }),
  ],
  [
    'mysql2: server mute while connecting',
    driverError('connect ETIMEDOUT', { code: 'ETIMEDOUT', fatal: true }),
  ],
  [
    'mysql2: socket closed by the server',
    driverError('Connection lost: The server closed the connection.', {
      code: 'PROTOCOL_CONNECTION_LOST',
      fatal: true,
    }),
  ],
  [
    'mysql2: query timeout',
    queryFailed(driverError('Query inactivity timeout', { code: 'PROTOCOL_SEQUENCE_TIMEOUT' })),
  ],
  [
    'mysql: max_execution_time',
    queryFailed(
      driverError('Query execution was interrupted', { code: 'ER_QUERY_TIMEOUT', errno: 3024 }),
    ),
  ],
  ['mysql: too many connections', driverError('Too many connections', { errno: 1040 })],
];

const NOT_UNAVAILABLE: Array<[string, unknown]> = [
  ['pg: unique violation', queryFailed(driverError('duplicate key value', { code: '23505' }))],
  [
    'pg: syntax error',
    queryFailed(driverError('syntax error at or near "SELEC"', { code: '42601' })),
  ],
  [
    'mysql: duplicate entry',
    queryFailed(driverError("Duplicate entry 'a' for key 'x'", { errno: 1062 })),
  ],
  ['sql.js: constraint', queryFailed(driverError('UNIQUE constraint failed: product.slug'))],
  ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ['not an error', 'ECONNREFUSED'],
  [
    'an HttpException its thrower chose',
    new BadGatewayException('Upstream down', { cause: driverError('x', { code: 'ECONNREFUSED' }) }),
  ],
];

describe('isDatabaseUnavailableError', () => {
  it.each(UNAVAILABLE)('recognises %s', (_, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(true);
  });

  it.each(NOT_UNAVAILABLE)('leaves %s alone', (_, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(false);
  });

  it('survives a cause cycle', () => {
    const first = new Error('a');
    const second = new Error('b', { cause: first });
    (first as { cause?: unknown }).cause = second;
    expect(isDatabaseUnavailableError(first)).toBe(false);
  });
});

describe('toDatabaseException for an unavailable database', () => {
  it('is 503 service_unavailable without driver details, keeping the cause', () => {
    const cause = queryFailed(driverError('Query read timeout'));
    const exception = toDatabaseException(cause);
    expect(exception?.getStatus()).toBe(503);
    expect(exception?.toEnvelope()).toEqual({
      error: {
        code: 'service_unavailable',
        message: 'The database is not available.',
        details: {},
      },
    });
    expect(exception?.cause).toBe(cause);
  });

  it('still answers 404 for EntityNotFoundError', () => {
    expect(toDatabaseException(new EntityNotFoundError('Product', {}))?.getStatus()).toBe(404);
  });
});
