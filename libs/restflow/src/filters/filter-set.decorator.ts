import 'reflect-metadata';
import type { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { Choices } from '../serializers/fields';

/**
 * The value kinds a filter validates, for what the TypeScript type cannot say by itself
 * (`number` is a float unless `type: 'integer'`; a `Date` is a date-time unless `type: 'date'`).
 * `ip` is an IPv4/IPv6 address (normalised), `duration` a number of seconds (DRF's duration
 * formats, `'1 02:03:04'`, `'PT1H'`, or plain seconds) compared with a numeric column.
 *
 * @example
 * ```ts
 * @Filter({ type: 'integer', lookups: ['comparison'] }) stock!: number;
 * ```
 * @publicApi
 */
export type FilterKind =
  | 'string'
  | 'email'
  | 'ip'
  | 'integer'
  | 'float'
  | 'decimal'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'time'
  | 'duration';

/**
 * What a `filterBy` function returns: TypeORM `Brackets`, or SQL with named parameters. The
 * parameter names are the function's own: the filter set renames them per parameter, so `q` in
 * `search` and in `search!` of one request never collide.
 *
 * @example
 * ```ts
 * const condition: FilterByCondition = { sql: 'LOWER(book.title) LIKE :q', parameters: { q: '%a%' } };
 * ```
 * @publicApi
 */
export type FilterByCondition =
  Brackets | { readonly sql: string; readonly parameters?: Record<string, unknown> };

/**
 * A custom condition for one filter: receives the validated value and the query (whose `alias`
 * names the root entity); may be async. Its negation (`search!`) is "the condition is not true":
 * rows where it is NULL are kept, as for every other negation.
 *
 * @example
 * ```ts
 * const search: FilterByFunction<string> = (value, query) => ({
 *   sql: `(${query.alias}.name LIKE :search OR ${query.alias}.code LIKE :search)`,
 *   parameters: { search: `%${value}%` },
 * });
 * ```
 * @publicApi
 */
export type FilterByFunction<TValue = never> = (
  value: TValue,
  query: SelectQueryBuilder<ObjectLiteral>,
) => FilterByCondition | Promise<FilterByCondition>;

/**
 * A filter method (DRF restflow's `method=`): receives the query and the validated value, and
 * returns a condition (combined with the other filters by `meta.operator`, negated for `name!`),
 * or the query to go on with (always AND-ed, as a Django queryset is; `name!` is refused then), or
 * nothing. May be async. `this` is the filter set (its `request`, `data`).
 *
 * @example
 * ```ts
 * const inStock: FilterMethod<boolean> = (query, value) => ({
 *   sql: value ? `${query.alias}.stock > 0` : `${query.alias}.stock = 0`,
 * });
 * ```
 * @publicApi
 */
export type FilterMethod<TValue = never> = (
  query: SelectQueryBuilder<ObjectLiteral>,
  value: TValue,
  name: string,
) =>
  | FilterByCondition
  | SelectQueryBuilder<ObjectLiteral>
  | void
  | undefined
  | Promise<FilterByCondition | SelectQueryBuilder<ObjectLiteral> | void | undefined>;

/**
 * What `@Filter()` accepts.
 *
 * @example
 * ```ts
 * @Filter({ type: 'integer', lookups: ['comparison', 'in', 'range'], dbField: 'stock' }) qty!: number;
 * @Filter({ filterBy: 'category.name__icontains' }) category!: string;
 * @Filter({ lookups: { min: 'gte', max: 'lte' }, dbField: 'price' }) cost!: number;
 * ```
 * @publicApi
 */
export interface FilterOptions {
  /** The value kind, when the TypeScript type is not enough. */
  type?: FilterKind;
  /** The item kind of an array property. @default 'string' */
  child?: FilterKind;
  /**
   * Lookup variants: names (`'gte'`), category names (`'basic'`, `'text'`, `'comparison'`,
   * `'date'`, `'time'`), `'__all__'` (every category of the kind), or an alias map
   * (`{ min: 'gte' }` → parameter `name__min`).
   */
  lookups?: readonly string[] | '__all__' | Readonly<Record<string, string>>;
  /** The entity property path filtered (`'price'`, `'category.name'`). @default the property name */
  dbField?: string;
  /** A lookup expression (`'category.name__icontains'`) or a function building the condition. */
  filterBy?: string | FilterByFunction<never>;
  /**
   * The name of a method of the filter set (called with `this` the filter set), or a function,
   * of the {@link FilterMethod} shape. Not with `filterBy` or `lookups`.
   */
  method?: string | FilterMethod<never>;
  /**
   * Between the filter's name and a lookup in parameter names (`price_min` with `'_'`).
   * @default `meta.lookupSeparator`, `'__'`
   */
  lookupSeparator?: string;
  /** Generate the `name!` (negated) variants. @default `meta.allowNegate ?? true` */
  allowNegate?: boolean;
  /** The base parameter must be present. @default false */
  required?: boolean;
  /** The allowed values (a list or an enum). */
  choices?: Choices;
  /** Smallest number accepted (integer, float, decimal). */
  min?: number;
  /** Largest number accepted (integer, float, decimal). */
  max?: number;
  /**
   * Most digits of a decimal filter's value ("Ensure that there are no more than 10 digits in
   * total."). @default the column's precision for `meta.fields` filters, else 10 (DRF's)
   */
  maxDigits?: number;
  /**
   * Most decimal places of a decimal filter's value ("Ensure that there are no more than 2
   * decimal places."). @default the column's scale for `meta.fields` filters, else 2 (DRF's)
   */
  decimalPlaces?: number;
  /**
   * Help text of the filter, for OpenAPI: a parameter's description is its hint joined with it,
   * `"price is greater than or equal to - Price in euros"` (the base parameter: the text alone).
   */
  description?: string;
}

/**
 * One `@Filter()` declaration as recorded on a filter set class.
 *
 * @internal
 */
export interface FilterDeclaration {
  readonly name: string;
  readonly designType: unknown;
  readonly options: FilterOptions;
}

const DECLARED_FILTERS = Symbol('restflow:declared-filters');

/** Names a filter may not take: they are the filter set's own API. */
const RESERVED_NAMES = new Set([
  'data',
  'errors',
  'validatedData',
  'isValid',
  'filterQueryset',
  'parameters',
  'request',
]);

/**
 * Declares a filter on a `FilterSet` property. The value kind comes from the TypeScript type
 * (`string`, `number` (a float), `boolean`, `Date` (a date-time), arrays (a list filtered with
 * `in`)) and from {@link FilterOptions}. Each filter gives a base parameter (`price`), one
 * parameter per lookup (`price__gte`) and, unless `allowNegate` is false, the negations
 * (`price!`, `price__gte!`).
 *
 * @example
 * ```ts
 * class ProductFilterSet extends FilterSet {
 *   static override meta = { orderFields: [['price', 'price']] };
 *   @Filter({ lookups: ['text'] }) name!: string;
 *   @Filter({ type: 'integer', lookups: ['comparison', 'range'] }) stock!: number;
 *   @Filter({ child: 'integer', filterBy: 'id__in' }) ids!: number[];
 * }
 * ```
 * @publicApi
 */
export function Filter(options: FilterOptions = {}): PropertyDecorator {
  return (target, propertyKey) => {
    if (typeof propertyKey !== 'string') {
      throw new RestflowConfigError('@Filter', '@Filter() needs a string property name.');
    }
    const designType: unknown = Reflect.getMetadata('design:type', target, propertyKey);
    declareFilter(target, { name: propertyKey, designType, options });
  };
}

/**
 * Records a filter on a filter set prototype (the writer side of `@Filter()`).
 *
 * @internal
 */
export function declareFilter(prototype: object, declaration: FilterDeclaration): void {
  const where = `${prototype.constructor.name}.${declaration.name}`;
  if (RESERVED_NAMES.has(declaration.name)) {
    throw new RestflowConfigError(
      where,
      `\`${declaration.name}\` collides with a FilterSet attribute. Fix: choose a different name and set \`dbField: '${declaration.name}'\`.`,
    );
  }
  const own: Map<string, FilterDeclaration> = Object.prototype.hasOwnProperty.call(
    prototype,
    DECLARED_FILTERS,
  )
    ? (prototype as Record<symbol, Map<string, FilterDeclaration>>)[DECLARED_FILTERS]!
    : new Map<string, FilterDeclaration>();
  own.set(declaration.name, declaration);
  Object.defineProperty(prototype, DECLARED_FILTERS, { value: own, configurable: true });
}

/**
 * The filters declared on a filter set class and its ancestors: inherited ones first, in
 * declaration order; a redeclared name keeps its position and takes the subclass's definition.
 *
 * @internal
 */
export function getDeclaredFilters(
  filterSetClass: abstract new (...args: never[]) => unknown,
): FilterDeclaration[] {
  const chain: object[] = [];
  for (
    let prototype: object | null = filterSetClass.prototype as object;
    prototype && prototype !== Object.prototype;
    prototype = Object.getPrototypeOf(prototype) as object | null
  ) {
    chain.unshift(prototype);
  }
  const filters = new Map<string, FilterDeclaration>();
  for (const prototype of chain) {
    if (Object.prototype.hasOwnProperty.call(prototype, DECLARED_FILTERS)) {
      const own = (prototype as Record<symbol, Map<string, FilterDeclaration>>)[DECLARED_FILTERS]!;
      for (const [name, declaration] of own) {
        filters.set(name, declaration);
      }
    }
  }
  return [...filters.values()];
}
