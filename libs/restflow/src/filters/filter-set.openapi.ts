import { ApiQuery, type SchemaObject } from '@nestjs/swagger';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import {
  DecimalField,
  FloatField,
  ListField,
  MultipleChoiceField,
  type FieldOpenApiSchema,
  type SerializerField,
} from '../serializers/fields';
import type { FilterParameter } from './filter-parameters.util';
import { describeFilterSet, type FilterSet, type FilterSetClass } from './filter-set';
import { getDeclaredFilters } from './filter-set.decorator';

/**
 * The schema of one filter parameter: an OpenAPI 3 schema object, with drf-restflow's
 * `x-maxDigits` / `x-decimalPlaces` extensions on decimals.
 *
 * @example
 * ```ts
 * const schema: FilterSetOpenApiSchema = { type: 'integer', minimum: 0 };
 * ```
 * @publicApi
 */
export interface FilterSetOpenApiSchema extends Omit<
  FieldOpenApiSchema,
  'items' | 'nullable' | 'readOnly' | 'writeOnly' | 'title' | 'description' | 'default'
> {
  items?: FilterSetOpenApiSchema;
  uniqueItems?: boolean;
  'x-maxDigits'?: number;
  'x-decimalPlaces'?: number;
}

/**
 * One OpenAPI 3 query parameter of a filter set (drf-restflow's `build_filterset_parameters`
 * output). Lists (`in`, `range`, array filters, the ordering) are comma-separated:
 * `explode: false, style: 'form'`.
 *
 * @example
 * ```ts
 * const parameter: FilterSetOpenApiParameter = {
 *   name: 'price__gte',
 *   in: 'query',
 *   required: false,
 *   schema: { type: 'integer', minimum: 0 },
 *   description: 'price is greater than or equal to',
 * };
 * ```
 * @publicApi
 */
export interface FilterSetOpenApiParameter {
  name: string;
  in: 'query';
  required: boolean;
  schema: FilterSetOpenApiSchema;
  description?: string;
  explode?: false;
  style?: 'form';
}

/** The verb of each lookup in a parameter's description (drf-restflow's `LOOKUP_DESCRIPTIONS`). */
const LOOKUP_DESCRIPTIONS: Readonly<Record<string, string>> = {
  exact: 'equals',
  iexact: 'equals (case-insensitive)',
  contains: 'contains',
  icontains: 'contains (case-insensitive)',
  startswith: 'starts with',
  endswith: 'ends with',
  istartswith: 'starts with (case-insensitive)',
  iendswith: 'ends with (case-insensitive)',
  gt: 'is greater than',
  gte: 'is greater than or equal to',
  lt: 'is less than',
  lte: 'is less than or equal to',
  in: 'is one of',
  range: 'is in range',
  isnull: 'is null',
  regex: 'matches regex',
  iregex: 'matches regex (case-insensitive)',
  date: 'date is',
  year: 'year is',
  month: 'month is',
  day: 'day is',
  week: 'week is',
  week_day: 'weekday is',
  quarter: 'quarter is',
  hour: 'hour is',
  minute: 'minute is',
  second: 'second is',
  search: 'matches full-text search',
  trigram_similar: 'is trigram-similar to',
  unaccent: 'matches (accent-insensitive)',
  overlap: 'overlaps with',
  overlaps: 'overlaps with',
  contained_by: 'is contained by',
};

/** The separator of a filter's name and a lookup alias in a parameter name. */
const LOOKUP_SEPARATOR = '__';

/**
 * The OpenAPI 3 query parameters of a filter set, in the order the filter set reads them: each
 * filter's base parameter, its lookup variants, their negations, then the ordering parameter
 * (when `meta.orderFields` has values). Follows drf-restflow's schema mapping:
 *
 * - booleans `{ type: 'boolean' }`; integers `{ type: 'integer', minimum?, maximum? }`; floats
 *   `{ type: 'number', format: 'float' }`; decimals `{ type: 'string', format: 'decimal' }`;
 *   strings with their `format` (`email`, `date-time`, `date`, `time`); choices `{ enum }`;
 *   lists `{ type: 'array', items }` with `explode: false, style: 'form'`; the ordering an array
 *   of its values with `uniqueItems: true`;
 * - descriptions: a lookup variant is hinted `"<filter> <verb>"` (`"price is greater than or
 *   equal to"`), a negation `"exclude where <hint>"` (`"exclude where price"`), joined with the
 *   filter's `@Filter({ description })` as `"<hint> - <description>"`; a base parameter has the
 *   description alone.
 *
 * @example
 * ```ts
 * // A viewset's list, whose handler the library declares: add its parameters to the document.
 * const document = SwaggerModule.createDocument(app, config);
 * document.paths['/api/products']?.get?.parameters?.push(
 *   ...filterSetOpenApiParameters(ProductFilterSet),
 * );
 * // { name: 'price__gte', in: 'query', required: false, schema: { type: 'number', format: 'float' },
 * //   description: 'price is greater than or equal to' }, ...
 * ```
 * @publicApi
 */
