import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { FilterBackend } from '../views/filter-backend.interface';
import type { RestflowRequest } from '../views/restflow-request.interface';
import type { FilterSetClass } from './filter-set';

/**
 * The view property {@link FilterSetBackend} reads: the filter set class of the view's lists.
 *
 * @example
 * ```ts
 * class ProductViewSet extends ModelViewSet implements FilterSetView {
 *   override filterBackends = [new FilterSetBackend()];
 *   filterSetClass = ProductFilterSet;
 * }
 * ```
 * @publicApi
 */
export interface FilterSetView {
  filterSetClass?: FilterSetClass;
}

/**
 * The filter backend of filter sets (DRF restflow's `RestflowFilterBackend`): builds the view's
 * `filterSetClass` from the raw query string of the request, validates it (400 `validation_error`
 * envelope with the per-parameter errors) and applies it. A view without `filterSetClass` is left
 * unfiltered.
 *
 * @example
 * ```ts
 * @ViewSet('api/products')
 * export class ProductViewSet extends ModelViewSet {
 *   override queryset = Product;
 *   override serializerClass = ProductSerializer;
 *   override filterBackends = [new FilterSetBackend()];
 *   filterSetClass = ProductFilterSet;
 * }
 * ```
 * @publicApi
 */
export class FilterSetBackend implements FilterBackend {
  async filterQueryset<TEntity extends ObjectLiteral>(
    request: RestflowRequest,
    query: SelectQueryBuilder<TEntity>,
    view: unknown,
  ): Promise<SelectQueryBuilder<TEntity>> {
    const filterSetClass = (view as FilterSetView | undefined)?.filterSetClass;
    if (!filterSetClass) {
      return query;
    }
    return new filterSetClass(undefined, { request }).filterQueryset(query);
  }
}
