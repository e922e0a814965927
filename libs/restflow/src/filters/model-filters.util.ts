import 'reflect-metadata';
import { getMetadataArgsStorage } from 'typeorm';
import type { ColumnMetadataArgs } from 'typeorm/metadata-args/ColumnMetadataArgs';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { FilterDeclaration, FilterKind, FilterOptions } from './filter-set.decorator';

/** An entity class, as `meta.model` names it. */
type EntityClass = abstract new (...args: never[]) => unknown;

/** Column types by the filter kind they give (lower case; `type` of `@Column`). */
const KIND_BY_COLUMN_TYPE: readonly (readonly [RegExp, FilterKind])[] = [
  [/^(bool|boolean)$/, 'boolean'],
  [/^(date)$/, 'date'],
  [/^(time|time without time zone|time with time zone|timetz)$/, 'time'],
  [
    /^(datetime|datetime2|timestamp|timestamptz|timestamp with(out)? time zone|smalldatetime)$/,
    'datetime',
  ],
  [/^(int|int2|int4|int8|integer|tinyint|smallint|mediumint|bigint|year)$/, 'integer'],
  [/^(dec|decimal|numeric|money|smallmoney)$/, 'decimal'],
  [/^(float|float4|float8|double|double precision|real)$/, 'float'],
  [/^(inet|inet4|inet6)$/, 'ip'],
  [
    /^(char|nchar|varchar|nvarchar|character|character varying|varchar2|text|tinytext|mediumtext|longtext|ntext|citext|string|uuid|simple-array|enum|simple-enum)$/,
    'string',
  ],
];

/**
 * The filters `meta.model` + `meta.fields` (+ `meta.exclude`) generate (reference 2.8): one per
 * column and forward relation (many-to-one, owning one-to-one), read from the entity's TypeORM
 * decorators, so no data source is needed. A column gives a filter of its kind (`enum` columns
 * with their choices); a relation filters on the related primary key (`category` → the path
 * `category.id`). Generated filters have no lookup variants; add them with `meta.extraKwargs`.
 * Columns whose values cannot be filtered portably (JSON, binary, arrays, intervals) are left out
 * of `'__all__'` and refused by name.
 *
 * @internal
 */
export function modelFilterDeclarations(
  owner: string,
  model: EntityClass | undefined,
  fields: readonly string[] | '__all__' | undefined,
  exclude: readonly string[] | undefined,
): FilterDeclaration[] {
  if (model === undefined) {
    if (fields !== undefined || exclude !== undefined) {
      throw new RestflowConfigError(
        `${owner}.meta.fields`,
        `${owner}.meta.fields and meta.exclude need meta.model. Fix: set meta.model to the entity class.`,
      );
    }
    return [];
  }
  const listed: readonly string[] = typeof fields === 'object' ? fields : [];
  if (fields !== undefined && fields !== '__all__' && !Array.isArray(fields)) {
    throw new RestflowConfigError(
      `${owner}.meta.fields`,
      `The \`fields\` option must be a list or "__all__", got ${typeof fields}. Fix: list entity property names.`,
    );
  }
  const available = modelFilterCandidates(model);
  const excluded = new Set(exclude ?? []);
  for (const name of [...listed, ...excluded]) {
    if (!available.has(name)) {
      const known = [...available.keys()].join(', ');
      throw new RestflowConfigError(
        `${owner}.meta.fields`,
        `${model.name} has no filterable property "${name}" (${owner}.meta). Fix: use one of ${known}, or declare the filter with @Filter().`,
      );
    }
  }
  // `'__all__'` leaves out what cannot be generated; a name listed explicitly is refused below.
  const names =
    fields === '__all__'
      ? [...available]
          .filter(([, candidate]) => typeof candidate !== 'string')
          .map(([name]) => name)
      : listed;
  return names
    .filter((name) => !excluded.has(name))
    .map((name) => {
      const candidate = available.get(name)!;
      if (typeof candidate === 'string') {
        throw new RestflowConfigError(
          `${owner}.meta.fields`,
          `${model.name}.${name} cannot be filtered from the model (${candidate}). Fix: declare it with @Filter() and a filterBy function, or leave it out.`,
        );
      }
      return { name, designType: undefined, options: candidate };
    });
}

/** Every property of `model` with its generated filter options, or why it has none. */
function modelFilterCandidates(model: EntityClass): Map<string, FilterOptions | string> {
  const storage = getMetadataArgsStorage();
  const lineage = lineageOf(model);
  const candidates = new Map<string, FilterOptions | string>();
  for (const column of storage.filterColumns(lineage)) {
    const options = columnFilterOptions(model, column);
    if (options !== undefined) candidates.set(column.propertyName, options);
  }
  for (const relation of storage.filterRelations(lineage)) {
    if (relation.relationType !== 'many-to-one' && relation.relationType !== 'one-to-one') {
      continue;
    }
    const isOwner =
      relation.relationType === 'many-to-one' ||
      storage.filterJoinColumns(relation.target, relation.propertyName).length > 0;
    if (!isOwner) continue;
    const target = resolveRelationTarget(relation.type);
    const primary = target && primaryColumn(target);
    if (!target || !primary) {
      candidates.set(relation.propertyName, 'its related entity has no single primary key');
      continue;
    }
    const kind = columnKind(target, primary);
    if (typeof kind === 'string' && kind in KIND_NAMES) {
      candidates.set(relation.propertyName, {
        type: kind as FilterKind,
        dbField: `${relation.propertyName}.${primary.propertyName}`,
      });
    } else {
      candidates.set(relation.propertyName, 'its related primary key has no filterable type');
    }
  }
  return candidates;
}

