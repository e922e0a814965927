import {
  createParamDecorator,
  Injectable,
  Optional,
  type ArgumentMetadata,
  type ExecutionContext,
  type PipeTransform,
  type Type,
} from '@nestjs/common';
import { InjectRestflowOptions } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { ValidationFailed } from '../exceptions/standard.exceptions';
import type { RestflowRequest } from '../core/restflow-request.interface';
import { FilterSet, type FilterSetClass } from './filter-set';
import { moduleFilterSetOptions } from './filter-set.backend';
import { ApiFilterSetQuery } from './filter-set.openapi';
import { readQueryParams, type FilterSetInput } from './query-params.util';

const FILTER_QUERY = Symbol('restflow:filter-query');

/** What {@link FilterQuery} hands to the pipe: the request and the filter set class. */
interface FilterQueryInput {
  [FILTER_QUERY]: true;
  request: RestflowRequest;
  filterSetClass: FilterSetClass;
}

/**
 * Builds a filter set from the query of a request, validates it and hands the handler the valid
 * filter set (`filterQueryset()`, `validatedData`), or answers 400 `validation_error` with the
 * per-parameter `details` (`{ "price__gte": ["A valid number is required."] }`). Unknown
 * parameters are ignored unless the filter set's `meta.strict` is set.
 *
 * Three ways to use it:
 * - `@FilterQuery(X)`: the recommended one; reads the raw query string, so repeated parameters
 *   (`?ids=1&ids=2`) read the same on Express and Fastify whatever the query parser, documents
 *   the parameters for `@nestjs/swagger`, and a global `ValidationPipe` leaves it alone.
 * - `@Query(FilterSetPipe.of(X))`: the same as a pipe class over the adapter's parsed query
 *   object (a repeated parameter must arrive as an array). Add `@ApiFilterSetQuery(X)` for
 *   Swagger. Not under a transforming `ValidationPipe` (global, controller or method): it would
 *   rebuild the query as the parameter's class before this pipe runs.
 * - `@Query(new FilterSetPipe(X))`: a plain instance of the same.
 *
 * @example
 * ```ts
 * @Get()
 * async list(@FilterQuery(ProductFilterSet) filters: ProductFilterSet) {
 *   const query = await filters.filterQueryset(this.products.createQueryBuilder('p'));
 *   return query.getMany();
 * }
 * ```
 * @publicApi
 */
@Injectable()
export class FilterSetPipe<TFilterSet extends FilterSet = FilterSet> implements PipeTransform {
  constructor(
    @Optional() private readonly filterSetClass?: FilterSetClass<TFilterSet>,
    /** `forRoot({ filters })` defaults (strict); injected when Nest creates the pipe. */
    @Optional()
    @InjectRestflowOptions()
    private readonly restflowOptions?: ResolvedRestflowOptions,
  ) {}

  /**
   * A pipe class bound to one filter set, for `@Query(FilterSetPipe.of(X))`.
   *
   * @example
   * ```ts
   * @Get()
   * @ApiFilterSetQuery(ProductFilterSet)
   * list(@Query(FilterSetPipe.of(ProductFilterSet)) filters: ProductFilterSet) {}
   * ```
   */
  static of<TFilterSet extends FilterSet>(
    filterSetClass: FilterSetClass<TFilterSet>,
  ): Type<PipeTransform> {
    checkFilterSetClass(filterSetClass, 'FilterSetPipe.of');
    // A wrapper rather than a subclass: Nest reads constructor metadata through the class
    // chain, and the parent's parameter list would leak into the bound pipe's.
    @Injectable()
    class BoundFilterSetPipe implements PipeTransform {
      private readonly pipe: FilterSetPipe<TFilterSet>;

      constructor(@Optional() @InjectRestflowOptions() restflowOptions?: ResolvedRestflowOptions) {
        this.pipe = new FilterSetPipe(filterSetClass, restflowOptions);
      }

      transform(value: unknown, metadata: ArgumentMetadata): Promise<TFilterSet> {
        return this.pipe.transform(value, metadata);
      }
    }
    Object.defineProperty(BoundFilterSetPipe, 'name', {
      value: `FilterSetPipe(${filterSetClass.name})`,
    });
    return BoundFilterSetPipe;
  }

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<TFilterSet> {
    const input = isFilterQueryInput(value) ? value : undefined;
    const filterSetClass = (input?.filterSetClass ??
      this.filterSetClass ??
      filterSetMetatype(metadata)) as FilterSetClass<TFilterSet>;
    const defaults = moduleFilterSetOptions(this.restflowOptions);
    const filterSet = input
      ? new filterSetClass(readQueryParams(input.request), { request: input.request, ...defaults })
      : new filterSetClass(queryOf(value), defaults);
    if (!(await filterSet.isValid())) {
      throw new ValidationFailed({ details: filterSet.errors });
    }
    return filterSet;
  }
}

