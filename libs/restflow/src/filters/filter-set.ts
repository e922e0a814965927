import {
  Brackets,
  SelectQueryBuilder,
  type ObjectLiteral,
  type WhereExpressionBuilder,
} from 'typeorm';
import { dataSourceOf } from '../core/typeorm-compat.util';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { clientKeyedRecord } from '../core/client-keyed-record.util';
import { codePointText, isOrderedText } from '../core/code-point-order.util';
import { isObjectLookup } from '../core/object-lookup.util';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { ValidationFailed } from '../exceptions/standard.exceptions';
import { EMPTY, FieldValidationError, SKIP, type FieldErrorDetail } from '../serializers/fields';
import type { RestflowRequest } from '../core/restflow-request.interface';
import {
  expandFilters,
  lookupCondition,
  type FilterParameter,
  type LookupTarget,
} from './filter-parameters.util';
import {
  getDeclaredFilters,
  type FilterByCondition,
  type FilterDeclaration,
  type FilterMethod,
  type FilterOptions,
} from './filter-set.decorator';
import {
  checkCapOverride,
  checkRawValues,
  FILTER_INPUT_LIMITS,
  type FilterInputCaps,
} from './filter-input-limits';
import { filterByCondition } from './filter-by-condition.util';
import { indexedLists, isIndexedItemOf } from './indexed-list.util';
import { modelFilterDeclarations } from './model-filters.util';
import { orderingPathOwner, resolvePropertyPath } from './relation-path.util';
import { normaliseFilterSetInput, readQueryParams, type FilterSetInput } from './query-params.util';

/**
 * A pre- or postprocessor of a filter set: receives the query (and the request, when the filter
 * set was built from one) and returns the query to go on with (or nothing to keep it). May be
 * async.
 *
 * @example
 * ```ts
 * const onlyPublished: FilterSetProcessor = (query) => query.andWhere(`${query.alias}.published = true`);
 * ```
 * @publicApi
 */
export type FilterSetProcessor = (
  query: SelectQueryBuilder<ObjectLiteral>,
  request: RestflowRequest | undefined,
  filterSet: FilterSet,
) =>
  | SelectQueryBuilder<ObjectLiteral>
  | void
  | undefined
  | Promise<SelectQueryBuilder<ObjectLiteral> | void | undefined>;

/**
 * How the conditions of a filter set combine: all (`AND`), any (`OR`), or an odd number of them
 * (`XOR`). Case-insensitive.
 *
 * @example
 * ```ts
 * const operator: FilterSetOperator = 'OR';
 * ```
 * @publicApi
 */
export type FilterSetOperator = 'AND' | 'OR' | 'XOR' | 'and' | 'or' | 'xor';

/**
 * The options of a filter set class (`static meta`), DRF's `Meta`.
 *
 * @example
 * ```ts
 * static override meta: FilterSetMeta = {
 *   operator: 'AND',
 *   orderFields: [['price', 'price'], ['newest', '-createdAt']],
 *   defaultOrderFields: ['-price'],
 *   strict: true,
 *   ignoredParams: ['page', 'page_size'],
 * };
 * ```
 * @publicApi
 */
