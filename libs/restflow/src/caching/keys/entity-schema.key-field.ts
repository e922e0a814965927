import { getMetadataArgsStorage } from 'typeorm';
import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import { CacheKeyField } from './cache-key-field';
import { encodeKeyValue, sha256Hex } from './key-encoding.util';

/**
 * A fingerprint of a TypeORM entity's schema: its name, table, and every column (name, type,
 * nullability, length, precision) and relation (name, kind, target), read from the entity's
 * decorators. A migration that adds, removes or retypes a column changes the entity, and so the
 * key: entries written by the old code are never read by the new. Always hashed (64 hex
 * characters), always in the suffix; computed once, when the field is built.
 *
 * @example
 * ```ts
 * class ProductKey extends KeyConstructor {
 *   id = new ArgsKeyField('id', { partition: true });
 *   schema = new EntitySchemaKeyField(Product);
 * }
 * ```
 * @publicApi
 */
export class EntitySchemaKeyField extends CacheKeyField {
  /** The SHA-256 of the schema description. */
  readonly fingerprint: string;

  constructor(readonly entity: abstract new (...args: never[]) => unknown) {
    super({ partition: false, hash: false });
    if (typeof entity !== 'function') {
      throw new RestflowConfigError(
        'EntitySchemaKeyField',
        `EntitySchemaKeyField expects an entity class, got ${typeof entity}. Fix: pass the class ` +
          `decorated with @Entity(), e.g. new EntitySchemaKeyField(Product).`,
      );
    }
    this.fingerprint = sha256Hex(encodeKeyValue(describeEntity(entity)));
  }

  payload(): Readonly<Record<string, unknown>> {
    return { entity: this.fingerprint };
  }

  override canResolve(): boolean {
    return true;
  }
}

function describeEntity(entity: abstract new (...args: never[]) => unknown): object {
  const storage = getMetadataArgsStorage();
  const chain: (abstract new (...args: never[]) => unknown)[] = [];
  for (
    let target: unknown = entity;
    typeof target === 'function' && target !== Function.prototype;
  ) {
    chain.push(target as abstract new (...args: never[]) => unknown);
    target = Object.getPrototypeOf(target);
  }
  const table = storage.tables.find((candidate) => candidate.target === entity);
  if (!table) {
    throw new RestflowConfigError(
      'EntitySchemaKeyField',
      `EntitySchemaKeyField: ${entity.name} is not a TypeORM entity (no @Entity() decorator). ` +
        `Fix: pass an entity class.`,
    );
  }
  const columns = storage.filterColumns(chain).map((column) => ({
    name: column.propertyName,
    mode: column.mode,
    type: typeName(column.options.type ?? designType(column.target, column.propertyName)),
    nullable: column.options.nullable ?? false,
    length: column.options.length ?? null,
    precision: column.options.precision ?? null,
    scale: column.options.scale ?? null,
    columnName: column.options.name ?? null,
  }));
  const relations = storage.filterRelations(chain).map((relation) => ({
    name: relation.propertyName,
    kind: relation.relationType,
    target: typeName(
      typeof relation.type === 'function' ? safeTarget(relation.type) : relation.type,
    ),
  }));
  columns.sort((a, b) => a.name.localeCompare(b.name));
  relations.sort((a, b) => a.name.localeCompare(b.name));
  return { name: entity.name, table: table.name ?? null, columns, relations };
}

function designType(target: unknown, property: string): unknown {
  return typeof target === 'function'
    ? (Reflect.getMetadata(
        'design:type',
        (target as { prototype: object }).prototype,
        property,
      ) as unknown)
    : undefined;
}

/** A relation's `type` is usually a thunk (`() => Category`); a class is itself. */
function safeTarget(type: unknown): unknown {
  const fn = type as { prototype?: unknown; (): unknown };
  if (fn.prototype !== undefined) return fn;
  try {
    return fn();
  } catch {
    return 'unresolved';
  }
}

function typeName(type: unknown): string {
  if (typeof type === 'function') return (type as { name: string }).name;
  return String(type);
}
