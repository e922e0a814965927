import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { dataSourceOf } from '../core/typeorm-compat.util';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { declaredIntegerRange } from '../core/column-type.util';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import {
  BooleanField,
  CharField,
  ChoiceField,
  DateField,
  DateTimeField,
  DecimalField,
  DurationField,
  EmailField,
  FloatField,
  IntegerField,
  IPAddressField,
  ListField,
  MultipleChoiceField,
  TimeField,
  type SerializerField,
} from '../serializers/fields';
import {
  ARRAY_LOOKUPS,
  buildLookup,
  LOOKUP_COMPARISONS as COMPARISONS,
  LOOKUP_TRANSFORMS as TRANSFORMS,
  POSTGRES_LOOKUPS,
  TEXT_LOOKUPS,
  type LookupArrayItem,
  type LookupColumnType,
  type LookupScalarType,
  type LookupCondition,
  type LookupName,
  type LookupTransform,
} from './lookups';
import { filterPathOwner, resolvePropertyPath } from './relation-path.util';
import type {
  FilterByFunction,
  FilterDeclaration,
  FilterKind,
  FilterMethod,
  FilterOptions,
} from './filter-set.decorator';

/**
 * The lookup categories of reference 2.3: a category name inside `lookups` expands in place.
 * `postgres` (text filters) and `pg_array` (array filters over PostgreSQL array columns, with
 * Django's `overlap`, not the original library's defective `overlaps`) need PostgreSQL: declaring
 * them on a filter set used with another database fails at boot.
 *
 * @example
 * ```ts
 * LOOKUP_CATEGORIES.comparison; // ['gt', 'gte', 'lt', 'lte']
 * LOOKUP_CATEGORIES.pg_array; // ['contains', 'overlap', 'contained_by']
 * ```
 * @publicApi
 */
export const LOOKUP_CATEGORIES: Readonly<Record<string, readonly LookupName[]>> = {
  basic: ['exact', 'in', 'isnull'],
  text: ['icontains', 'contains', 'startswith', 'endswith', 'iexact'],
  comparison: ['gt', 'gte', 'lt', 'lte'],
  date: ['date', 'year', 'month', 'day', 'week', 'week_day', 'quarter'],
  time: ['time', 'hour', 'minute', 'second'],
  postgres: ['search', 'trigram_similar', 'unaccent'],
  pg_array: ['contains', 'overlap', 'contained_by'],
};

/** DRF restflow's `DecimalField` defaults (reference 2.2). */
const DEFAULT_MAX_DIGITS = 10;
const DEFAULT_DECIMAL_PLACES = 2;

const ORDERED_LOOKUPS: readonly LookupName[] = ['gt', 'gte', 'lt', 'lte', 'range'];

/** The categories `lookups: '__all__'` means, per column type. */
const ALL_CATEGORIES: Record<LookupColumnType, readonly string[]> = {
  string: ['basic', 'text'],
  number: ['basic', 'comparison'],
  boolean: ['basic'],
  date: ['basic', 'comparison', 'date'],
  datetime: ['basic', 'comparison', 'date', 'time'],
  time: ['basic', 'comparison', 'time'],
  array: ['basic', 'pg_array'],
};

/**
 * The lookups that fit a column type. A list filter (`tags!: string[]`) is typed by its item
 * kind, so every scalar type fits the array lookups too; {@link variant} refuses them on a
 * scalar filter.
 */
