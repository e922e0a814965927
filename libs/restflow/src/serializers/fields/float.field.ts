import { SerializerField, type FieldOpenApiSchema, type FieldOptions } from './field';
import { MAX_NUMBER_STRING_LENGTH } from './integer.field';
import { codePointLength, pyStrip } from './python-format.util';

/**
 * Options of {@link FloatField}.
 *
 * @example
 * ```ts
 * const options: FloatFieldOptions = { minValue: 0, maxValue: 1 };
 * ```
 * @publicApi
 */
export interface FloatFieldOptions extends FieldOptions<number> {
  /** Largest value allowed. */
  maxValue?: number;
  /** Smallest value allowed. */
  minValue?: number;
}

// Python's float() literal grammar (finite numbers only), `_` grouping allowed.
const DIGITS = '\\d(?:_?\\d)*';
const PYTHON_FLOAT = new RegExp(
  `^[+-]?(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`,
);

/**
 * A floating point number (DRF's `FloatField`). Accepts numbers and numeric strings in
 * Python's `float()` syntax; rejects booleans, `NaN` and infinities (including strings that
 * overflow, such as `"1e400"`).
 *
 * Messages: `invalid` "A valid number is required.", `max_value`, `min_value` and
 * `max_string_length` as in {@link IntegerField}.
 *
 * @example
 * ```ts
 * await new FloatField().runValidation('1.5e3'); // 1500
 * await new FloatField().runValidation(true); // throws ['A valid number is required.']
 * ```
 * @publicApi
 */
export class FloatField extends SerializerField<number, number> {
  static override readonly defaultErrorMessages: Readonly<Record<string, string>> = {
    invalid: 'A valid number is required.',
    max_value: 'Ensure this value is less than or equal to {max_value}.',
    min_value: 'Ensure this value is greater than or equal to {min_value}.',
    max_string_length: 'String value too large.',
  };

  readonly maxValue: number | undefined;
  readonly minValue: number | undefined;

  constructor(options: FloatFieldOptions = {}) {
    super(options);
    this.maxValue = options.maxValue;
    this.minValue = options.minValue;
    this.addNumericBounds(this.minValue, this.maxValue);
  }

  /**
   * Python's `float(data)`, finite results only.
   *
   * @example
   * ```ts
   * new FloatField().toInternalValue(' 2.5 '); // 2.5
   * ```
   */
  toInternalValue(data: unknown): number {
    if (typeof data === 'string' && codePointLength(data) > MAX_NUMBER_STRING_LENGTH) {
      this.fail('max_string_length');
    }
    let value: number | undefined;
    if (typeof data === 'number') value = data;
    if (typeof data === 'bigint') value = Number(data);
    if (typeof data === 'string') {
      const text = pyStrip(data);
      if (PYTHON_FLOAT.test(text)) value = Number(text.replaceAll('_', ''));
    }
    if (value === undefined || !Number.isFinite(value)) this.fail('invalid');
    return value;
  }

  /**
   * Python's `float(value)`: numeric strings (such as database `numeric` columns) are parsed.
   *
   * @example
   * ```ts
   * new FloatField().toRepresentation('1.25'); // 1.25
   * ```
   */
  override toRepresentation(value: unknown): number {
    return typeof value === 'string' ? Number(pyStrip(value)) : Number(value);
  }

  protected override schema(): FieldOpenApiSchema {
    const schema: FieldOpenApiSchema = { type: 'number', format: 'double' };
    if (this.maxValue !== undefined) schema.maximum = this.maxValue;
    if (this.minValue !== undefined) schema.minimum = this.minValue;
    return schema;
  }
}
