import type { DataSourceOptions } from 'typeorm';
import { RestflowConfigError } from '../exceptions/restflow-config.error';

/**
 * The bounds {@link withDatabaseTimeouts} puts on every database wait.
 *
 * @example
 * ```ts
 * const timeouts: DatabaseTimeouts = { queryMs: 5_000, connectMs: 3_000 };
 * ```
 * @publicApi
 */
export interface DatabaseTimeouts {
  /**
   * Longest a query may run. PostgreSQL: the server's `statement_timeout`, and `pg`'s
   * client-side `query_timeout` 500 ms later (it ends the wait when the server itself is
   * frozen or unreachable). MySQL/MariaDB: `mysql2`'s per-query timeout.
   * @default 5000
   */
  queryMs?: number;
  /**
   * Longest wait for a connection: opening one and, on PostgreSQL, waiting for a free one when
   * every pooled connection is busy (`pg-pool`'s `connectionTimeoutMillis`).
   * @default 3000
   */
  connectMs?: number;
}

/**
 * The defaults of {@link DatabaseTimeouts}.
 *
 * @example
 * ```ts
 * DEFAULT_DATABASE_TIMEOUTS.queryMs; // 5000
 * ```
 * @publicApi
 */
export const DEFAULT_DATABASE_TIMEOUTS: Readonly<Required<DatabaseTimeouts>> = Object.freeze({
  queryMs: 5_000,
  connectMs: 3_000,
});

/** Slack between PostgreSQL's own statement_timeout and the client giving up on the server. */
const CLIENT_SIDE_MARGIN_MS = 500;

/** Embedded databases run in-process: there is no connection or server to wait for. */
const EMBEDDED_TYPES = new Set(['sqljs', 'better-sqlite3', 'capacitor', 'cordova', 'expo']);

/** The largest timeout accepted: ten minutes. */
const MAX_TIMEOUT_MS = 600_000;

/**
 * Returns `options` with query and connection timeouts set in the driver's own options, so that
 * no database call waits without bound: a frozen, unreachable or overloaded database fails the
 * call, which the exception filter answers with 503 `service_unavailable`.
 *
 * | `type` | Set |
 * | --- | --- |
 * | `postgres` (driver `pg`) | `extra.connectionTimeoutMillis` = `connectMs`, `extra.statement_timeout` = `queryMs`, `extra.query_timeout` = `queryMs` + 500 |
 * | `mysql`, `mariadb` (driver `mysql2`) | `connectTimeout` = `connectMs`, `maxQueryExecutionTime` = `queryMs` with `enableQueryTimeout` |
 * | `sqljs`, `better-sqlite3` and other embedded databases | nothing: they run in-process |
 *
 * `mysql2` has no pool acquisition timeout, and a query that timed out keeps its connection
 * busy until the server answers while the pool lends that connection again: with a frozen MySQL
 * or MariaDB server, requests after the first timed-out one can wait until the server answers.
 * PostgreSQL has neither limit. `statement_timeout` also bounds schema changes made through the
 * data source (`synchronize`, migrations).
 *
 * @throws {RestflowConfigError} for a timeout that is not a whole number of milliseconds from 1
 *   to 600000, for a `type` without known timeouts, or when `options` already set one of the
 *   driver options it would set.
 * @example
 * ```ts
 * TypeOrmModule.forRoot(
 *   withDatabaseTimeouts(
 *     { type: 'postgres', url: process.env.DATABASE_URL, entities: [Product] },
 *     { queryMs: 5_000, connectMs: 2_000 },
 *   ),
 * );
 * ```
 * @publicApi
 */
export function withDatabaseTimeouts<TOptions extends DataSourceOptions>(
  options: TOptions,
  timeouts: DatabaseTimeouts = {},
): TOptions {
  const queryMs = timeout(timeouts, 'queryMs');
  const connectMs = timeout(timeouts, 'connectMs');
  const type: string = options.type;
  if (EMBEDDED_TYPES.has(type)) {
    return options;
  }
  const own = options as unknown as Record<string, unknown>;
  if (type === 'postgres') {
    const extra = (own.extra ?? {}) as Record<string, unknown>;
    refuseOverlap(
      type,
      extra,
      ['connectionTimeoutMillis', 'statement_timeout', 'query_timeout'],
      'extra.',
    );
    refuseOverlap(type, own, ['connectTimeoutMS'], '');
    return {
      ...options,
      extra: {
        ...extra,
        connectionTimeoutMillis: connectMs,
        statement_timeout: queryMs,
        query_timeout: queryMs + CLIENT_SIDE_MARGIN_MS,
      },
    };
  }
  if (type === 'mysql' || type === 'mariadb') {
    refuseOverlap(type, own, ['connectTimeout', 'maxQueryExecutionTime', 'enableQueryTimeout'], '');
    const extra = (own.extra ?? {}) as Record<string, unknown>;
    refuseOverlap(type, extra, ['connectTimeout'], 'extra.');
    return {
      ...options,
      connectTimeout: connectMs,
      maxQueryExecutionTime: queryMs,
      enableQueryTimeout: true,
    };
  }
  throw new RestflowConfigError(
    'withDatabaseTimeouts',
    `withDatabaseTimeouts() does not know the timeout options of the "${type}" driver. Fix: ` +
      'set its query and connection timeouts in your DataSource options yourself, and leave ' +
      'withDatabaseTimeouts() out (it supports postgres, mysql, mariadb and embedded databases).',
  );
}

function timeout(timeouts: DatabaseTimeouts, name: keyof DatabaseTimeouts): number {
  const value: unknown = timeouts[name] ?? DEFAULT_DATABASE_TIMEOUTS[name];
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 1 ||
    value > MAX_TIMEOUT_MS
  ) {
    throw new RestflowConfigError(
      `withDatabaseTimeouts.${name}`,
      `Invalid withDatabaseTimeouts() option "${name}": expected a whole number of milliseconds ` +
        `from 1 to ${MAX_TIMEOUT_MS}, got ${JSON.stringify(value) ?? String(value)}. Fix: use e.g. ` +
        `{ ${name}: ${DEFAULT_DATABASE_TIMEOUTS[name]} }, or leave it out for that default.`,
    );
  }
  return value;
}

function refuseOverlap(
  type: string,
  options: Record<string, unknown>,
  keys: string[],
  prefix: string,
): void {
  const taken = keys.find((key) => options[key] !== undefined);
  if (taken !== undefined) {
    throw new RestflowConfigError(
      `withDatabaseTimeouts`,
      `withDatabaseTimeouts() sets "${prefix}${taken}" of the ${type} options, which already ` +
        `have one. Fix: remove "${prefix}${taken}" from the options and pass queryMs / connectMs ` +
        'to withDatabaseTimeouts(), or leave withDatabaseTimeouts() out.',
    );
  }
}