export interface FilterSetMeta {
  /**
   * The entity whose columns `fields` generates filters from (reference 2.8). The query's root
   * entity is what is filtered.
   */
  readonly model?: abstract new (...args: never[]) => unknown;
  /**
   * Entity properties to generate filters for (`'__all__'`: every column and many-to-one
   * relation). Generated filters have the column's kind and no lookup variants; a declared
   * `@Filter()` of the same name replaces the generated one.
   */
  readonly fields?: readonly string[] | '__all__';
  /** Entity properties `fields: '__all__'` leaves out. */
  readonly exclude?: readonly string[];
  /**
   * Extra options per filter name, applied to generated and `@Filter()` filters (the
   * declaration's own options win): `{ price: { lookups: ['comparison'], min: 0 } }`.
   */
  readonly extraKwargs?: Readonly<Record<string, FilterOptions>>;
  /** How the parameters' conditions combine. @default 'AND' */
  readonly operator?: FilterSetOperator;
  /** The default of every filter's `allowNegate`. @default true */
  readonly allowNegate?: boolean;
  /**
   * Reject unknown query parameters (400 "Unknown filter parameter.").
   * @default `forRoot({ filters: { strict } })`, false
   */
  readonly strict?: boolean;
  /** Parameters that `strict` accepts without filtering on them (pagination, format, ...). */
  readonly ignoredParams?: readonly string[];
  /** The ordering parameter. @default 'order_by' */
  readonly orderParam?: string;
  /**
   * `[parameter value, entity property path]` pairs; `-value` orders the other way, and a path
   * starting with `-` makes `value` descending. A path may go through many-to-one relations
   * (`category.name`, or Django's `category__name`), joined as filter paths are.
   */
  readonly orderFields?: readonly (readonly [string, string])[];
  /** The ordering values used when the parameter is absent (`['-price']`). */
  readonly defaultOrderFields?: readonly string[];
  /**
   * What an ordering value without `-` means: `'asc'`, or `'desc'` (`?order_by=price` is then
   * descending and `-price` ascending). @default 'asc'
   */
  readonly overrideOrderDirection?: 'asc' | 'desc';
  /**
   * Between a filter's name and a lookup in parameter names, for every filter without its own
   * `lookupSeparator` (`'_'`: `price_gte`, `price_min`). @default '__'
   */
  readonly lookupSeparator?: string;
  /**
   * Most values of one list parameter (`id__in`, `range`, a list filter) for this filter set.
   * At most 10000.
   * @default `forRoot({ filters: { maxListLength } })`, 1000
   */
  readonly maxListLength?: number;
  /**
   * Most characters of one parameter value (each value of a list) for this filter set. At most
   * 10000.
   * @default `forRoot({ filters: { maxValueLength } })`, 1000
   */
  readonly maxValueLength?: number;
  /** Run in order before the conditions are added. */
  readonly preprocessors?: readonly FilterSetProcessor[];
  /** Run in order after the conditions are added (before the ordering). */
  readonly postprocessors?: readonly FilterSetProcessor[];
}

/**
 * Options of a filter set instance.
 *
 * @example
 * ```ts
 * new ProductFilterSet(request.query, { request });
 * ```
 * @publicApi
 */
export interface FilterSetOptions {
  /** The request, passed on to the processors. */
  readonly request?: RestflowRequest;
  /** `strict` when `meta.strict` is unset (the backend passes `forRoot({ filters: { strict } })`). */
  readonly strict?: boolean;
  /** Parameters `strict` accepts besides `meta.ignoredParams` (pagination parameters, ...). */
  readonly ignoredParams?: readonly string[];
  /** `maxListLength` when `meta.maxListLength` is unset. @default 1000 */
  readonly maxListLength?: number;
  /** `maxValueLength` when `meta.maxValueLength` is unset. @default 1000 */
  readonly maxValueLength?: number;
}

/**
 * A filter set class: what `FilterSetBackend` reads from a view's `filterSetClass`.
 *
 * @example
 * ```ts
 * const filterSetClass: FilterSetClass = ProductFilterSet;
 * ```
 * @publicApi
 */
export type FilterSetClass<TFilterSet extends FilterSet = FilterSet> = (new (
  data?: FilterSetInput,
  options?: FilterSetOptions,
) => TFilterSet) &
  Pick<typeof FilterSet, 'meta' | 'getParameters'>;

type OrderDirection = 'ASC' | 'DESC';

interface ResolvedClass {
  readonly parameters: readonly FilterParameter[];
  /** The names of `parameters`, and of those that take a list. */
  readonly parameterNames: ReadonlySet<string>;
  readonly listNames: ReadonlySet<string>;
  /** Whether a parameter is required (only then does an absent one matter). */
  readonly anyRequired: boolean;
  readonly operator: 'AND' | 'OR' | 'XOR';
  /** Ordering value → [property path, direction]. */
  readonly orderChoices: ReadonlyMap<string, readonly [string, OrderDirection]>;
  /** `meta.defaultOrderFields` as orderings, or the value that is not an ordering value. */
  readonly defaultOrder:
    | { readonly order: readonly (readonly [string, OrderDirection])[] }
    | { readonly unknown: string };
}

const RESOLVED = new WeakMap<object, ResolvedClass>();

const EXACT_LENGTH_MESSAGE = 'Ensure this field has exactly {count} elements.';
const UNKNOWN_PARAMETER_MESSAGE = 'Unknown filter parameter.';
const REQUIRED_MESSAGE = 'This field is required.';

