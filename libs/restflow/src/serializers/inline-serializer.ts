import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { defineField, type FieldDeclaration } from './field.decorator';
import { SerializerField } from './fields/field';
import { ModelSerializer, type ModelSerializerMeta } from './model-serializer';
import { Serializer, type SerializerClass } from './serializer';

/**
 * One field of {@link InlineSerializer}: a type (`String`, `Number`, `Boolean`, `Date`, a
 * serializer class), a `@Field()` declaration (`{ type: 'email' }`) or a field instance.
 *
 * @example
 * ```ts
 * const spec: InlineFieldSpec = { type: 'integer', min: 0 };
 * ```
 * @publicApi
 */
export type InlineFieldSpec =
  (new (...args: never[]) => unknown) | FieldDeclaration | SerializerField;

/**
 * Options of {@link InlineSerializer}.
 *
 * @example
 * ```ts
 * InlineSerializer({ name: 'Address', fields: { city: String, zip: { maxLength: 10 } } });
 * ```
 * @publicApi
 */
export interface InlineSerializerOptions {
  /** The class name (shown in errors and OpenAPI). @default 'InlineSerializer' or '<Model>Serializer' */
  name?: string;
  /** Declared fields. */
  fields?: Readonly<Record<string, InlineFieldSpec>>;
  /** Build a `ModelSerializer` of this entity. */
  model?: ModelSerializerMeta['model'];
  /** With `model`: the model fields. @default the keys of `fields`, or '__all__' */
  modelFields?: ModelSerializerMeta['fields'];
  /** With `model`: output-only fields. */
  readOnlyFields?: readonly string[];
  /** With `model`: extra options per model field. */
  extraKwargs?: ModelSerializerMeta['extraKwargs'];
}

/**
 * Builds a serializer class at run time from a map of fields (and optionally a model), for
 * ad-hoc shapes such as a nested address or a one-off response.
 *
 * @example
 * ```ts
 * const AddressSerializer = InlineSerializer({
 *   name: 'Address',
 *   fields: { city: String, zip: { maxLength: 10, optional: true } },
 * });
 *
 * class CustomerSerializer extends Serializer {
 *   @Field({ serializer: () => AddressSerializer }) address!: unknown;
 * }
 * ```
 * @publicApi
 */
export function InlineSerializer(options: InlineSerializerOptions): SerializerClass {
  const { fields, model } = options;
  if (!model && !fields) {
    throw new RestflowConfigError(
      'InlineSerializer',
      'Either `model` or `fields` must be provided to InlineSerializer(). Fix: pass one of them.',
    );
  }
  const Base: SerializerClass = model ? ModelSerializer : Serializer;
  const inline = class extends Base {};
  const name = options.name ?? (model ? `${model.name}Serializer` : 'InlineSerializer');
  Object.defineProperty(inline, 'name', { value: name });
  if (model) {
    (inline as unknown as typeof ModelSerializer).meta = {
      model,
      fields: options.modelFields ?? (fields ? Object.keys(fields) : '__all__'),
      readOnlyFields: options.readOnlyFields,
      extraKwargs: options.extraKwargs,
    };
  }
  for (const [fieldName, spec] of Object.entries(fields ?? {})) {
    if (typeof spec === 'function') {
      defineField(inline.prototype, fieldName, {}, spec);
    } else if (spec instanceof SerializerField) {
      defineField(inline.prototype, fieldName, spec, undefined);
    } else {
      // A declaration without a TypeScript type to read: a string, or a list with `child`.
      defineField(inline.prototype, fieldName, spec, spec.child ? Array : String);
    }
  }
  return inline;
}
