import { SerializerField, type FieldOptions } from './field';
import { isPlainObject } from '../../core/is-plain-object.util';

/**
 * Options of {@link JSONField}.
 *
 * @example
 * ```ts
 * const options: JSONFieldOptions = { binary: true };
 * ```
 * @publicApi
 */
export interface JSONFieldOptions extends FieldOptions<unknown> {
  /** The input is a JSON text to parse, and the representation is JSON text. @default false */
  binary?: boolean;
}

/** Plain JSON data only: what `JSON.stringify` writes without loss or surprise. */
function isJsonValue(value: unknown, ancestors: Set<object>): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object') return false; // undefined, function, symbol, bigint
  if (!Array.isArray(value) && !isPlainObject(value)) return false; // Date, Map, class instances
  if (ancestors.has(value)) return false; // circular
  ancestors.add(value);
  const children: unknown[] = Array.isArray(value) ? value : Object.values(value);
  const valid = children.every((child) => isJsonValue(child, ancestors));
  ancestors.delete(value);
  return valid;
}

/**
 * Any JSON value (DRF's `JSONField`): `null`, booleans, finite numbers, strings, arrays and
 * plain objects, nested freely. Functions, symbols, bigints, `undefined`, non-finite numbers,
 * class instances (`Date` included) and circular structures are refused, anywhere inside.
 * With `binary`, the input is a JSON string that is parsed. Message: `invalid` "Value must be
 * valid JSON.".
 *
 * @example
 * ```ts
 * await new JSONField().runValidation({ tags: ['a'], size: 2 }); // the same object
 * await new JSONField({ binary: true }).runValidation('{"a": 1}'); // { a: 1 }
 * await new JSONField().runValidation({ a: undefined }); // throws ['Value must be valid JSON.']
 * ```
 * @publicApi
 */
export class JSONField extends SerializerField<unknown, unknown> {
  static override readonly defaultErrorMessages: Readonly<Record<string, string>> = {
    invalid: 'Value must be valid JSON.',
  };

  readonly binary: boolean;

  constructor(options: JSONFieldOptions = {}) {
    super(options);
    this.binary = options.binary ?? false;
  }

  /**
   * Checks (or, with `binary`, parses) the value.
   *
   * @example
   * ```ts
   * new JSONField().toInternalValue([1, { a: null }]); // [1, { a: null }]
   * ```
   */
  toInternalValue(data: unknown): unknown {
    if (this.binary) {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : data;
      if (typeof text !== 'string') this.fail('invalid');
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return this.fail('invalid');
      }
    }
    if (!isJsonValue(data, new Set())) this.fail('invalid');
    return data;
  }

  /**
   * The value as is, or JSON text with `binary`.
   *
   * @example
   * ```ts
   * new JSONField({ binary: true }).toRepresentation({ a: 1 }); // '{"a":1}'
   * ```
   */
  override toRepresentation(value: unknown): unknown {
    return this.binary ? JSON.stringify(value) : value;
  }
}
