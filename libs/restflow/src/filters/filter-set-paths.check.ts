import type { EntityMetadata } from 'typeorm';
import { describeFilterSet, type FilterSet, type FilterSetClass } from './filter-set';
import { filterPathOwner, orderingPathOwner, walkPropertyPath } from './relation-path.util';

/**
 * Throws unless every entity property path of a filter set leads to a column of `metadata` (the
 * root entity of the query it filters) through many-to-one relations only: the paths of its
 * lookups (`dbField`, `filterBy: 'category.name__icontains'`) and of `meta.orderFields`.
 * `FilterSetDialectCheck` calls it at boot for each view whose `queryset` is an entity, so that a
 * misspelt path stops `app.init()` instead of answering 500 on the first request that uses it.
 *
 * @throws {RestflowConfigError} naming the filter (or `meta.orderFields`), the path and the fix.
 * @example
 * ```ts
 * assertFilterSetPaths(ProductFilterSet, dataSource.getMetadata(Product));
 * // RestflowConfigError: An ordering of ProductFilterSet orders by "category.nmae", which is not
 * // a column of Category. Fix: use a property of the entity or a many-to-one path such as
 * // "category.name".
 * ```
 * @internal
 */
export function assertFilterSetPaths(
  filterSetClass: FilterSetClass | typeof FilterSet,
  metadata: EntityMetadata,
): void {
  const name = filterSetClass.name;
  const { parameters, orderPaths } = describeFilterSet(filterSetClass as typeof FilterSet);
  const checked = new Set<string>();
  for (const { target, filterName } of parameters) {
    if (!('path' in target) || checked.has(filterName)) continue;
    checked.add(filterName);
    walkPropertyPath(metadata, target.path, filterPathOwner(name, filterName));
  }
  for (const path of orderPaths) {
    walkPropertyPath(metadata, path, orderingPathOwner(name));
  }
}