const KIND_NAMES: Readonly<Record<FilterKind, true>> = {
  string: true,
  email: true,
  ip: true,
  integer: true,
  float: true,
  decimal: true,
  boolean: true,
  date: true,
  datetime: true,
  time: true,
  duration: true,
};

function columnFilterOptions(
  model: EntityClass,
  column: ColumnMetadataArgs,
): FilterOptions | string | undefined {
  if (
    ['virtual', 'virtual-property', 'treeChildrenCount', 'treeLevel', 'objectId'].includes(
      column.mode,
    )
  ) {
    return undefined;
  }
  if (column.options.array || column.mode === 'array') {
    return 'PostgreSQL array columns need an explicit array filter';
  }
  const kind = columnKind(model, column);
  if (!(kind in KIND_NAMES)) return kind;
  const choices = enumChoices(column.options.enum);
  if (choices) return { type: kind as FilterKind, choices };
  if (kind === 'decimal') {
    // A value the column cannot hold is refused with DRF's digit messages, never rounded.
    const { precision, scale } = column.options;
    return {
      type: 'decimal',
      ...(typeof precision === 'number' ? { maxDigits: precision } : {}),
      ...(typeof precision === 'number' || typeof scale === 'number'
        ? { decimalPlaces: scale ?? 0 }
        : {}),
    };
  }
  return { type: kind as FilterKind };
}

/** The filter kind of a column (a {@link FilterKind}), or why it has none. */
function columnKind(model: EntityClass, column: ColumnMetadataArgs): string {
  if (
    column.mode === 'createDate' ||
    column.mode === 'updateDate' ||
    column.mode === 'deleteDate'
  ) {
    return 'datetime';
  }
  if (column.mode === 'version') return 'integer';
  const type = column.options.type;
  if (typeof type === 'string') {
    const name = type.toLowerCase();
    return KIND_BY_COLUMN_TYPE.find(([pattern]) => pattern.test(name))?.[1] ?? `type "${type}"`;
  }
  const designType =
    type ??
    (Reflect.getMetadata('design:type', model.prototype as object, column.propertyName) as unknown);
  if (designType === String) return 'string';
  if (designType === Boolean) return 'boolean';
  if (designType === Date) return 'datetime';
  if (designType === Number) {
    return column.options.primary || isGenerated(model, column.propertyName) ? 'integer' : 'float';
  }
  return 'a type that cannot be read from the entity';
}

function isGenerated(model: EntityClass, propertyName: string): boolean {
  return getMetadataArgsStorage().generations.some(
    (generation) =>
      generation.propertyName === propertyName &&
      typeof generation.target === 'function' &&
      (generation.target === model || model.prototype instanceof generation.target),
  );
}

/** `model` and the classes it extends, base first: TypeORM inherits their columns. */
function lineageOf(model: EntityClass): EntityClass[] {
  const lineage: EntityClass[] = [];
  for (
    let target: unknown = model;
    typeof target === 'function' && target !== Function.prototype;
    target = Object.getPrototypeOf(target)
  ) {
    lineage.unshift(target as EntityClass);
  }
  return lineage;
}

/** The one primary column of `model`, declared on it or inherited from a base class. */
function primaryColumn(model: EntityClass): ColumnMetadataArgs | undefined {
  const primaries = getMetadataArgsStorage()
    .filterColumns(lineageOf(model))
    .filter((column) => column.options.primary);
  return primaries.length === 1 ? primaries[0] : undefined;
}

function resolveRelationTarget(type: unknown): EntityClass | undefined {
  // `@ManyToOne(() => Category)` stores the arrow function (no prototype); call it for the class.
  const target =
    typeof type === 'function' && !(type as { prototype?: unknown }).prototype
      ? (type as () => unknown)()
      : type;
  return typeof target === 'function' ? (target as EntityClass) : undefined;
}

/** `enum` column choices: an array of values or a TypeScript enum object. */
function enumChoices(values: unknown): (string | number)[] | undefined {
  if (Array.isArray(values)) return values as (string | number)[];
  if (values && typeof values === 'object') {
    const entries = Object.entries(values as Record<string, string | number>);
    // Numeric TypeScript enums map names to numbers and numbers back to names.
    return entries.filter(([key]) => !/^\d+$/.test(key)).map(([, value]) => value);
  }
  return undefined;
}
