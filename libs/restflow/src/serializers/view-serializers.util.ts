import { resolveActionConfig } from '../core/action-config.decorator';
import { routeHandlers } from '../core/controller-actions.util';
import type { SerializerField } from './fields/field';
import { ListField } from './fields/list.field';
import { NestedField } from './nested.field';
import { Serializer, type SerializerClass } from './serializer';

/**
 * The serializer classes a view names under `keys`, on the view itself (class fields, read as
 * descriptor values: never a getter run at boot) and in each action's configuration. What the
 * boot checks build.
 *
 * @example
 * ```ts
 * serializerClassesOf(view, ['serializerClass', 'responseSerializerClass']);
 * ```
 * @internal
 */
export function serializerClassesOf(view: object, keys: readonly string[]): SerializerClass[] {
  const candidates = new Set<unknown>();
  for (const key of keys) candidates.add(Object.getOwnPropertyDescriptor(view, key)?.value);
  const actions = new Set([
    ...Object.keys((view as { actionConfigs?: object }).actionConfigs ?? {}),
    ...routeHandlers(view).keys(),
  ]);
  for (const action of actions) {
    const config = resolveActionConfig(view, action) as Record<string, unknown>;
    for (const key of keys) candidates.add(config[key]);
  }
  return [...candidates].filter(
    (value): value is SerializerClass =>
      typeof value === 'function' && value.prototype instanceof Serializer,
  );
}

/**
 * The serializer class a field nests (a `NestedField`, or a `ListField` of one), if any.
 *
 * @example
 * ```ts
 * const nested = nestedSerializerClassOf(serializer.fields.get('author')!);
 * ```
 * @internal
 */
export function nestedSerializerClassOf(field: SerializerField): SerializerClass | undefined {
  if (field instanceof NestedField) return field.nestedClass;
  if (field instanceof ListField && field.child instanceof NestedField) {
    return field.child.nestedClass;
  }
  return undefined;
}