/**
 * Validates query parameters and turns them into conditions on a TypeORM query (DRF restflow's
 * `FilterSet`). Declare filters with `@Filter()`; each gives a base parameter, lookup variants
 * (`price__gte`) and negations (`price!`). Query-string semantics follow DRF's `QueryDict`: an
 * absent or empty scalar is skipped, the last of repeated scalars wins, a list reads every value
 * split on commas (items trimmed, empty items dropped), and `range` needs exactly two values.
 *
 * @example
 * ```ts
 * class ProductFilterSet extends FilterSet {
 *   static override meta: FilterSetMeta = { orderFields: [['price', 'price']] };
 *   @Filter({ lookups: ['icontains'] }) name!: string;
 *   @Filter({ type: 'integer', lookups: ['comparison', 'range'] }) price!: number;
 * }
 * const filterSet = new ProductFilterSet({ price__gte: '10', order_by: '-price' });
 * if (!(await filterSet.isValid())) console.log(filterSet.errors);
 * const rows = await (await filterSet.filterQueryset(repository.createQueryBuilder('p'))).getMany();
 * ```
 * @publicApi
 */
export class FilterSet {
  /** The options of the class; override with `static override meta = { ... }`. */
  static meta: FilterSetMeta = {};

  /** Every value of every input parameter. */
  readonly data: ReadonlyMap<string, readonly string[]>;
  readonly request: RestflowRequest | undefined;
  private readonly options: FilterSetOptions;
  private validatedValues: Map<FilterParameter, unknown> | undefined;
  private orderValues: readonly (readonly [string, OrderDirection])[] | undefined;
  private errorDetails: Record<string, FieldErrorDetail> | undefined;

  constructor(data?: FilterSetInput, options: FilterSetOptions = {}) {
    this.request = options.request;
    this.options = options;
    this.data =
      data === undefined && options.request
        ? readQueryParams(options.request)
        : normaliseFilterSetInput(data);
    resolveClass(this.constructor as typeof FilterSet);
  }

  /**
   * A filter set over the raw query string of `request` (every value of repeated parameters).
   *
   * @example
   * ```ts
   * const filterSet = ProductFilterSet.fromRequest(request);
   * ```
   */
  static fromRequest<TFilterSet extends FilterSet>(
    this: new (data?: FilterSetInput, options?: FilterSetOptions) => TFilterSet,
    request: RestflowRequest,
  ): TFilterSet {
    return new this(readQueryParams(request), { request });
  }

  /**
   * The parameters the class accepts, in order (each filter's base parameter, its lookup
   * variants, then their negations), followed by nothing else: the ordering parameter is
   * `meta.orderParam`.
   *
   * @example
   * ```ts
   * ProductFilterSet.getParameters(); // ['name', 'name__icontains', 'name!', 'name__icontains!', ...]
   * ```
   */
  static getParameters(): string[] {
    return resolveClass(this).parameters.map((parameter) => parameter.name);
  }

  /**
   * The errors of the last {@link FilterSet.isValid} call, keyed by parameter (list items by
   * index): `{ "price__gte": ["A valid number is required."] }`.
   */
  get errors(): Record<string, FieldErrorDetail> {
    if (this.errorDetails === undefined) {
      throw new RestflowConfigError(
        'errors',
        'Call `await filterSet.isValid()` before reading `errors`.',
      );
    }
    return this.errorDetails;
  }

  /** The validated values by parameter name (ordering under `meta.orderParam`). */
  get validatedData(): Record<string, unknown> {
    if (this.validatedValues === undefined || Object.keys(this.errors).length) {
      throw new RestflowConfigError(
        'validatedData',
        'Call `await filterSet.isValid()` and check it is true before reading `validatedData`.',
      );
    }
    const data: Record<string, unknown> = {};
    for (const [parameter, value] of this.validatedValues) {
      data[parameter.name] = value;
    }
    if (this.orderValues !== undefined) {
      data[this.meta().orderParam ?? 'order_by'] = this.orderValues.map(
        ([path, direction]) => `${direction === 'DESC' ? '-' : ''}${path}`,
      );
    }
    return data;
  }