export function filterSetOpenApiParameters(
  filterSetClass: FilterSetClass,
): FilterSetOpenApiParameter[] {
  if (typeof filterSetClass !== 'function') {
    throw new RestflowConfigError(
      'filterSetOpenApiParameters',
      `Expected a FilterSet class, got ${String(filterSetClass)}. Fix: pass the class, and check ` +
        'for a circular import if it is undefined.',
    );
  }
  const { parameters, orderParam, orderValues } = describeFilterSet(
    filterSetClass as unknown as typeof FilterSet,
  );
  const help = new Map(
    getDeclaredFilters(filterSetClass).map(({ name, options }) => [name, options.description]),
  );
  const result = parameters.map((parameter) =>
    toOpenApiParameter(parameter, help.get(parameter.filterName)),
  );
  if (orderValues.length) {
    result.push({
      name: orderParam,
      in: 'query',
      required: false,
      schema: {
        type: 'array',
        items: { type: 'string', enum: [...orderValues] },
        uniqueItems: true,
      },
      explode: false,
      style: 'form',
    });
  }
  return result;
}

/**
 * Documents the query parameters of a filter set on a route handler for `@nestjs/swagger` (one
 * `@ApiQuery()` per parameter). `@FilterQuery()` applies it by itself; use it directly when a
 * handler reads the filter set some other way.
 *
 * @example
 * ```ts
 * @Get()
 * @ApiFilterSetQuery(ProductFilterSet)
 * async list(@Req() request: RestflowRequest) {
 *   const filters = ProductFilterSet.fromRequest(request);
 *   return (await filters.filterQueryset(this.products.createQueryBuilder('p'))).getMany();
 * }
 * ```
 * @publicApi
 */
export function ApiFilterSetQuery(filterSetClass: FilterSetClass): MethodDecorator {
  return (target, key, descriptor) => {
    for (const { schema, in: _in, ...parameter } of filterSetOpenApiParameters(filterSetClass)) {
      // Swagger's schema type has no `x-` extensions; the document keeps them as they are.
      ApiQuery({ ...parameter, schema: schema as SchemaObject })(target, key, descriptor);
    }
    return descriptor;
  };
}

function toOpenApiParameter(
  parameter: FilterParameter,
  help: string | undefined,
): FilterSetOpenApiParameter {
  const schema = schemaOf(parameter.field);
  const result: FilterSetOpenApiParameter = {
    name: parameter.name,
    in: 'query',
    required: parameter.required,
    schema,
  };
  const description = describe(parameter, help);
  if (description !== undefined) result.description = description;
  if (schema.type === 'array') {
    result.explode = false;
    result.style = 'form';
  }
  return result;
}

/** drf-restflow's `get_field_description`: a hint from the parameter name, then the help text. */
function describe(parameter: FilterParameter, help: string | undefined): string | undefined {
  const base = parameter.filterName;
  const name = parameter.negate ? parameter.name.slice(0, -1) : parameter.name;
  let hint = '';
  if (name !== base && name.startsWith(`${base}${LOOKUP_SEPARATOR}`)) {
    const alias = name.slice(base.length + LOOKUP_SEPARATOR.length);
    hint = `${base} ${LOOKUP_DESCRIPTIONS[alias] ?? alias.replaceAll('_', ' ')}`;
  } else if (parameter.negate) {
    hint = base;
  }
  if (parameter.negate && hint) hint = `exclude where ${hint}`;
  if (help && hint) return `${hint} - ${help}`;
  return help || hint || undefined;
}

/** The keys of a field's OpenAPI description that describe a property, not a query value. */
const PROPERTY_KEYS = [
  'required',
  'nullable',
  'readOnly',
  'writeOnly',
  'title',
  'description',
  'default',
] as const;

/** drf-restflow's `field_to_schema`, over the field's own OpenAPI schema. */
function schemaOf(field: SerializerField): FilterSetOpenApiSchema {
  if (field instanceof ListField) {
    return { type: 'array', items: schemaOf(field.child as SerializerField) };
  }
  const own: Record<string, unknown> = { ...field.openApi() };
  for (const key of PROPERTY_KEYS) delete own[key];
  const schema = own as FilterSetOpenApiSchema;
  if (field instanceof MultipleChoiceField) {
    return { type: 'array', items: schema.items ?? { type: 'string' }, uniqueItems: true };
  }
  if (field instanceof FloatField) {
    return withBounds({ type: 'number', format: 'float' }, field.minValue, field.maxValue);
  }
  if (field instanceof DecimalField) {
    const decimal = withBounds(
      { type: 'string', format: 'decimal' },
      field.minValue === undefined ? undefined : Number(field.minValue),
      field.maxValue === undefined ? undefined : Number(field.maxValue),
    );
    if (field.maxDigits !== undefined) decimal['x-maxDigits'] = field.maxDigits;
    if (field.decimalPlaces !== undefined) decimal['x-decimalPlaces'] = field.decimalPlaces;
    return decimal;
  }
  if (schema.type === 'integer' && schema.enum === undefined) {
    return withBounds({ type: 'integer' }, schema.minimum, schema.maximum);
  }
  if (schema.type === undefined && schema.enum === undefined) {
    return { ...schema, type: 'string' };
  }
  return schema;
}

function withBounds(
  schema: FilterSetOpenApiSchema,
  minimum: number | undefined,
  maximum: number | undefined,
): FilterSetOpenApiSchema {
  if (minimum !== undefined) schema.minimum = minimum;
  if (maximum !== undefined) schema.maximum = maximum;
  return schema;
}