const FITTING_LOOKUPS: Record<LookupColumnType, ReadonlySet<string>> = {
  string: new Set([
    'exact',
    'in',
    'isnull',
    ...TEXT_LOOKUPS,
    ...ORDERED_LOOKUPS,
    ...POSTGRES_LOOKUPS,
    ...ARRAY_LOOKUPS,
  ]),
  number: new Set(['exact', 'in', 'isnull', ...ORDERED_LOOKUPS, ...ARRAY_LOOKUPS]),
  boolean: new Set(['exact', 'in', 'isnull', ...ARRAY_LOOKUPS]),
  date: new Set([
    'exact',
    'in',
    'isnull',
    ...ORDERED_LOOKUPS,
    ...LOOKUP_CATEGORIES.date!,
    ...ARRAY_LOOKUPS,
  ]),
  datetime: new Set([
    'exact',
    'in',
    'isnull',
    ...ORDERED_LOOKUPS,
    ...LOOKUP_CATEGORIES.date!,
    ...LOOKUP_CATEGORIES.time!,
    ...ARRAY_LOOKUPS,
  ]),
  time: new Set([
    'exact',
    'in',
    'isnull',
    ...ORDERED_LOOKUPS,
    ...LOOKUP_CATEGORIES.time!,
    ...ARRAY_LOOKUPS,
  ]),
  array: new Set(['exact', 'in', 'isnull', ...ARRAY_LOOKUPS]),
};

const KIND_COLUMN_TYPES: Record<FilterKind, LookupColumnType> = {
  string: 'string',
  email: 'string',
  ip: 'string',
  integer: 'number',
  float: 'number',
  decimal: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  time: 'time',
  duration: 'number',
};

/** A boolean of the query string: DRF's spellings in any case (`TRUE`, `tRuE`, `Yes`). */
class QueryBooleanField extends BooleanField {
  override toInternalValue(data: unknown): boolean | null {
    return super.toInternalValue(typeof data === 'string' ? data.toLowerCase() : data);
  }
}

/** Where a parameter's condition comes from: a lookup on an entity path, or a function. */
export type FilterTarget =
  | LookupTarget
  | { readonly filterBy: FilterByFunction<unknown> }
  | { readonly method: string | FilterMethod<unknown> };

/** A lookup on an entity property path. */
export interface LookupTarget {
  readonly path: string;
  readonly lookup: LookupName;
  readonly transform?: LookupTransform;
  /** Used when the entity column's type cannot be read from its metadata. */
  readonly columnType: LookupColumnType;
}

/**
 * One query parameter of a filter set (`price`, `price__gte`, `price__gte!`, ...).
 *
 * @internal
 */
export interface FilterParameter {
  readonly name: string;
  readonly filterName: string;
  readonly negate: boolean;
  /** Read every value (comma-separated and/or repeated) instead of the last one. */
  readonly list: boolean;
  /** A list that must have exactly this many items (`range`: 2). */
  readonly exactLength?: number;
  readonly required: boolean;
  readonly field: SerializerField;
  readonly target: FilterTarget;
}

/** The scalar value kind of a declaration, or a choice field. */
interface ValueSpec {
  readonly kind: FilterKind;
  readonly options: FilterOptions;
  /** A list by its TypeScript type (`number[]`). */
  readonly array: boolean;
}

/**
 * Expands declarations into the parameters they accept, in order: each filter's base
 * parameter, then its lookup variants, then the negations of both (reference 2.3).
 *
 * @internal
 */