  /**
   * Validates every parameter with its field (DRF messages) and collects all errors.
   *
   * @example
   * ```ts
   * if (!(await filterSet.isValid())) throw new ValidationFailed({ details: filterSet.errors });
   * ```
   */
  async isValid(): Promise<boolean> {
    const resolved = resolveClass(this.constructor as typeof FilterSet);
    const meta = this.meta();
    // Keyed by parameter names, which the client chooses (`__proto__` included).
    const errors = clientKeyedRecord<FieldErrorDetail>();
    const values = new Map<FilterParameter, unknown>();
    const caps: FilterInputCaps = {
      maxListLength:
        meta.maxListLength ??
        this.options.maxListLength ??
        FILTER_INPUT_LIMITS.maxListLength.default,
      maxValueLength:
        meta.maxValueLength ??
        this.options.maxValueLength ??
        FILTER_INPUT_LIMITS.maxValueLength.default,
    };
    const budget = { used: 0 };
    // Without parameters (a detail lookup, a plain list) only a required filter can fail.
    if (this.data.size > 0 || resolved.anyRequired) {
      const indexed = this.data.size > 0 ? indexedLists(this.data) : undefined;
      for (const parameter of resolved.parameters) {
        const raw =
          this.data.get(parameter.name) ??
          (parameter.list ? indexed?.get(parameter.name) : undefined);
        // An absent parameter is skipped here, without a validation step (and its await).
        if (isAbsent(parameter, raw) && !parameter.required) continue;
        try {
          const value = await validateParameter(parameter, raw, caps, budget);
          if (value !== SKIP) {
            values.set(parameter, value);
          }
        } catch (error) {
          if (!(error instanceof FieldValidationError)) throw error;
          errors[parameter.name] = error.detail;
        }
      }
    }
    const orderParam = meta.orderParam ?? 'order_by';
    const orderRaw = this.data.get(orderParam);
    let order: readonly (readonly [string, OrderDirection])[] | undefined;
    if (resolved.orderChoices.size && orderRaw !== undefined) {
      const items = splitList(orderRaw);
      const invalid = items.find((item) => !resolved.orderChoices.has(item));
      const oversized = oversizedDetail(items, caps);
      if (oversized !== undefined) {
        // Never echo a megabyte back in "... is not a valid choice.".
        errors[orderParam] = oversized;
      } else if (invalid !== undefined) {
        errors[orderParam] = [`"${invalid}" is not a valid choice.`];
      } else if (items.length) {
        order = items.map((item) => resolved.orderChoices.get(item)!);
      }
    }
    if (this.data.size > 0 && (meta.strict ?? this.options.strict)) {
      for (const name of this.data.keys()) {
        const known =
          resolved.parameterNames.has(name) ||
          (resolved.orderChoices.size > 0 && name === orderParam) ||
          meta.ignoredParams?.includes(name) ||
          this.options.ignoredParams?.includes(name);
        if (!known && !isIndexedItemOf(name, resolved.listNames)) {
          errors[name] = [UNKNOWN_PARAMETER_MESSAGE];
        }
      }
    }
    this.errorDetails = errors;
    this.validatedValues = values;
    this.orderValues = order;
    return Object.keys(errors).length === 0;
  }

  /**
   * Validates (unless done), then narrows `query`: preprocessors, one condition per validated
   * parameter combined with `meta.operator` inside one bracket, postprocessors, then ordering
   * (the primary key last, as the tie-breaker).
   *
   * @throws {ValidationFailed} (400) with the per-parameter errors
   * @example
   * ```ts
   * const query = await filterSet.filterQueryset(repository.createQueryBuilder('product'));
   * ```
   */
  async filterQueryset<TEntity extends ObjectLiteral>(
    query: SelectQueryBuilder<TEntity>,
  ): Promise<SelectQueryBuilder<TEntity>> {
    if (this.errorDetails === undefined) {
      await this.isValid();
    }
    if (Object.keys(this.errors).length) {
      throw new ValidationFailed({ details: this.errors });
    }
    const resolved = resolveClass(this.constructor as typeof FilterSet);
    const meta = this.meta();
    let working = query as unknown as SelectQueryBuilder<ObjectLiteral>;
    for (const processor of meta.preprocessors ?? []) {
      working = (await processor(working, this.request, this)) ?? working;
    }
    // No parameter, no condition: the query's parameters need not be scanned for a free prefix.
    const prefix = this.validatedValues!.size > 0 ? parameterPrefix(working) : '';
    const conditions: FilterByCondition[] = [];
    for (const [parameter, value] of this.validatedValues!) {
      const outcome = await this.condition(
        parameter,
        value,
        working,
        `${prefix}_${conditions.length}`,
      );
      if ('query' in outcome) {
        // A method's query goes on, AND-ed whatever the operator (as the original's querysets).
        working = outcome.query;
      } else {
        conditions.push(outcome);
      }
    }
    if (conditions.length) {
      working.andWhere(combine(conditions, resolved.operator));
    }
    for (const processor of meta.postprocessors ?? []) {
      working = (await processor(working, this.request, this)) ?? working;
    }
    let order = this.orderValues;
    if (order === undefined) {
      if ('unknown' in resolved.defaultOrder) {
        throw new RestflowConfigError(
          `${this.constructor.name}.meta.defaultOrderFields`,
          `"${resolved.defaultOrder.unknown}" is not one of the ordering values of ${this.constructor.name}.`,
        );
      }
      order = resolved.defaultOrder.order;
    }
    // getObject() reads one row by a unique key: an ORDER BY would change nothing.
    if (!isObjectLookup(query)) {
      applyOrdering(working, order, this.constructor.name);
    }
    return working as unknown as SelectQueryBuilder<TEntity>;
  }

