/**
 * Queries that `getObject()` reads one row from by a unique key. Filter sets still filter them
 * (DRF runs `filter_queryset` in `get_object`) but leave out their ordering: at most one row comes
 * back, so an `ORDER BY` (and the joins an ordering through a relation adds) would be built and
 * run for nothing. A mark on the query object, so that a backend which returns a different query
 * simply orders it as before.
 */
const OBJECT_LOOKUPS = new WeakSet<object>();

/** Marks `query` as the lookup of one row by a unique key. @internal */
export function markObjectLookup(query: object): void {
  OBJECT_LOOKUPS.add(query);
}

/** Whether `query` was marked by {@link markObjectLookup}. @internal */
export function isObjectLookup(query: object): boolean {
  return OBJECT_LOOKUPS.has(query);
}
