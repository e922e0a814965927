/**
 * Query filter sets: `FilterSet`, `@Filter()`, `FilterSetBackend`, and the lookup engine.
 */
export { LOOKUP_CATEGORIES } from './filter-parameters.util';
export { FilterSet } from './filter-set';
export type {
  FilterSetClass,
  FilterSetMeta,
  FilterSetOperator,
  FilterSetOptions,
  FilterSetProcessor,
} from './filter-set';
export { FilterSetBackend } from './filter-set.backend';
export type { FilterSetView } from './filter-set.backend';
export { Filter } from './filter-set.decorator';
export type {
  FilterByCondition,
  FilterByFunction,
  FilterKind,
  FilterOptions,
} from './filter-set.decorator';
export { readQueryParams } from './query-params.util';
export type { FilterSetInput, RawQueryParams } from './query-params.util';
export * from './lookups';
