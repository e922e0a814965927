import { HttpException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';

/** Socket-level codes (Node) and mysql2 protocol codes of a database that is gone or mute. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  // mysql2: the server closed the socket, a query timed out, the server refused a connection.
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_QUERY_TIMEOUT',
  'ER_STATEMENT_TIMEOUT',
  'ER_LOCK_WAIT_TIMEOUT',
  // PostgreSQL SQLSTATEs: statement_timeout or cancel (57014), the server shutting down or
  // starting (57P01-57P03), too many connections (53300), lock_timeout (55P03).
  '57014',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '55P03',
  // PostgreSQL class 08, connection exceptions.
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

/** MySQL/MariaDB errnos of the same faults (for drivers that set only `errno`). */
const MYSQL_ERRNOS = new Set([1040, 1053, 1205, 1969, 3024]);

/**
 * Messages of errors that carry no code: pg and pg-pool timeouts and dropped connections,
 * TypeORM's own wording of the same.
 */
const CONNECTION_MESSAGES = [
  /^Query read timeout$/,
  /^timeout exceeded when trying to connect$/,
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Connection lost/,
  /^Can't add new command when connection is in closed state$/,
];

interface ErrorShape {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
  cause?: unknown;
}

/**
 * Whether `error` says the database could not be reached or did not answer in time, rather than
 * that the query was wrong: refused, reset or timed-out connections and pool acquisitions of pg,
 * pg-pool and mysql2, server-side statement timeouts (PostgreSQL `57014`, MySQL/MariaDB
 * `max_execution_time`), query timeouts on the client side (pg `query_timeout`, mysql2
 * `timeout`), a server shutting down or out of connections. Looks through TypeORM's
 * `QueryFailedError` (its `driverError`) and `cause` chains, but not into an `HttpException`,
 * whose status its thrower chose. Such failures are 503
 * `service_unavailable`: retrying later may succeed.
 *
 * @example
 * ```ts
 * isDatabaseUnavailableError(new Error('timeout exceeded when trying to connect')); // true
 * isDatabaseUnavailableError(Object.assign(new Error('duplicate key'), { code: '23505' })); // false
 * ```
 * @internal
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (
    typeof current === 'object' &&
    current !== null &&
    !(current instanceof HttpException) &&
    !seen.has(current)
  ) {
    seen.add(current);
    if (matches(current)) {
      return true;
    }
    current =
      current instanceof QueryFailedError
        ? (current.driverError as unknown)
        : (current as ErrorShape).cause;
  }
  return false;
}

function matches(error: ErrorShape): boolean {
  if (typeof error.code === 'string' && CONNECTION_CODES.has(error.code)) {
    return true;
  }
  if (typeof error.errno === 'number' && MYSQL_ERRNOS.has(error.errno)) {
    return true;
  }
  const message = typeof error.message === 'string' ? error.message : '';
  return CONNECTION_MESSAGES.some((pattern) => pattern.test(message));
}
