import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { isMysqlDriver, isPostgresDriver } from '../../core/code-point-order.util';
import { isSqliteDriver } from '../../core/column-type.util';
import { dataSourceOf } from '../../core/typeorm-compat.util';

/**
 * The SQL families the lookups are written for.
 *
 * @example
 * ```ts
 * const dialect: SqlDialect = 'sqlite';
 * ```
 */
export type SqlDialect = 'sqlite' | 'postgres' | 'mysql';

/**
 * The SQL family of the data source behind `query`.
 *
 * @throws {Error} for a driver the lookups do not support (Oracle, SQL Server, …).
 * @example
 * ```ts
 * sqlDialect(repository.createQueryBuilder('book')); // 'postgres' on a PostgreSQL data source
 * ```
 */
export function sqlDialect(query: SelectQueryBuilder<ObjectLiteral>): SqlDialect {
  const driver = dataSourceOf(query).options.type;
  const dialect = sqlDialectOf(driver);
  if (dialect === undefined) {
    throw new Error(
      `Filter lookups do not support the "${driver}" driver; supported: SQLite (sqlite, sqljs, ` +
        'better-sqlite3), PostgreSQL (postgres, cockroachdb) and MySQL/MariaDB (mysql, mariadb).',
    );
  }
  return dialect;
}

/**
 * The SQL family of a TypeORM driver type (`dataSource.options.type`), or `undefined` for a driver
 * the lookups do not support. PGlite through typeorm-pglite is `'postgres'`.
 *
 * @example
 * ```ts
 * sqlDialectOf(dataSource.options.type); // 'sqlite' for { type: 'sqljs' }
 * ```
 */
export function sqlDialectOf(driver: string): SqlDialect | undefined {
  if (isSqliteDriver(driver)) return 'sqlite';
  if (isPostgresDriver(driver)) return 'postgres';
  if (isMysqlDriver(driver)) return 'mysql';
  return undefined;
}
