import { ApiProperty, DECORATORS, type ApiPropertyOptions } from '@nestjs/swagger';
import type { SerializerField } from './fields/field';
import { NestedField } from './nested.field';

/**
 * Records a serializer field's OpenAPI description as `@nestjs/swagger` property metadata
 * (type, format, nullable, enum, readOnly, writeOnly, required, bounds), so that request and
 * response schemas can be emitted from the serializer class. Nested serializers are referenced
 * lazily by class.
 *
 * @internal
 */
export function recordApiProperty(
  prototype: object,
  name: string,
  field: SerializerField,
  options: { once?: boolean } = {},
): void {
  if (options.once && Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, name)) {
    return;
  }
  ApiProperty(apiPropertyOptions(field))(prototype, name);
}

function apiPropertyOptions(field: SerializerField): ApiPropertyOptions {
  const { required, type, items, ...schema } = field.openApi();
  // Our schema is a subset of OpenAPI's; swagger's option union is too wide to check it against.
  if (field instanceof NestedField) {
    const nested = { ...schema, required, type: () => field.nestedClass, isArray: field.many };
    return nested;
  }
  if (type === 'array') {
    const list = { ...schema, required, type: items?.type ?? 'string', isArray: true };
    return { ...list, ...itemsOf(items) } as ApiPropertyOptions;
  }
  return { ...schema, required, ...(type ? { type } : {}) } as ApiPropertyOptions;
}

function itemsOf(items: ReturnType<SerializerField['openApi']>['items']): ApiPropertyOptions {
  return items?.format ? { format: items.format } : {};
}
