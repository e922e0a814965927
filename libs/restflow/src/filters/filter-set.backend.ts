import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { resolveActionConfig } from '../core/action-config.decorator';
import type { FilterBackend } from '../core/filter-backend.interface';
import { KeyedCache } from '../core/keyed-cache.util';
import { REQUEST_ACTION } from '../core/restflow-metadata-keys';
import type { RestflowRequest } from '../core/restflow-request.interface';
import type { FilterSetClass, FilterSetOptions } from './filter-set';
import { paginatorQueryParams } from './paginator-params.util';

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
  /**
   * The filter set class of one request (DRF restflow's `get_filterset_class()`); when the view
   * defines it, it decides alone (`undefined`: no filtering). Its classes are checked on their
   * first request, not at boot.
   */
  getFilterSetClass?(request: RestflowRequest): FilterSetClass | undefined;
}

/**
 * The filter backend of filter sets (DRF restflow's `RestflowFilterBackend`): builds the action's
 * filter set from the raw query string of the request, validates it (400 `validation_error`
 * envelope with the per-parameter errors) and applies it. The filter set class is the action's
 * `@ActionConfig({ filterSetClass })`, else the view's `filterSetClass`; without either the query
 * is left unfiltered.
 *
 * @example
 * ```ts
 * @ViewSet('api/products')
 * export class ProductViewSet extends ModelViewSet {
 *   override queryset = Product;
 *   override serializerClass = ProductSerializer;
 *   override filterBackends = [new FilterSetBackend()];
 *   filterSetClass = ProductFilterSet;
 *
 *   @ActionConfig({ filterSetClass: ProductListFilterSet })
 *   override list(request: RestflowRequest) {
 *     return super.list(request);
 *   }
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
    const filterSetClass = this.getFilterSetClass(request, view);
    if (!filterSetClass) {
      return query;
    }
    // Views carry the resolved forRoot options (`APIView.restflowOptions`).
    const options = (view as { restflowOptions?: ResolvedRestflowOptions }).restflowOptions;
    const moduleOptions = moduleFilterSetOptions(options);
    return new filterSetClass(undefined, {
      request,
      ...moduleOptions,
      // Strict filter sets accept what the action's paginator reads (`?p=2&per=5`).
      ignoredParams: ignoredParamsOf(moduleOptions, paginatorQueryParams(request, view)),
    }).filterQueryset(query);
  }

  /**
   * The filter set class of the request: the view's own `getFilterSetClass(request)` when it has
   * one, else the action's `ActionConfig.filterSetClass` (the action name is the one the view's
   * guard left on the request), else `view.filterSetClass`. Override to choose per request.
   *
   * @example
   * ```ts
   * class StaffFilterSetBackend extends FilterSetBackend {
   *   protected override getFilterSetClass(request: RestflowRequest, view: unknown) {
   *     return isStaff(request.user) ? StaffProductFilterSet : super.getFilterSetClass(request, view);
   *   }
   * }
   * ```
   */
  protected getFilterSetClass(request: RestflowRequest, view: unknown): FilterSetClass | undefined {
    if (typeof view !== 'object' || view === null) {
      return undefined;
    }
    const filterSetView = view as FilterSetView;
    if (typeof filterSetView.getFilterSetClass === 'function') {
      return filterSetView.getFilterSetClass(request);
    }
    const action = (request as unknown as Record<symbol, unknown>)[REQUEST_ACTION];
    const fromAction =
      typeof action === 'string' ? resolveActionConfig(view, action).filterSetClass : undefined;
    return fromAction ?? (view as FilterSetView).filterSetClass;
  }
}

/**
 * The filter set options `RestflowModule.forRoot()` implies: `filters.strict`, the input caps
 * (`filters.maxListLength`, `filters.maxValueLength`), and the parameters strict filter sets
 * accept anyway (`filters.ignoredParams` and `pagination.pageSizeQueryParam`).
 *
 * @internal
 */
export function moduleFilterSetOptions(
  options: ResolvedRestflowOptions | undefined,
): ModuleFilterSetOptions {
  if (options === undefined) return NO_MODULE_OPTIONS;
  // The resolved options are frozen at boot: derived once per options object.
  let derived = MODULE_OPTIONS.get(options);
  if (!derived) {
    const pageSizeParam = options.pagination.pageSizeQueryParam;
    derived = Object.freeze({
      strict: options.filters.strict,
      maxListLength: options.filters.maxListLength,
      maxValueLength: options.filters.maxValueLength,
      ignoredParams: Object.freeze([
        ...options.filters.ignoredParams,
        ...(pageSizeParam ? [pageSizeParam] : []),
      ]),
    });
    MODULE_OPTIONS.set(options, derived);
  }
  return derived;
}

type ModuleFilterSetOptions = Pick<
  FilterSetOptions,
  'strict' | 'ignoredParams' | 'maxListLength' | 'maxValueLength'
>;

const NO_MODULE_OPTIONS: ModuleFilterSetOptions = Object.freeze({});
const MODULE_OPTIONS = new WeakMap<ResolvedRestflowOptions, ModuleFilterSetOptions>();

/** Per module options: the ignored parameters with each paginator's (a per-class list) added. */
const IGNORED_PARAMS = new KeyedCache<object, readonly string[], readonly string[]>();

function ignoredParamsOf(
  moduleOptions: ModuleFilterSetOptions,
  paginatorParams: readonly string[],
): readonly string[] {
  return IGNORED_PARAMS.get(moduleOptions, paginatorParams, () =>
    Object.freeze([...(moduleOptions.ignoredParams ?? []), ...paginatorParams]),
  );
}
