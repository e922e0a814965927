/**
 * Database helpers: bounded waits (timeouts).
 */
export { DEFAULT_DATABASE_TIMEOUTS, withDatabaseTimeouts } from './with-database-timeouts';
export type { DatabaseTimeouts } from './with-database-timeouts';
