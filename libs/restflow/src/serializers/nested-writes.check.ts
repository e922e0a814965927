import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { SerializerField } from './fields/field';
import { ListField } from './fields/list.field';
import { NestedField } from './nested.field';

/** The serializer methods a writable nested field needs: DRF's `raise_errors_on_nested_writes`. */
const WRITE_METHODS = ['create', 'update'] as const;

/**
 * DRF's rule on nested writes, checked when a `ModelSerializer`'s fields are built (at boot, by
 * `SerializerFieldsCheck`) instead of when a body arrives: a writable nested serializer field
 * (one object, `many`, or a list of them) or a writable field with a dotted `source` would hand
 * raw objects to TypeORM, so the serializer must implement the write itself (override `create()`
 * and `update()`), or the field must be `readOnly`.
 *
 * @throws {RestflowConfigError} naming the field, the missing methods and the fix.
 * @example
 * ```ts
 * class ArticleSerializer extends ModelSerializer<Article> {
 *   static override meta = { model: Article, fields: ['id', 'title'] };
 *   @Field({ serializer: () => TagSerializer, many: true }) tags!: TagSerializer[];
 * }
 * // RestflowConfigError: ArticleSerializer.tags is a writable nested serializer field, and
 * // ArticleSerializer does not implement create() and update() to write it. Fix: ...
 * ```
 * @internal
 */
export function assertNestedWritesImplemented(
  serializerClass: abstract new (...args: never[]) => unknown,
  fields: ReadonlyMap<string, SerializerField>,
  base: abstract new (...args: never[]) => unknown,
): void {
  for (const [name, field] of fields) {
    if (field.readOnly) continue;
    const kind = nestedKind(field);
    if (!kind) continue;
    const missing = WRITE_METHODS.filter(
      (method) => !implementsBelow(serializerClass, base, method),
    );
    if (missing.length === 0) return;
    const where = `${serializerClass.name}.${name}`;
    throw new RestflowConfigError(
      where,
      `${where} is a writable ${kind}, and ${serializerClass.name} does not implement ` +
        `${missing.map((method) => `${method}()`).join(' and ')} to write it; ModelSerializer ` +
        'does not write nested data by default (it would reach TypeORM as raw objects). ' +
        `Fix: set \`readOnly: true\` on ${where}, or override ${missing.map((method) => `${method}()`).join(' and ')} ` +
        `in ${serializerClass.name} to write it${kind === 'nested serializer field' ? ' (or write related rows by key: list the relation in meta.fields)' : ''}.`,
    );
  }
}

function nestedKind(field: SerializerField): string | undefined {
  if (field instanceof NestedField) return 'nested serializer field';
  if (field instanceof ListField && field.child instanceof NestedField) {
    return 'list of nested serializers';
  }
  if (field.source !== undefined && field.source !== '*' && field.source.includes('.')) {
    return `field with a dotted source ("${field.source}")`;
  }
  return undefined;
}

/** Whether a class between `serializerClass` and `base` (excluded) defines `method`. */
function implementsBelow(
  serializerClass: abstract new (...args: never[]) => unknown,
  base: abstract new (...args: never[]) => unknown,
  method: string,
): boolean {
  for (
    let prototype = serializerClass.prototype as object | null;
    prototype && prototype !== base.prototype;
    prototype = Object.getPrototypeOf(prototype) as object | null
  ) {
    if (Object.hasOwn(prototype, method)) return true;
  }
  return false;
}
