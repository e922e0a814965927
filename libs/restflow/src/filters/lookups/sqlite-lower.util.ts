import type { DataSource } from 'typeorm';

/** The SQL function name of the Unicode-aware lower case on SQLite. */
export const SQLITE_UNICODE_LOWER = 'restflow_lower';

/** Database handles that have the function already. */
const REGISTERED = new WeakSet<object>();

interface SqlJsDatabase {
  create_function(name: string, fn: (value: unknown) => unknown): unknown;
}
interface BetterSqliteDatabase {
  function(
    name: string,
    options: { deterministic: boolean },
    fn: (value: unknown) => unknown,
  ): unknown;
}

/** JavaScript's full Unicode lower case, what PostgreSQL and MariaDB's `LOWER()` give for letters. */
function unicodeLower(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

/**
 * Makes `restflow_lower(text)` available on a SQLite data source (sql.js or better-sqlite3) and
 * returns its name: SQLite's own `LOWER()` folds ASCII letters only (`LOWER('ÜNÏ')` is `'ÜNÏ'`),
 * so case-insensitive lookups would find nothing for non-ASCII letters. Registered once per
 * database handle, synchronously.
 *
 * @throws {Error} for another SQLite driver (no way to register a function).
 * @internal
 */
export function sqliteUnicodeLower(dataSource: DataSource): string {
  const handle = (dataSource.driver as unknown as { databaseConnection?: unknown })
    .databaseConnection;
  if (typeof handle !== 'object' || handle === null) {
    throw new Error('The SQLite database is not open: initialise the data source first.');
  }
  if (REGISTERED.has(handle)) return SQLITE_UNICODE_LOWER;
  const type = dataSource.options.type;
  if (type === 'sqljs' && typeof (handle as SqlJsDatabase).create_function === 'function') {
    (handle as SqlJsDatabase).create_function(SQLITE_UNICODE_LOWER, unicodeLower);
  } else if (
    type === 'better-sqlite3' &&
    typeof (handle as BetterSqliteDatabase).function === 'function'
  ) {
    (handle as BetterSqliteDatabase).function(
      SQLITE_UNICODE_LOWER,
      { deterministic: true },
      unicodeLower,
    );
  } else {
    throw new Error(
      `Case-insensitive lookups on the "${type}" driver cannot fold non-ASCII letters: ` +
        'use sql.js or better-sqlite3.',
    );
  }
  REGISTERED.add(handle);
  return SQLITE_UNICODE_LOWER;
}
