import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import { getDeclaredFields } from '../../serializers/declared-fields';
import type { SerializerClass } from '../../serializers/serializer';
import { CacheKeyField } from './cache-key-field';
import { encodeKeyValue, sha256Hex } from './key-encoding.util';

/**
 * A fingerprint of a serializer's shape: its name, its `meta` (model serializers: model and
 * field list) and every declared field (name, field class, read/write-only, source, nested
 * serializers recursively). Changing the serializer changes the key, so cached
 * representations of the old shape are never served. Always hashed, always in the suffix;
 * computed once, when the field is built.
 *
 * @example
 * ```ts
 * class ProductKey extends KeyConstructor {
 *   shape = new SerializerShapeKeyField(ProductSerializer);
 * }
 * ```
 * @publicApi
 */
export class SerializerShapeKeyField extends CacheKeyField {
  /** The SHA-256 of the shape description. */
  readonly fingerprint: string;

  constructor(readonly serializerClass: SerializerClass) {
    super({ partition: false, hash: false });
    if (typeof serializerClass !== 'function') {
      throw new RestflowConfigError(
        'SerializerShapeKeyField',
        `SerializerShapeKeyField expects a serializer class, got ${typeof serializerClass}. ` +
          `Fix: pass the class, e.g. new SerializerShapeKeyField(ProductSerializer).`,
      );
    }
    this.fingerprint = sha256Hex(encodeKeyValue(describeSerializer(serializerClass, 0)));
  }

  payload(): Readonly<Record<string, unknown>> {
    return { serializer: this.fingerprint };
  }

  override canResolve(): boolean {
    return true;
  }
}

function describeSerializer(serializerClass: SerializerClass, depth: number): object {
  const fields: Record<string, unknown> = {};
  if (depth < 8) {
    for (const [name, factory] of getDeclaredFields(serializerClass)) {
      fields[name] = describeField(factory(), depth);
    }
  }
  const meta = (serializerClass as unknown as { meta?: Record<string, unknown> }).meta;
  return {
    name: serializerClass.name,
    meta: meta ? plain(meta, depth) : null,
    fields,
  };
}

function describeField(field: object, depth: number): object {
  const record = field as Record<string, unknown>;
  const description: Record<string, unknown> = { type: field.constructor.name };
  for (const option of ['readOnly', 'writeOnly', 'required', 'allowNull', 'source', 'many']) {
    if (option in record) description[option] = plain(record[option], depth);
  }
  for (const nested of ['serializerClass', 'child']) {
    const value = record[nested];
    if (typeof value === 'function') {
      description[nested] = describeSerializer(value as SerializerClass, depth + 1);
    } else if (typeof value === 'object' && value !== null) {
      description[nested] = describeField(value, depth + 1);
    }
  }
  return description;
}

/** Options of a meta or field as plain data: classes by name, lists and objects recursively. */
function plain(value: unknown, depth: number): unknown {
  if (typeof value === 'function') return `class:${(value as { name: string }).name}`;
  if (Array.isArray(value)) return value.map((item) => plain(item, depth));
  if (typeof value === 'object' && value !== null) {
    if (depth > 8) return 'deep';
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[key] = plain(item, depth + 1);
    return result;
  }
  if (typeof value === 'symbol') return value.toString();
  return value;
}