/**
 * Injects a validated filter set built from the raw query string of the request (see
 * {@link FilterSetPipe}), and documents its parameters on the handler for `@nestjs/swagger`
 * (see {@link ApiFilterSetQuery}). Nest's `ValidationPipe` leaves custom parameter
 * decorators alone, so nothing validates twice.
 *
 * @example
 * ```ts
 * @Controller('products')
 * export class ProductsController {
 *   constructor(@InjectRepository(Product) private readonly products: Repository<Product>) {}
 *
 *   @Get()
 *   async list(@FilterQuery(ProductFilterSet) filters: ProductFilterSet) {
 *     const query = await filters.filterQueryset(this.products.createQueryBuilder('p'));
 *     return { filters: filters.validatedData, results: await query.getMany() };
 *   }
 * }
 * // GET /products?price__gte=10&ids=1,2&ids=3&order_by=-price
 * ```
 * @publicApi
 */
export function FilterQuery(filterSetClass: FilterSetClass): ParameterDecorator {
  checkFilterSetClass(filterSetClass, '@FilterQuery');
  const inject = createParamDecorator(
    (_data: unknown, context: ExecutionContext): FilterQueryInput => ({
      [FILTER_QUERY]: true,
      request: context.switchToHttp().getRequest<RestflowRequest>(),
      filterSetClass,
    }),
  )(undefined, FilterSetPipe);
  return (target, key, index) => {
    const descriptor =
      key === undefined ? undefined : Reflect.getOwnPropertyDescriptor(target, key);
    if (key === undefined || typeof descriptor?.value !== 'function') {
      throw new RestflowConfigError(
        '@FilterQuery',
        '@FilterQuery() injects into a parameter of a route handler, not of a constructor.',
      );
    }
    inject(target, key, index);
    // Also resolves the filter set now, so that a declaration it cannot honour fails at startup.
    ApiFilterSetQuery(filterSetClass)(target, key, descriptor);
  };
}

function isFilterQueryInput(value: unknown): value is FilterQueryInput {
  return typeof value === 'object' && value !== null && FILTER_QUERY in value;
}

function checkFilterSetClass(filterSetClass: unknown, where: string): void {
  if (typeof filterSetClass !== 'function' || !(filterSetClass.prototype instanceof FilterSet)) {
    throw new RestflowConfigError(
      where,
      `${where} needs a FilterSet class, got ${String(filterSetClass)}. Fix: pass a subclass of ` +
        'FilterSet, and check for a circular import if it is undefined.',
    );
  }
}

function filterSetMetatype(metadata: ArgumentMetadata): FilterSetClass {
  const metatype = metadata.metatype as unknown;
  if (typeof metatype === 'function' && metatype.prototype instanceof FilterSet) {
    return metatype as FilterSetClass;
  }
  throw new RestflowConfigError(
    'FilterSetPipe',
    'FilterSetPipe does not know which filter set to use. Fix: use `@FilterQuery(ProductFilterSet)`, ' +
      'or pass it, as in `@Query(FilterSetPipe.of(ProductFilterSet))`.',
  );
}

/** The parsed query object a `@Query()` pipe receives (absent: no parameters). */
function queryOf(value: unknown): FilterSetInput | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof FilterSet) {
    throw new RestflowConfigError(
      'FilterSetPipe',
      'A transforming ValidationPipe rebuilt the query as a filter set before FilterSetPipe ran ' +
        '(the parameter is typed as a class). Fix: use `@FilterQuery(ProductFilterSet)`, which ' +
        'ValidationPipe leaves alone.',
    );
  }
  if (typeof value !== 'object') {
    throw new RestflowConfigError(
      'FilterSetPipe',
      'FilterSetPipe reads the whole query. Fix: use it on `@Query()` without a parameter name, ' +
        'or use `@FilterQuery(ProductFilterSet)`.',
    );
  }
  return value as FilterSetInput;
}
