import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { SerializerField } from '../serializers/fields/field';
import { ListField } from '../serializers/fields/list.field';
import { NestedField } from '../serializers/nested.field';
import type { SerializerClass } from '../serializers/serializer';
import type { SchemaComponents } from './schema-components';

/**
 * Which schema of a serializer an operation uses: what it answers (`response`), what it accepts
 * (`request`), or what a `PATCH` accepts (`partial`: every field optional).
 *
 * @internal
 */
export type SchemaDirection = 'response' | 'request' | 'partial';

/**
 * Builds the `components.schemas` of serializers, in drf-spectacular's naming: the class name
 * without `Serializer` (`ProductDetail`) for what is answered; `ProductDetailRequest` for what is
 * accepted when it differs (read-only fields left out, write-only fields in);
 * `PatchedProductDetailRequest` for `PATCH` bodies. Nested serializers become `$ref`s. Model
 * serializers are built against `dataSource`, so their fields come from the TypeORM metadata
 * while the document is built.
 *
 * @internal
 */
export class SerializerSchemas {
  private readonly fieldsByClass = new Map<SerializerClass, ReadonlyMap<string, SerializerField>>();

  constructor(
    private readonly components: SchemaComponents,
    private readonly dataSource: DataSource | undefined,
  ) {}

  /** A `$ref` to the component of `serializerClass` in one direction. */
  ref(serializerClass: SerializerClass, direction: SchemaDirection): ReferenceObject {
    const base = componentBaseName(serializerClass);
    const owner = ownerOf(serializerClass);
    if (direction === 'response') {
      return this.components.ref(base, owner, () => this.objectSchema(serializerClass, 'response'));
    }
    const request = this.objectSchema(serializerClass, 'request');
    const split = !sameSchema(request, this.objectSchema(serializerClass, 'response'));
    const requestName = split ? `${base}Request` : base;
    if (direction === 'request') {
      return split
        ? this.components.ref(requestName, `${owner} (request)`, () => request)
        : this.ref(serializerClass, 'response');
    }
    return this.components.ref(`Patched${requestName}`, `${owner} (partial)`, () =>
      this.objectSchema(serializerClass, 'partial'),
    );
  }

  /** The fields of a serializer class, bound as the views bind them. */
  fields(serializerClass: SerializerClass): ReadonlyMap<string, SerializerField> {
    let fields = this.fieldsByClass.get(serializerClass);
    if (!fields) {
      try {
        const serializer = new serializerClass({
          context: { dataSource: this.dataSource },
        });
        fields = serializer.fields;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new RestflowConfigError(
          `openapi.${serializerClass.name}`,
          `Cannot describe ${serializerClass.name} in the OpenAPI document: building its fields ` +
            `failed: ${reason} Fix: the serializer must build its fields from a context holding ` +
            'only the TypeORM `dataSource` (no request).',
        );
      }
      this.fieldsByClass.set(serializerClass, fields);
    }
    return fields;
  }

  private objectSchema(serializerClass: SerializerClass, direction: SchemaDirection): SchemaObject {
    const properties: Record<string, SchemaObject | ReferenceObject> = {};
    const required: string[] = [];
    for (const [name, field] of this.fields(serializerClass)) {
      if (direction === 'response' ? field.writeOnly : field.readOnly) continue;
      properties[name] = this.property(field, direction);
      // A response always has every field; a request needs those the serializer requires.
      if (direction === 'response' || (direction === 'request' && field.required)) {
        required.push(name);
      }
    }
    const schema: SchemaObject = { type: 'object', properties };
    if (required.length) schema.required = required;
    return schema;
  }

  private property(
    field: SerializerField,
    direction: SchemaDirection,
  ): SchemaObject | ReferenceObject {
    const { required: _required, ...own } = field.openApi();
    const flags = flagsOf(own, direction);
    // Nested serializers of a PATCH body are complete objects (DRF validates them in full).
    const nestedDirection = direction === 'partial' ? 'request' : direction;
    if (field instanceof NestedField) {
      const ref = this.ref(field.nestedClass, nestedDirection);
      if (field.many) return { type: 'array', items: ref, ...flags };
      return Object.keys(flags).length ? { allOf: [ref], ...flags } : ref;
    }
    if (field instanceof ListField && field.child instanceof NestedField) {
      const { type: _type, items: _items, ...list } = own;
      return {
        ...(list as SchemaObject),
        type: 'array',
        items: this.ref(field.child.nestedClass, nestedDirection),
        ...flags,
      };
    }
    const schema = { ...(own as SchemaObject) };
    if (direction !== 'response') delete schema.readOnly;
    if (direction === 'response') delete schema.writeOnly;
    return clean(schema);
  }
}

/** The keys of a property that still apply when its schema is a `$ref`. */
function flagsOf(own: Record<string, unknown>, direction: SchemaDirection): Partial<SchemaObject> {
  const flags: Partial<SchemaObject> = {};
  if (own.nullable) flags.nullable = true;
  if (own.readOnly && direction === 'response') flags.readOnly = true;
  if (own.writeOnly && direction !== 'response') flags.writeOnly = true;
  if (typeof own.description === 'string') flags.description = own.description;
  if (typeof own.title === 'string') flags.title = own.title;
  return flags;
}

/** Drops keys whose value is `undefined`, so the document is plain JSON. */
function clean(schema: SchemaObject): SchemaObject {
  for (const key of Object.keys(schema) as (keyof SchemaObject)[]) {
    if (schema[key] === undefined) delete schema[key];
  }
  return schema;
}

function sameSchema(a: SchemaObject, b: SchemaObject): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `ProductDetailSerializer` → `ProductDetail`, as drf-spectacular names components. */
export function componentBaseName(serializerClass: SerializerClass): string {
  const name = serializerClass.name || 'Anonymous';
  const base = name.endsWith('Serializer') && name !== 'Serializer' ? name.slice(0, -10) : name;
  return base.replace(/[^A-Za-z0-9._-]/g, '_');
}

const ids = new WeakMap<object, number>();
let nextId = 1;

/** A readable, unique name of a class for collision messages. */
function ownerOf(serializerClass: SerializerClass): string {
  let id = ids.get(serializerClass);
  if (id === undefined) {
    id = nextId++;
    ids.set(serializerClass, id);
  }
  return `serializer class ${serializerClass.name} (#${id})`;
}
