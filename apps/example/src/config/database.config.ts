import { resolve } from 'node:path';
import { BlacklistedToken, durableSqlJs } from 'nestjs-restflow';
import type { DataSourceOptions } from 'typeorm';
import { Category } from '../catalog/category.entity';
import { Product } from '../catalog/product.entity';
import { Review } from '../catalog/review.entity';
import { Tag } from '../catalog/tag.entity';
import { User } from '../users/user.entity';

/** Every entity of the example app (BlacklistedToken: the JWT blacklist's table). */
export const ENTITIES = [Category, Product, Review, Tag, User, BlacklistedToken];

/** Where the zero-setup sql.js database is saved, relative to the working directory. */
export const DEFAULT_SQLJS_LOCATION = 'data/example.sqlite';

const ACCEPTED_FORMS =
  `unset (sql.js saved to ${DEFAULT_SQLJS_LOCATION}), "sqljs::memory:" (in-memory sql.js), ` +
  '"postgres://user:password@host:5432/db" (or postgresql://), ' +
  '"mysql://user:password@host:3306/db" (or mariadb://)';

/**
 * TypeORM options for a `DATABASE_URL`:
 *
 * | `DATABASE_URL` | Database |
 * | --- | --- |
 * | unset or empty | sql.js saved to `data/example.sqlite` under `cwd` (created if missing) with {@link durableSqlJs} |
 * | `sqljs::memory:` or `sqljs:memory` | in-memory sql.js, gone when the process exits |
 * | `postgres://...`, `postgresql://...` | PostgreSQL (driver `pg`) |
 * | `mysql://...`, `mariadb://...` | MySQL or MariaDB (driver `mysql2`) |
 *
 * The schema is synchronised from the entities on start: this is a demo, not a migration story.
 *
 * @throws {Error} for any other value, naming `DATABASE_URL` and the accepted forms.
 * @example
 * ```ts
 * TypeOrmModule.forRoot(databaseOptions(process.env.DATABASE_URL));
 * ```
 */
export function databaseOptions(url?: string, cwd: string = process.cwd()): DataSourceOptions {
  const common = { entities: ENTITIES, synchronize: true } as const;
  const value = url?.trim() ?? '';
  if (value === '') {
    // Crash-safe saves (temporary file, fsync, rename); an empty or damaged file stops the boot
    // with a message naming it, before the seeder could see an empty database.
    return durableSqlJs({ ...common, location: resolve(cwd, DEFAULT_SQLJS_LOCATION) });
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'sqljs' && ['sqljs::memory:', 'sqljs:memory'].includes(value.toLowerCase())) {
    return { ...common, type: 'sqljs' };
  }
  if (scheme === 'postgres' || scheme === 'postgresql') {
    return { ...common, type: 'postgres', url: value };
  }
  if (scheme === 'mysql' || scheme === 'mariadb') {
    // UTC on the wire, so dates read back the same whatever the server's or client's time zone.
    return { ...common, type: 'mysql', url: value, timezone: 'Z' };
  }
  // Only the scheme is echoed: the URL itself may hold a password.
  const shown = scheme ? `a URL with scheme "${scheme}:"` : 'a value without a URL scheme';
  throw new Error(
    `DATABASE_URL is ${shown}, which is not supported. Use one of: ${ACCEPTED_FORMS}.`,
  );
}