  private meta(): FilterSetMeta {
    return (this.constructor as typeof FilterSet).meta;
  }

  /** The condition of one parameter, or `undefined` when a method returned the query. */
  private async condition(
    parameter: FilterParameter,
    value: unknown,
    query: SelectQueryBuilder<ObjectLiteral>,
    prefix: string,
  ): Promise<FilterByCondition | { query: SelectQueryBuilder<ObjectLiteral> }> {
    const { target } = parameter;
    const where = `${this.constructor.name}.${parameter.filterName}`;
    if ('path' in target) {
      return lookupCondition(
        parameter as FilterParameter & { target: LookupTarget },
        value,
        query,
        prefix,
        this.constructor.name,
      );
    }
    let result: unknown;
    if ('filterBy' in target) {
      result = await target.filterBy(value, query);
    } else {
      const method =
        typeof target.method === 'string'
          ? ((this as unknown as Record<string, unknown>)[target.method] as FilterMethod<unknown>)
          : target.method;
      result = await method.call(this, query, value, parameter.name);
      if (result === undefined || result instanceof SelectQueryBuilder) {
        if (parameter.negate) {
          throw new RestflowConfigError(
            where,
            `The method of ${where} returned a query, which "${parameter.name}" cannot negate. ` +
              'Fix: return a condition (Brackets or { sql, parameters }), or set `allowNegate: false`.',
          );
        }
        return { query: (result ?? query) as SelectQueryBuilder<ObjectLiteral> };
      }
    }
    return filterByCondition(result, query, prefix, parameter.negate, where);
  }
}

/**
 * What a filter set class accepts, for documentation (OpenAPI) and for pipes: its parameters in
 * order, the ordering parameter, the ordering values (`price`, `-price`, ...) and the property
 * paths they order by.
 *
 * @internal
 */
export function describeFilterSet(filterSetClass: typeof FilterSet): {
  readonly parameters: readonly FilterParameter[];
  readonly orderParam: string;
  readonly orderValues: readonly string[];
  readonly orderPaths: readonly string[];
} {
  const resolved = resolveClass(filterSetClass);
  return {
    parameters: resolved.parameters,
    orderParam: filterSetClass.meta.orderParam ?? 'order_by',
    orderValues: [...resolved.orderChoices.keys()],
    orderPaths: [...new Set([...resolved.orderChoices.values()].map(([path]) => path))],
  };
}

