import type { DataSource } from 'typeorm';

/**
 * Whether every connection of `dataSource` is in fact one database session, so that two
 * overlapping transactions would share it: sql.js (`type: 'sqljs'`, one in-memory database), and
 * PGlite through typeorm-pglite (`type: 'postgres'` with a `driver` whose `Pool` is, or extends,
 * typeorm-pglite's `PGlitePool`). Only the options are read.
 *
 * @example
 * ```ts
 * isSingleSessionDataSource(new DataSource({ type: 'sqljs' })); // true
 * isSingleSessionDataSource(new DataSource({ type: 'postgres', url })); // false
 * ```
 * @publicApi
 */
export function isSingleSessionDataSource(dataSource: Pick<DataSource, 'options'>): boolean {
  const { options } = dataSource;
  if (options.type === 'sqljs') {
    return true;
  }
  if (options.type !== 'postgres') {
    return false;
  }
  // typeorm-pglite is not a dependency of the library: recognise its pool class by name, along
  // the prototype chain so that subclasses (a shared pool in tests) count too.
  let pool: unknown = (options.driver as { Pool?: unknown } | undefined)?.Pool;
  while (typeof pool === 'function') {
    if (pool.name === 'PGlitePool') {
      return true;
    }
    pool = Object.getPrototypeOf(pool);
  }
  return false;
}
