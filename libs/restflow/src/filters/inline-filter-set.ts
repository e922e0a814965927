import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { FilterSet, type FilterSetMeta } from './filter-set';
import { declareFilter, type FilterOptions } from './filter-set.decorator';

/**
 * What {@link InlineFilterSet} accepts: the filter set's `meta` options, a class name, and the
 * filters by name.
 *
 * @example
 * ```ts
 * const options: InlineFilterSetOptions = { model: Product, fields: ['name', 'price'] };
 * ```
 * @publicApi
 */
export interface InlineFilterSetOptions extends Omit<FilterSetMeta, 'fields'> {
  /** The class name (errors name it). @default `<model>FilterSet`, else `InlineFilterSet` */
  readonly name?: string;
  /**
   * The filters: by name, the options `@Filter()` takes (a filter with `child` is a list
   * filter; without `type`, `child` or `choices` a string filter), or a list of `model`
   * properties to generate (`meta.fields`). @default every property of `model` (`'__all__'`)
   */
  readonly fields?: Readonly<Record<string, FilterOptions>> | readonly string[] | '__all__';
}

/**
 * A filter set class built from options, without a class declaration (DRF restflow's
 * `InlineFilterSet`). The ordering parameter is `order_by` unless `orderParam` says otherwise.
 *
 * @throws {RestflowConfigError} when neither `model` nor `fields` is given.
 * @example
 * ```ts
 * const ProductFilterSet = InlineFilterSet({
 *   model: Product,
 *   fields: { name: { lookups: ['icontains'] }, price: { type: 'decimal', lookups: ['comparison'] } },
 *   orderFields: [['price', 'price']],
 * });
 * ```
 * @publicApi
 */
export function InlineFilterSet(options: InlineFilterSetOptions): typeof FilterSet {
  const { name, fields, ...meta } = options;
  if (options.model === undefined && fields === undefined) {
    throw new RestflowConfigError(
      'InlineFilterSet',
      'Either `model` or `fields` must be provided to InlineFilterSet().',
    );
  }
  const className = name ?? (options.model ? `${options.model.name}FilterSet` : 'InlineFilterSet');
  const declared =
    fields !== undefined && fields !== '__all__' && !Array.isArray(fields)
      ? (fields as Readonly<Record<string, FilterOptions>>)
      : undefined;
  const generated: FilterSetMeta['fields'] =
    options.model === undefined
      ? undefined
      : declared !== undefined
        ? []
        : ((fields as readonly string[] | '__all__' | undefined) ?? '__all__');
  const filterSetClass = class extends FilterSet {
    static override meta: FilterSetMeta = {
      ...meta,
      ...(generated !== undefined ? { fields: generated } : {}),
    };
  };
  Object.defineProperty(filterSetClass, 'name', { value: className });
  for (const [filterName, filterOptions] of Object.entries(declared ?? {})) {
    const designType =
      filterOptions.child !== undefined
        ? Array
        : filterOptions.type === undefined && filterOptions.choices === undefined
          ? String
          : undefined;
    declareFilter(filterSetClass.prototype, {
      name: filterName,
      designType,
      options: filterOptions,
    });
  }
  return filterSetClass;
}
