import { SerializerField, type FieldOpenApiSchema, type FieldOptions } from './field';
import { codePointLength, pyStr, pyStrip } from './python-format.util';

/**
 * Options of {@link IntegerField}.
 *
 * @example
 * ```ts
 * const options: IntegerFieldOptions = { minValue: 1, maxValue: 100 };
 * ```
 * @publicApi
 */
export interface IntegerFieldOptions extends FieldOptions<number> {
  /** Largest value allowed. */
  maxValue?: number;
  /** Smallest value allowed. */
  minValue?: number;
}

/**
 * Longest string an integer or float field parses (DRF's `MAX_STRING_LENGTH`, a guard against
 * huge inputs); longer ones get "String value too large.".
 *
 * @example
 * ```ts
 * await new IntegerField().runValidation('1'.repeat(MAX_NUMBER_STRING_LENGTH + 1)); // throws
 * ```
 * @internal
 */
export const MAX_NUMBER_STRING_LENGTH = 1000;

// DRF strips `.0`, `.00`, `.` (and trailing whitespace) so that "1.0" is the integer 1.
const ZERO_FRACTION = /\.0*\s*$/;
// What Python's `int(text)` accepts once surrounding whitespace is gone.
const PYTHON_INT = /^[+-]?\d(?:_?\d)*$/;

/**
 * An integer (DRF's `IntegerField`). Accepts integers, integer strings (surrounding whitespace,
 * `+`, `_` grouping and a zero fraction such as `"1.0"` allowed, like Python's `int()` after
 * DRF's clean-up) and floats without a fraction; rejects booleans, `"1.5"` and `""`.
 *
 * Messages: `invalid` "A valid integer is required.", `max_value` "Ensure this value is less
 * than or equal to {max_value}.", `min_value` "Ensure this value is greater than or equal to
 * {min_value}.", `max_string_length` "String value too large." (over 1000 characters).
 *
 * Integers beyond `Number.MAX_SAFE_INTEGER` are accepted but lose precision, since the value
 * is a JavaScript `number`; past about 1.8e308 (where a number becomes `Infinity`) they are
 * invalid.
 *
 * @example
 * ```ts
 * await new IntegerField().runValidation(' 1.0 '); // 1
 * await new IntegerField({ maxValue: 5 }).runValidation(6);
 * // throws ['Ensure this value is less than or equal to 5.']
 * ```
 * @publicApi
 */
export class IntegerField extends SerializerField<number, number> {
  static override readonly defaultErrorMessages: Readonly<Record<string, string>> = {
    invalid: 'A valid integer is required.',
    max_value: 'Ensure this value is less than or equal to {max_value}.',
    min_value: 'Ensure this value is greater than or equal to {min_value}.',
    max_string_length: 'String value too large.',
  };

  readonly maxValue: number | undefined;
  readonly minValue: number | undefined;

  constructor(options: IntegerFieldOptions = {}) {
    super(options);
    this.maxValue = options.maxValue;
    this.minValue = options.minValue;
    this.addNumericBounds(this.minValue, this.maxValue);
  }

  /**
   * DRF's `int(re_decimal.sub('', str(data)))`.
   *
   * @example
   * ```ts
   * new IntegerField().toInternalValue('1_000'); // 1000
   * ```
   */
  toInternalValue(data: unknown): number {
    if (typeof data === 'string' && codePointLength(data) > MAX_NUMBER_STRING_LENGTH) {
      this.fail('max_string_length');
    }
    if (typeof data === 'number') {
      // A float prints as "1.0" in Python and passes; any other fraction fails.
      if (!Number.isInteger(data)) this.fail('invalid');
      return data + 0;
    }
    if (typeof data !== 'string' && typeof data !== 'bigint') this.fail('invalid');
    const text = pyStrip(pyStr(data).replace(ZERO_FRACTION, ''));
    if (!PYTHON_INT.test(text)) this.fail('invalid');
    const value = Number(text.replaceAll('_', ''));
    // Python has no limit; a JavaScript number ends at about 1.8e308.
    if (!Number.isFinite(value)) this.fail('invalid');
    return value + 0;
  }

  /**
   * Python's `int(value)`: numbers are truncated toward zero, numeric strings parsed.
   *
   * @example
   * ```ts
   * new IntegerField().toRepresentation('42'); // 42
   * ```
   */
  override toRepresentation(value: unknown): number {
    const number = typeof value === 'string' ? Number(pyStrip(value)) : Number(value);
    return Math.trunc(number) + 0;
  }

  protected override schema(): FieldOpenApiSchema {
    const schema: FieldOpenApiSchema = { type: 'integer' };
    if (this.maxValue !== undefined) schema.maximum = this.maxValue;
    if (this.minValue !== undefined) schema.minimum = this.minValue;
    return schema;
  }
}
