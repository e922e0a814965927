import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import { BooleanField } from './boolean.field';
import { CharField } from './char.field';
import { DateTimeField } from './date-time.field';
import type { SerializerField, FieldOptions } from './field';
import { FloatField } from './float.field';
import { IntegerField } from './integer.field';
import { JSONField } from './json.field';
import { ListField, type ListFieldOptions } from './list.field';

/**
 * What {@link fieldForType} passes to a factory: the common {@link FieldOptions}, plus any
 * type-specific option (`maxLength`, `minValue`, ...) the declaration carries, plus two hints:
 * `integer` (a `number` that must be whole) and `child` (the item field of an array).
 *
 * @example
 * ```ts
 * const options: FieldTypeOptions = { integer: true, minValue: 0 };
 * ```
 * @publicApi
 */
export interface FieldTypeOptions extends FieldOptions {
  /** For `Number`: build an {@link IntegerField} instead of a {@link FloatField}. */
  integer?: boolean;
  /** For `Array`: the item field. @default new CharField() */
  child?: SerializerField;
  [option: string]: unknown;
}

/**
 * Builds a field for a declared type from the declaration's options.
 *
 * @example
 * ```ts
 * const money: FieldFactory = (options) =>
 *   new DecimalField({ maxDigits: 12, decimalPlaces: 2, ...(options as DecimalFieldOptions) });
 * ```
 * @publicApi
 */
export type FieldFactory = (options: FieldTypeOptions) => SerializerField;

/**
 * The field each TypeScript design type maps to (restflow's `SerializerFieldMap`): `String` →
 * {@link CharField}, `Number` → {@link FloatField} (or {@link IntegerField} with
 * `integer: true`), `Boolean` → {@link BooleanField}, `Date` → {@link DateTimeField},
 * `Object` → {@link JSONField}, `Array` → {@link ListField} of `child` (default
 * {@link CharField}). Register your own types, or replace an entry, at startup.
 *
 * @example
 * ```ts
 * class Money {}
 * SerializerFieldMap.set(Money, (options) =>
 *   new DecimalField({ maxDigits: 12, decimalPlaces: 2, ...(options as DecimalFieldOptions) }),
 * );
 * ```
 * @publicApi
 */
export const SerializerFieldMap = new Map<unknown, FieldFactory>([
  [String, (options) => new CharField(options)],
  [
    Number,
    ({ integer, ...options }) => (integer ? new IntegerField(options) : new FloatField(options)),
  ],
  [Boolean, (options) => new BooleanField(options)],
  [Date, (options) => new DateTimeField(options)],
  [Object, (options) => new JSONField(options)],
  [
    Array,
    ({ child, ...options }) =>
      new ListField({
        ...(options as Omit<ListFieldOptions, 'child'>),
        child: child ?? new CharField(),
      }),
  ],
]);

function typeName(type: unknown): string {
  if (typeof type === 'function') return type.name || 'anonymous class';
  return String(type);
}

/**
 * Builds the field for a design type through {@link SerializerFieldMap}.
 *
 * @throws {RestflowConfigError} when the type is not registered
 * @example
 * ```ts
 * fieldForType(Number, { integer: true, minValue: 1 }); // IntegerField
 * fieldForType(Set); // throws: Cannot map type Set to a serializer field: ...
 * ```
 * @publicApi
 */
export function fieldForType(type: unknown, options: FieldTypeOptions = {}): SerializerField {
  const factory = SerializerFieldMap.get(type);
  if (factory === undefined) {
    throw new RestflowConfigError(
      'type',
      `Cannot map type ${typeName(type)} to a serializer field: declare the field explicitly or register the type in SerializerFieldMap.`,
    );
  }
  return factory(options);
}
