import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import { POSTGRES_LOOKUPS } from './lookup.types';
import { sqlDialectOf } from './sql-dialect.util';

/**
 * Whether a lookup only exists on PostgreSQL: the `postgres` lookups (`search`,
 * `trigram_similar`, `unaccent`), `overlap`, `contained_by`, and any lookup on an array column
 * (`contains` on a list filter is the array lookup).
 *
 * @example
 * ```ts
 * lookupNeedsPostgres('search', false); // true
 * lookupNeedsPostgres('contains', false); // false: the LIKE text lookup
 * lookupNeedsPostgres('contains', true); // true: `tags @> ARRAY[...]`
 * ```
 */
export function lookupNeedsPostgres(lookup: string, arrayColumn: boolean): boolean {
  return (
    arrayColumn || POSTGRES_LOOKUPS.has(lookup) || lookup === 'overlap' || lookup === 'contained_by'
  );
}

/**
 * Throws unless a data source of TypeORM driver type `driver` can run `lookup`: the PostgreSQL-only
 * lookups (see {@link lookupNeedsPostgres}) need a PostgreSQL driver (`postgres`,
 * `aurora-postgres`, `cockroachdb`; PGlite through typeorm-pglite is `postgres`). `where` names
 * the declaration in the message (`ProductFilterSet.name`).
 *
 * @throws {RestflowConfigError} naming `where`, the lookup, the driver and the fix.
 * @example
 * ```ts
 * assertLookupDialect('search', false, 'sqljs', 'ProductFilterSet.name');
 * // RestflowConfigError: ProductFilterSet.name: the "search" lookup needs PostgreSQL; this data
 * // source is sqljs. Fix: remove the lookup or use PostgreSQL.
 * ```
 */
export function assertLookupDialect(
  lookup: string,
  arrayColumn: boolean,
  driver: string,
  where?: string,
): void {
  if (!lookupNeedsPostgres(lookup, arrayColumn) || sqlDialectOf(driver) === 'postgres') {
    return;
  }
  const onArray = arrayColumn && lookup !== 'overlap' && lookup !== 'contained_by';
  const subject = `the "${lookup}" lookup${onArray ? ' on an array column' : ''}`;
  throw new RestflowConfigError(
    where ?? lookup,
    `${where === undefined ? capitalise(subject) : `${where}: ${subject}`} needs PostgreSQL; ` +
      `this data source is ${driver}. Fix: remove the lookup or use PostgreSQL.`,
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