function resolveClass(filterSetClass: typeof FilterSet): ResolvedClass {
  const cached = RESOLVED.get(filterSetClass);
  if (cached) return cached;
  const name = filterSetClass.name;
  const meta = filterSetClass.meta;
  const operator = (meta.operator ?? 'AND').toUpperCase();
  if (operator !== 'AND' && operator !== 'OR' && operator !== 'XOR') {
    throw new RestflowConfigError(`${name}.meta.operator`, 'Operator must be one of AND, OR, XOR');
  }
  checkCapOverride(name, 'maxListLength', meta.maxListLength);
  checkCapOverride(name, 'maxValueLength', meta.maxValueLength);
  const direction = meta.overrideOrderDirection ?? 'asc';
  if (direction !== 'asc' && direction !== 'desc') {
    throw new RestflowConfigError(
      `${name}.meta.overrideOrderDirection`,
      `${name}.meta.overrideOrderDirection must be 'asc' or 'desc', got ${String(direction)}.`,
    );
  }
  const orderChoices = new Map<string, readonly [string, OrderDirection]>();
  for (const [value, path] of meta.orderFields ?? []) {
    // 'desc': `?sort=price` orders descending and `-price` ascending.
    const descending = path.startsWith('-') !== (direction === 'desc');
    const property = path.startsWith('-') ? path.slice(1) : path;
    orderChoices.set(value, [property, descending ? 'DESC' : 'ASC']);
    orderChoices.set(`-${value}`, [property, descending ? 'ASC' : 'DESC']);
  }
  const parameters = expandFilters(
    name,
    classDeclarations(filterSetClass),
    meta.allowNegate,
    meta.lookupSeparator,
    (method) =>
      typeof (filterSetClass.prototype as unknown as Record<string, unknown>)[method] ===
      'function',
  );
  const defaultValues = meta.defaultOrderFields ?? [];
  const unknownDefault = defaultValues.find((value) => !orderChoices.has(value));
  const resolved: ResolvedClass = {
    parameters,
    parameterNames: new Set(parameters.map((parameter) => parameter.name)),
    listNames: new Set(parameters.filter((parameter) => parameter.list).map(({ name }) => name)),
    anyRequired: parameters.some((parameter) => parameter.required),
    operator,
    orderChoices,
    // Checked when a query is ordered by default (as before), resolved once.
    defaultOrder:
      unknownDefault === undefined
        ? { order: defaultValues.map((value) => orderChoices.get(value)!) }
        : { unknown: unknownDefault },
  };
  RESOLVED.set(filterSetClass, resolved);
  return resolved;
}

/**
 * The filters of a class in order: `@Filter()` declarations (inherited first), then the ones
 * `meta.model` + `meta.fields` generate for names not declared; `meta.extraKwargs` fills in
 * options the declarations leave unset.
 */
function classDeclarations(filterSetClass: typeof FilterSet): FilterDeclaration[] {
  const name = filterSetClass.name;
  const { model, fields, exclude, extraKwargs = {} } = filterSetClass.meta;
  const declared = getDeclaredFilters(filterSetClass);
  const declaredNames = new Set(declared.map((declaration) => declaration.name));
  const all = [
    ...declared,
    ...modelFilterDeclarations(name, model, fields, exclude).filter(
      (declaration) => !declaredNames.has(declaration.name),
    ),
  ];
  const names = new Set(all.map((declaration) => declaration.name));
  for (const key of Object.keys(extraKwargs)) {
    if (!names.has(key)) {
      throw new RestflowConfigError(
        `${name}.meta.extraKwargs`,
        `${name}.meta.extraKwargs names "${key}", which is not a filter of ${name}. Fix: use one of ${[...names].join(', ')}.`,
      );
    }
  }
  return all.map((declaration) => {
    const extra = extraKwargs[declaration.name];
    return extra ? { ...declaration, options: { ...extra, ...declaration.options } } : declaration;
  });
}

