/**
 * Query filter sets: `FilterSet`, `@Filter()`, `FilterSetBackend`, `@FilterQuery()`, their
 * OpenAPI description, and the lookup engine.
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
export { assertFilterSetDialect, FilterSetDialectCheck } from './filter-set-dialect.check';
export { FILTER_INPUT_LIMITS } from './filter-input-limits';
export { FilterSetBackend } from './filter-set.backend';
export type { FilterSetView } from './filter-set.backend';
export { Filter } from './filter-set.decorator';
export { InlineFilterSet } from './inline-filter-set';
export type { InlineFilterSetOptions } from './inline-filter-set';
export type {
  FilterByCondition,
  FilterByFunction,
  FilterKind,
  FilterMethod,
  FilterOptions,
} from './filter-set.decorator';
export { ApiFilterSetQuery, filterSetOpenApiParameters } from './filter-set.openapi';
export type { FilterSetOpenApiParameter, FilterSetOpenApiSchema } from './filter-set.openapi';
export { FilterQuery, FilterSetPipe } from './filter-set.pipe';
export { readQueryParams } from './query-params.util';
export type { FilterSetInput, RawQueryParams } from './query-params.util';
export * from './lookups';