export function expandFilters(
  owner: string,
  declarations: readonly FilterDeclaration[],
  metaAllowNegate: boolean | undefined,
  metaLookupSeparator?: string,
  hasMethod: (name: string) => boolean = () => false,
): FilterParameter[] {
  const parameters: FilterParameter[] = [];
  for (const declaration of declarations) {
    const where = `${owner}.${declaration.name}`;
    const spec = valueSpec(declaration, where);
    const { options } = declaration;
    const columnType = KIND_COLUMN_TYPES[spec.kind];
    const positive: Omit<FilterParameter, 'negate'>[] = [];
    if (options.filterBy !== undefined && options.lookups !== undefined) {
      throw new RestflowConfigError(where, '`lookups` cannot be combined with `filterBy`.');
    }
    const separator = options.lookupSeparator ?? metaLookupSeparator ?? '__';
    if (typeof separator !== 'string' || !/^[^\s!,=&#?]+$/.test(separator)) {
      throw new RestflowConfigError(
        where,
        `The lookup separator of ${where} must be a non-empty string without spaces or "!,=&#?", got "${String(separator)}".`,
      );
    }
    if (options.method !== undefined) {
      if (options.filterBy !== undefined) {
        throw new RestflowConfigError(where, '`method` and `filterBy` cannot be used together.');
      }
      if (options.lookups !== undefined) {
        throw new RestflowConfigError(where, '`lookups` cannot be combined with `method`.');
      }
      if (typeof options.method !== 'function' && typeof options.method !== 'string') {
        throw new RestflowConfigError(where, '`method` must be a function or a method name.');
      }
      if (typeof options.method === 'string' && !hasMethod(options.method)) {
        throw new RestflowConfigError(
          where,
          `${where} declares method '${options.method}' but ${owner} does not define a method '${options.method}'.`,
        );
      }
    }
    if (options.method !== undefined || typeof options.filterBy === 'function') {
      positive.push({
        name: declaration.name,
        filterName: declaration.name,
        list: spec.array,
        required: options.required ?? false,
        field: spec.array ? arrayField(spec, where) : scalarField(spec, where),
        target:
          options.method !== undefined
            ? { method: options.method as string | FilterMethod<unknown> }
            : { filterBy: options.filterBy as FilterByFunction<unknown> },
      });
    } else {
      const [path, transform, lookup]: [string, LookupTransform | undefined, LookupName] =
        typeof options.filterBy === 'string'
          ? parseExpression(options.filterBy, where)
          : [options.dbField ?? declaration.name, undefined, spec.array ? 'in' : 'exact'];
      positive.push({
        name: declaration.name,
        filterName: declaration.name,
        required: options.required ?? false,
        ...variant(spec, lookup, transform, where),
        target: { path, lookup, transform, columnType },
      });
      for (const [alias, variantTransform, variantLookup] of expandLookups(
        options.lookups,
        columnType,
        where,
      )) {
        positive.push({
          name: `${declaration.name}${separator}${alias}`,
          filterName: declaration.name,
          required: false,
          ...variant(spec, variantLookup, variantTransform, where),
          target: { path, lookup: variantLookup, transform: variantTransform, columnType },
        });
      }
    }
    parameters.push(...positive.map((parameter) => ({ ...parameter, negate: false })));
    if (options.allowNegate ?? metaAllowNegate ?? true) {
      parameters.push(
        ...positive.map((parameter) => ({
          ...parameter,
          name: `${parameter.name}!`,
          required: false,
          negate: true,
        })),
      );
    }
  }
  return parameters;
}

function valueSpec(declaration: FilterDeclaration, where: string): ValueSpec {
  const { designType, options } = declaration;
  const array = designType === Array;
  if (options.choices !== undefined) {
    return { kind: options.type ?? 'string', options, array };
  }
  if (options.type !== undefined) {
    return { kind: options.type, options, array };
  }
  if (array) {
    return { kind: options.child ?? 'string', options, array };
  }
  if (designType === String) return { kind: 'string', options, array };
  if (designType === Number) return { kind: 'float', options, array };
  if (designType === Boolean) return { kind: 'boolean', options, array };
  if (designType === Date) return { kind: 'datetime', options, array };
  throw new RestflowConfigError(
    where,
    `Cannot infer the filter kind of ${where} from its TypeScript type (a union, an interface, ` +
      "`any` or `unknown`). Fix: set `type`, e.g. `type: 'integer'`.",
  );
}

/** The field that validates one value of the declaration. */
function scalarField(spec: ValueSpec, where: string): SerializerField {
  const { options } = spec;
  if (options.choices !== undefined) {
    return new ChoiceField({ choices: options.choices, required: false });
  }
  const bounds = withoutUndefined({ minValue: options.min, maxValue: options.max });
  if (Object.keys(bounds).length && !['integer', 'float', 'decimal'].includes(spec.kind)) {
    throw new RestflowConfigError(where, '`min` and `max` apply to numeric filters only.');
  }
  const digits = { maxDigits: options.maxDigits, decimalPlaces: options.decimalPlaces };
  for (const [key, limit] of Object.entries(digits)) {
    if (limit === undefined) continue;
    if (spec.kind !== 'decimal') {
      throw new RestflowConfigError(where, `\`${key}\` applies to decimal filters only.`);
    }
    if (!Number.isInteger(limit) || limit < (key === 'maxDigits' ? 1 : 0)) {
      throw new RestflowConfigError(
        where,
        `\`${key}\` of ${where} must be a whole number${key === 'maxDigits' ? ' of at least 1' : ''}, got ${String(limit)}.`,
      );
    }
  }
  switch (spec.kind) {
    case 'string':
      return new CharField({ required: false });
    case 'email':
      return new EmailField({ required: false });
    case 'ip':
      return new IPAddressField({ required: false });
    case 'duration':
      return new DurationField({ required: false });
    case 'integer':
      return new IntegerField({ required: false, ...bounds });
    case 'float':
      return new FloatField({ required: false, ...bounds });
    case 'decimal':
      // DRF's DecimalField defaults: a value with more digits is refused, never rounded.
      return new DecimalField({
        required: false,
        ...bounds,
        maxDigits: options.maxDigits ?? DEFAULT_MAX_DIGITS,
        decimalPlaces: options.decimalPlaces ?? DEFAULT_DECIMAL_PLACES,
      });
    case 'boolean':
      return new QueryBooleanField({ required: false });
    case 'date':
      return new DateField({ required: false });
    case 'datetime':
      return new DateTimeField({ required: false });
    case 'time':
      return new TimeField({ required: false });
  }
}

/**
 * The field of a list filter (`kinds!: string[]`): DRF's `MultipleChoiceField` with `choices`
 * (distinct values, one flat error list: `["\"z\" is not a valid choice."]`), else a list of
 * the item kind (errors by index).
 */
function arrayField(spec: ValueSpec, where: string): SerializerField {
  if (spec.options.choices !== undefined) {
    return new MultipleChoiceField({ choices: spec.options.choices, required: false });
  }
  return listOf(scalarField(spec, where));
}

function listOf(child: SerializerField): SerializerField {
  return new ListField({ child, required: false });
}

/** How a lookup's value is read and validated. */
function variant(
  spec: ValueSpec,
  lookup: LookupName,
  transform: LookupTransform | undefined,
  where: string,
): Pick<FilterParameter, 'list' | 'exactLength' | 'field'> {
  const item = (): SerializerField => {
    if (transform === 'date') return new DateField({ required: false });
    if (transform === 'time') return new TimeField({ required: false });
    if (transform !== undefined) return new IntegerField({ required: false });
    return scalarField(spec, where);
  };
  if (lookup === 'isnull') {
    return { list: false, field: new QueryBooleanField({ required: false }) };
  }
  if (lookup === 'in') {
    return {
      list: true,
      field: spec.array && transform === undefined ? arrayField(spec, where) : listOf(item()),
    };
  }
  if (lookup === 'range') {
    return { list: true, exactLength: 2, field: listOf(item()) };
  }
  if (ARRAY_LOOKUPS.has(lookup) && transform === undefined) {
    // Array lookups read a list, validated item by item with the filter's kind (`child`).
    if (spec.array) {
      return { list: true, field: listOf(item()) };
    }
    if (lookup !== 'contains' || KIND_COLUMN_TYPES[spec.kind] !== 'string') {
      throw new RestflowConfigError(
        where,
        `The "${lookup}" lookup of ${where} compares PostgreSQL arrays, and ${where} is not a ` +
          "list filter. Fix: declare an array property, e.g. `@Filter({ child: 'string', " +
          "lookups: ['pg_array'] }) tags!: string[]`.",
      );
    }
  }
  return { list: false, field: item() };
}

/** `'category.name__year__gte'` → `['category.name', 'year', 'gte']`. */
function parseExpression(
  expression: string,
  where: string,
): [string, LookupTransform | undefined, LookupName] {
  const [path = '', ...parts] = expression.split('__');
  const fail = (): never => {
    throw new RestflowConfigError(
      where,
      `\`filterBy: '${expression}'\` is not a lookup expression. Fix: write ` +
        "'<property path>[__<transform>][__<lookup>]', e.g. 'category.name__icontains'.",
    );
  };
  if (path === '' || parts.length > 2) return fail();
  if (parts.length === 0) return [path, undefined, 'exact'];
  if (parts.length === 1) {
    const [lookup] = parts as [string];
    if (TRANSFORMS.has(lookup)) return [path, lookup as LookupTransform, 'exact'];
    if (!isLookup(lookup)) return fail();
    return [path, undefined, lookup];
  }
  const [transform, lookup] = parts as [string, string];
  if (!TRANSFORMS.has(transform) || !COMPARISONS.has(lookup)) return fail();
  return [path, transform as LookupTransform, lookup as LookupName];
}

function isLookup(name: string): name is LookupName {
  return (
    COMPARISONS.has(name) ||
    TRANSFORMS.has(name) ||
    name === 'isnull' ||
    TEXT_LOOKUPS.has(name) ||
    POSTGRES_LOOKUPS.has(name) ||
    ARRAY_LOOKUPS.has(name)
  );
}

/** `[alias, lookup]` pairs: categories expanded in place, duplicates dropped (first kept). */
function expandLookups(
  lookups: FilterOptions['lookups'],
  columnType: LookupColumnType,
  where: string,
): [alias: string, transform: LookupTransform | undefined, lookup: LookupName][] {
  if (lookups === undefined) return [];
  let pairs: [string, string][];
  if (lookups === '__all__' || Array.isArray(lookups)) {
    const names: readonly string[] =
      lookups === '__all__' ? ALL_CATEGORIES[columnType] : (lookups as readonly string[]);
    const expanded = names.flatMap((name): readonly string[] => LOOKUP_CATEGORIES[name] ?? [name]);
    pairs = [...new Set(expanded)].map((name): [string, string] => [name, name]);
  } else {
    pairs = Object.entries(lookups as Readonly<Record<string, string>>);
  }
  // `exact` is the base parameter already.
  return pairs
    .filter(([alias, lookup]) => !(alias === 'exact' && lookup === 'exact'))
    .map(([alias, expression]) => {
      // `year__gte`: a date/time transform followed by a comparison.
      const [first = '', second, ...rest] =
        typeof expression === 'string' ? expression.split('__') : [];
      const transform = second !== undefined && TRANSFORMS.has(first) ? first : undefined;
      const lookup = transform === undefined ? first : second!;
      const known =
        typeof expression === 'string' &&
        rest.length === 0 &&
        (transform === undefined
          ? second === undefined && isLookup(lookup)
          : COMPARISONS.has(lookup));
      if (!known || !/^[A-Za-z0-9_]+$/.test(alias)) {
        throw new RestflowConfigError(
          where,
          `Unknown lookup "${String(expression)}" in ${where}. Fix: use a lookup name, a ` +
            "transform with a comparison (e.g. 'year__gte'), or one of the categories " +
            `${Object.keys(LOOKUP_CATEGORIES).join(', ')}.`,
        );
      }
      const checked = transform ?? lookup;
      if (!FITTING_LOOKUPS[columnType].has(checked)) {
        throw new RestflowConfigError(
          where,
          `The "${checked}" lookup does not apply to ${where}, a ${columnType} filter.`,
        );
      }
      return TRANSFORMS.has(lookup) && transform === undefined
        ? [alias, lookup as LookupTransform, 'exact']
        : [alias, transform as LookupTransform | undefined, lookup as LookupName];
    });
}

/**
 * The condition of one validated parameter: a lookup through {@link buildLookup} (joining the
 * relations of a dotted path with `leftJoin`, once each), or the `filterBy` function's result.
 *
 * @internal
 */
export function lookupCondition(
  parameter: FilterParameter & { target: LookupTarget },
  value: unknown,
  query: SelectQueryBuilder<ObjectLiteral>,
  parameterPrefix: string,
  owner: string,
): LookupCondition {
  const { target } = parameter;
  const resolved = resolveColumn(query, target.path, parameter.filterName, owner);
  return buildLookup({
    query,
    column: resolved.column,
    columnType: resolved.columnType ?? target.columnType,
    arrayItem: resolved.arrayItem,
    integerRange: resolved.integerRange,
    nullable: resolved.nullable,
    lookup: target.lookup,
    transform: target.transform,
    value,
    negate: parameter.negate,
    parameterPrefix,
  });
}

function resolveColumn(
  query: SelectQueryBuilder<ObjectLiteral>,
  path: string,
  filterName: string,
  owner: string,
): {
  column: string;
  columnType: LookupColumnType | undefined;
  arrayItem: LookupArrayItem | undefined;
  integerRange: readonly [number, number] | undefined;
  nullable: boolean;
} {
  const { alias, column, throughRelation } = resolvePropertyPath(
    query,
    path,
    filterPathOwner(owner, filterName),
  );
  const facts = columnFacts(column, query);
  return {
    column: `${query.escape(alias)}.${query.escape(column.databaseName)}`,
    columnType: facts.columnType,
    arrayItem: facts.arrayItem,
    integerRange: facts.integerRange,
    nullable: column.isNullable || throughRelation,
  };
}

interface ColumnFacts {
  readonly columnType: LookupColumnType | undefined;
  readonly arrayItem: LookupArrayItem | undefined;
  readonly integerRange: readonly [number, number] | undefined;
}

/** Per column (of one data source): what a lookup needs to know of it, worked out once. */
const COLUMN_FACTS = new WeakMap<ColumnMetadata, ColumnFacts>();

function columnFacts(
  column: ColumnMetadata,
  query: SelectQueryBuilder<ObjectLiteral>,
): ColumnFacts {
  let facts = COLUMN_FACTS.get(column);
  if (!facts) {
    facts = {
      columnType: columnTypeOf(column),
      arrayItem: arrayItemOf(column, query),
      integerRange:
        typeof column.type === 'string'
          ? declaredIntegerRange(column.type, column.unsigned)
          : undefined,
    };
    COLUMN_FACTS.set(column, facts);
  }
  return facts;
}

function columnTypeOf(column: ColumnMetadata): LookupColumnType | undefined {
  return column.isArray ? 'array' : scalarTypeOf(column.type);
}

/** The items of a PostgreSQL array column: their kind, and the SQL type a list is cast to. */
function arrayItemOf(
  column: ColumnMetadata,
  query: SelectQueryBuilder<ObjectLiteral>,
): LookupArrayItem | undefined {
  if (!column.isArray) return undefined;
  // An enum's type name is generated per column: leave that list uncast (typed from the column).
  const named = column.type !== 'enum' && column.type !== 'simple-enum';
  const sqlType = named ? dataSourceOf(query).driver.normalizeType(column) : '';
  return { columnType: scalarTypeOf(column.type) ?? 'string', sqlType: sqlType || undefined };
}

function scalarTypeOf(type: ColumnMetadata['type']): LookupScalarType | undefined {
  if (type === String) return 'string';
  if (type === Number) return 'number';
  if (type === Boolean) return 'boolean';
  if (type === Date) return 'datetime';
  if (typeof type !== 'string') return undefined;
  const name = type.toLowerCase();
  if (/char|text|uuid|enum|citext/.test(name)) return 'string';
  if (/bool/.test(name)) return 'boolean';
  if (/timestamp|datetime/.test(name)) return 'datetime';
  if (name === 'date') return 'date';
  if (/^time/.test(name)) return 'time';
  if (/int|dec|numeric|float|double|real|number/.test(name)) return 'number';
  return undefined;
}

function withoutUndefined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