/** Comma-separated and/or repeated values: items trimmed, empty items dropped. */
function splitList(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** An absent parameter: not given, or a scalar whose last value is empty (DRF's QueryDict). */
function isAbsent(parameter: FilterParameter, raw: readonly string[] | undefined): boolean {
  return raw === undefined || (!parameter.list && raw.at(-1) === '');
}

async function validateParameter(
  parameter: FilterParameter,
  raw: readonly string[] | undefined,
  caps: FilterInputCaps,
  budget: { used: number },
): Promise<unknown> {
  if (isAbsent(parameter, raw)) {
    if (parameter.required) throw new FieldValidationError(REQUIRED_MESSAGE);
    return SKIP;
  }
  if (!parameter.list) {
    const last = raw!.at(-1);
    if (last === undefined) return parameter.field.runValidation(EMPTY);
    checkRawValues([last], false, caps, budget);
    return parameter.field.runValidation(last);
  }
  const items = splitList(raw!);
  checkRawValues(items, true, caps, budget);
  const value = (await parameter.field.runValidation(items)) as unknown[];
  if (parameter.exactLength !== undefined && value.length !== parameter.exactLength) {
    throw new FieldValidationError(
      EXACT_LENGTH_MESSAGE.replace('{count}', String(parameter.exactLength)),
    );
  }
  return value;
}

/** The caps' message for ordering values (they bind no parameters: no budget). */
function oversizedDetail(
  items: readonly string[],
  caps: FilterInputCaps,
): FieldErrorDetail | undefined {
  try {
    checkRawValues(items, true, caps, { used: 0 });
    return undefined;
  } catch (error) {
    if (error instanceof FieldValidationError) return error.detail;
    throw error;
  }
}

/** A prefix no parameter of `query` uses yet, so that two filter sets never collide. */
function parameterPrefix(query: SelectQueryBuilder<ObjectLiteral>): string {
  const used = Object.keys(query.getParameters());
  for (let index = 0; ; index++) {
    const prefix = `restflow_filter_${index}`;
    if (!used.some((name) => name.startsWith(`${prefix}_`))) return prefix;
  }
}

/**
 * What TypeORM's query builders do with `Brackets` inside `where()`, used to place a `Brackets`
 * inside SQL text (an XOR term). Not part of TypeORM's typings (protected), stable across 0.3
 * and 1.x.
 */
interface BracketsRenderer {
  getWhereCondition(where: Brackets): unknown;
  createWhereConditionExpression(condition: unknown, alwaysWrap: boolean): string;
}

/**
 * The SQL of `brackets` (wrapped in parentheses) as `builder` would write it inside its WHERE;
 * the brackets' parameters join the query's.
 */
function bracketsSql(builder: WhereExpressionBuilder, brackets: Brackets): string {
  const renderer = builder as unknown as BracketsRenderer;
  const sql = renderer.createWhereConditionExpression(renderer.getWhereCondition(brackets), true);
  return sql.startsWith('(') || sql.startsWith('NOT(') ? sql : `(${sql})`;
}

function combine(
  conditions: readonly FilterByCondition[],
  operator: 'AND' | 'OR' | 'XOR',
): Brackets {
  if (operator === 'XOR' && conditions.length > 1) {
    // An odd number of true conditions; a NULL (unknown) condition counts as false.
    return new Brackets((where) => {
      const parameters: Record<string, unknown> = {};
      const terms = conditions.map((condition) => {
        if (condition instanceof Brackets) {
          return `CASE WHEN ${bracketsSql(where, condition)} THEN 1 ELSE 0 END`;
        }
        Object.assign(parameters, condition.parameters);
        return `CASE WHEN (${condition.sql}) THEN 1 ELSE 0 END`;
      });
      where.where(`(${terms.join(' + ')}) % 2 = 1`, parameters);
    });
  }
  return new Brackets((where) => {
    conditions.forEach((condition, index) => {
      const add =
        index === 0
          ? where.where.bind(where)
          : operator === 'OR'
            ? where.orWhere.bind(where)
            : where.andWhere.bind(where);
      if (condition instanceof Brackets) {
        add(condition);
      } else {
        add(`(${condition.sql})`, condition.parameters);
      }
    });
  });
}

function applyOrdering(
  query: SelectQueryBuilder<ObjectLiteral>,
  order: readonly (readonly [string, OrderDirection])[],
  owner: string,
): void {
  if (order.length === 0) return;
  const seen = new Set<string>();
  for (const [path, direction] of order) {
    if (seen.has(path)) continue;
    // Through a relation, the column is read through its (left) join, as filters do.
    const { alias, column } = resolvePropertyPath(query, path, orderingPathOwner(owner));
    const sort = orderSql(query, alias, column);
    if (seen.size === 0) {
      query.orderBy(sort, direction);
    } else {
      query.addOrderBy(sort, direction);
    }
    seen.add(path);
  }
  for (const primary of query.expressionMap.mainAlias?.metadata.primaryColumns ?? []) {
    if (!seen.has(primary.propertyPath)) {
      query.addOrderBy(orderSql(query, query.alias, primary), 'ASC');
    }
  }
}

/**
 * How a column is ordered: text in code-point order on every database (as SQLite's BINARY
 * collation: `'B' < 'a' < 'a ' < 'É'`), whatever the column's or the database's collation;
 * anything else as TypeORM's `alias.property`.
 */
function orderSql(
  query: SelectQueryBuilder<ObjectLiteral>,
  alias: string,
  column: ColumnMetadata,
): string {
  const dataSource = dataSourceOf(query);
  if (!isOrderedText(dataSource, column)) return `${alias}.${column.propertyPath}`;
  const sql = `${query.escape(alias)}.${query.escape(column.databaseName)}`;
  return codePointText(dataSource.options.type, sql);
}
