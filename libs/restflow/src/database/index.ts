/**
 * Database helpers: bounded waits (timeouts), crash-safe sql.js files, and serialized
 * transactions on single-session drivers (sql.js, PGlite).
 */
export { DEFAULT_DATABASE_TIMEOUTS, withDatabaseTimeouts } from './with-database-timeouts';
export type { DatabaseTimeouts } from './with-database-timeouts';
export { durableSqlJs, flushDurableSqlJs } from './durable-sql-js';
export type { DurableSqlJsOptions } from './durable-sql-js';
export { EmbeddedDatabaseLifecycle } from './embedded-database.lifecycle';
export { serializeTransactions } from './serialize-transactions.util';
export type { SerializeTransactionsOptions } from './serialize-transactions.util';
export { isSingleSessionDataSource } from './single-session.util';
