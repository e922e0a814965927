import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { DataSource, EntityMetadata } from 'typeorm';
import { bootedControllers, routeHandlers } from '../core/controller-actions.util';
import { resolveActionConfig } from '../core/action-config.decorator';
import { describeFilterSet, FilterSet, type FilterSetClass } from './filter-set';
import { assertFilterSetPaths } from './filter-set-paths.check';
import { ARRAY_LOOKUPS } from './lookups/lookup.types';
import { assertLookupDialect } from './lookups/lookup-dialect.util';

/**
 * Throws unless every lookup of a filter set runs on the database of `dataSource`: the `postgres`
 * lookups (`search`, `trigram_similar`, `unaccent`) and the `pg_array` lookups (`contains` on a
 * list filter, `overlap`, `contained_by`) need PostgreSQL (the `postgres`, `aurora-postgres` and
 * `cockroachdb` drivers; PGlite through typeorm-pglite is `postgres`). Every other lookup runs on
 * SQLite, PostgreSQL and MySQL/MariaDB. Only the driver type is read: the data source need not be
 * initialised. {@link FilterSetDialectCheck} calls it for every view at boot, and `buildLookup`
 * checks each lookup again, so a wrong dialect never builds SQL.
 *
 * @throws {RestflowConfigError} naming the filter set, the filter, the lookup, the driver and
 * the fix.
 * @example
 * ```ts
 * class ProductFilterSet extends FilterSet {
 *   @Filter({ lookups: ['postgres'] }) name!: string;
 * }
 * assertFilterSetDialect(ProductFilterSet, new DataSource({ type: 'sqljs' }));
 * // RestflowConfigError: ProductFilterSet.name: the "search" lookup needs PostgreSQL; this data
 * // source is sqljs. Fix: remove the lookup or use PostgreSQL.
 * ```
 * @publicApi
 */
export function assertFilterSetDialect(
  filterSetClass: FilterSetClass | typeof FilterSet,
  dataSource: Pick<DataSource, 'options'>,
): void {
  const { parameters } = describeFilterSet(filterSetClass as typeof FilterSet);
  for (const parameter of parameters) {
    const { target } = parameter;
    if (!('lookup' in target)) {
      continue;
    }
    assertLookupDialect(
      target.lookup,
      parameter.list && ARRAY_LOOKUPS.has(target.lookup),
      dataSource.options.type,
      `${filterSetClass.name}.${parameter.filterName}`,
    );
  }
}

/**
 * Checks at boot that the filter sets of every controller fit the database: for each controller
 * instance, its `filterSetClass` and the `filterSetClass` of each action's `ActionConfig`
 * (`@ActionConfig` on the class or on handlers, and `actionConfigs`) go through
 * {@link assertFilterSetDialect} with the view's `dataSource`, and, when the view's `queryset` is
 * an entity, through a check that every filter and ordering path names a column of it (through
 * many-to-one relations). A failure rejects `app.init()` /
 * `app.listen()` with a `RestflowConfigError`, instead of a 500 on the first request. Views without
 * a data source and request-scoped controllers (no instance at boot) are skipped. Registered by
 * `RestflowModule`.
 *
 * @example
 * ```ts
 * // With TypeOrmModule.forRoot({ type: 'sqljs' }) and a view whose filter set declares `search`:
 * await app.init();
 * // RestflowConfigError: ProductFilterSet.name: the "search" lookup needs PostgreSQL; this data
 * // source is sqljs. Fix: remove the lookup or use PostgreSQL.
 * ```
 * @publicApi
 */
@Injectable()
export class FilterSetDialectCheck implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    for (const { view } of bootedControllers(this.discovery)) {
      const dataSource = (view as { dataSource?: Partial<DataSource> }).dataSource;
      if (typeof dataSource?.options?.type !== 'string') {
        continue;
      }
      const root = rootEntityOf(view, dataSource);
      for (const filterSetClass of filterSetClassesOf(view)) {
        assertFilterSetDialect(filterSetClass, dataSource as DataSource);
        if (root) assertFilterSetPaths(filterSetClass, root);
      }
    }
  }
}

/** The entity a view's queries start from, when its `queryset` is an entity of `dataSource`. */
function rootEntityOf(view: object, dataSource: Partial<DataSource>): EntityMetadata | undefined {
  const source = (view as { queryset?: unknown }).queryset;
  if (typeof source !== 'function' || !dataSource.isInitialized || !dataSource.hasMetadata) {
    return undefined;
  }
  return dataSource.hasMetadata(source) ? dataSource.getMetadata!(source) : undefined;
}

/** The filter set classes a view uses: its own, and those of its actions' configs. */
function filterSetClassesOf(view: object): (typeof FilterSet)[] {
  const candidates = new Set<unknown>([(view as { filterSetClass?: unknown }).filterSetClass]);
  const actions = new Set([
    ...Object.keys((view as { actionConfigs?: object }).actionConfigs ?? {}),
    ...routeHandlers(view).keys(),
  ]);
  for (const action of actions) {
    candidates.add(resolveActionConfig(view, action).filterSetClass);
  }
  return [...candidates].filter(
    (candidate): candidate is typeof FilterSet =>
      typeof candidate === 'function' &&
      (candidate === FilterSet || candidate.prototype instanceof FilterSet),
  );
}
