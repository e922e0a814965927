import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { SerializerField } from './fields/field';

/** Builds a fresh field for one serializer instance. */
export type FieldBuilder = () => SerializerField;

const DECLARED_FIELDS = Symbol('restflow:declared-fields');

/** Names a field may not take: they are the serializer's own API. */
const RESERVED_NAMES = new Set([
  'data',
  'errors',
  'validatedData',
  'instance',
  'initialData',
  'fields',
  'context',
  'partial',
]);

/**
 * Records a field declared on a serializer class (the writer side of `@Field()`).
 *
 * @internal
 */
export function declareField(target: object, name: string, factory: FieldBuilder): void {
  if (RESERVED_NAMES.has(name)) {
    throw new RestflowConfigError(
      name,
      `\`${name}\` collides with a Serializer attribute. Fix: choose a different name (and set \`source: '${name}'\` to read the attribute).`,
    );
  }
  const own: Map<string, FieldBuilder> = Object.prototype.hasOwnProperty.call(
    target,
    DECLARED_FIELDS,
  )
    ? (target as Record<symbol, Map<string, FieldBuilder>>)[DECLARED_FIELDS]!
    : new Map<string, FieldBuilder>();
  own.set(name, factory);
  Object.defineProperty(target, DECLARED_FIELDS, { value: own, configurable: true });
}

/**
 * The fields declared on a serializer class and its ancestors (the reader side): inherited ones
 * first, in declaration order; a redeclared name keeps its position and takes the subclass's
 * definition.
 *
 * @internal
 */
export function getDeclaredFields(serializerClass: abstract new (...args: never[]) => unknown) {
  const chain: object[] = [];
  for (
    let prototype: object | null = serializerClass.prototype as object;
    prototype && prototype !== Object.prototype;
    prototype = Object.getPrototypeOf(prototype) as object | null
  ) {
    chain.unshift(prototype);
  }
  const fields = new Map<string, FieldBuilder>();
  for (const prototype of chain) {
    if (Object.prototype.hasOwnProperty.call(prototype, DECLARED_FIELDS)) {
      const own = (prototype as Record<symbol, Map<string, FieldBuilder>>)[DECLARED_FIELDS]!;
      for (const [name, factory] of own) {
        fields.set(name, factory);
      }
    }
  }
  return fields;
}
