import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import { maxValueValidator, minValueValidator } from './builtin.validators';
import {
  compareDecimal,
  formatDecimal,
  normalizeDecimal,
  parseDecimal,
  precisionOf,
  quantizeDecimal,
  type DecimalRounding,
  type DecimalValue,
} from './decimal.util';
import { SerializerField, type FieldOpenApiSchema, type FieldOptions } from './field';
import { codePointLength, pyStr, pyStrip } from './python-format.util';

/**
 * Options of {@link DecimalField}.
 *
 * @example
 * ```ts
 * const options: DecimalFieldOptions = { maxDigits: 8, decimalPlaces: 2, minValue: '0.01' };
 * ```
 * @publicApi
 */
export interface DecimalFieldOptions extends FieldOptions<string> {
  /**
   * Most digits in total (before and after the point); `null` for no limit.
   * @default 20 (restflow's default; a model serializer takes the column's precision)
   */
  maxDigits?: number | null;
  /**
   * Most digits after the point; also the number of places values are written with (`"10.5"`
   * → `"10.500000"` by default). `null` for no limit: values keep the places they are written with.
   * @default 6 (restflow's default; a model serializer takes the column's scale)
   */
  decimalPlaces?: number | null;
  /** Largest value allowed (a number or a decimal string such as `'999.99'`). */
  maxValue?: number | string;
  /** Smallest value allowed. */
  minValue?: number | string;
  /** Represent values as strings (`"10.50"`) rather than numbers. @default true */
  coerceToString?: boolean;
  /** Drop trailing zeros from the representation (`"10.50"` → `"10.5"`). @default false */
  normalizeOutput?: boolean;
  /** How the representation rounds values with more places than `decimalPlaces`. @default 'ROUND_HALF_EVEN' */
  rounding?: DecimalRounding;
}

// Python's default decimal context precision, which bounds quantize() without max_digits.
const DEFAULT_PRECISION = 28;
/** restflow's `DecimalField` defaults (DRF's own field has none: both arguments are required). */
const DEFAULT_MAX_DIGITS = 20;
const DEFAULT_DECIMAL_PLACES = 6;
const MAX_STRING_LENGTH = 1000;

/**
 * A fixed-point decimal (DRF's `DecimalField`, with restflow's defaults of 20 digits and 6
 * places: a bare field validates `"10.5"` to `"10.500000"`), computed on digit strings with no
 * floating point arithmetic. Numbers and strings (`"12.50"`, `"-0.5"`, `"1e2"`, `"1_000"`) are
 * accepted; `NaN` and infinities are not. Too many digits are rejected, never rounded. The
 * internal value is a string with exactly `decimalPlaces` places (`"10.5"` with 2 places →
 * `"10.50"`); `maxDigits: null` / `decimalPlaces: null` lift a limit.
 *
 * Digits are counted as DRF does: `0.001234` has 6 digits, all after the point.
 *
 * Messages: `invalid` "A valid number is required.", `max_digits` "Ensure that there are no
 * more than {max_digits} digits in total.", `max_decimal_places` "Ensure that there are no more
 * than {max_decimal_places} decimal places.", `max_whole_digits` "Ensure that there are no more
 * than {max_whole_digits} digits before the decimal point.", `max_value`, `min_value`,
 * `max_string_length` "String value too large.".
 *
 * @example
 * ```ts
 * await new DecimalField().runValidation('10.5'); // '10.500000'
 * const price = new DecimalField({ maxDigits: 5, decimalPlaces: 2 });
 * await price.runValidation('10.5'); // '10.50'
 * await price.runValidation('1000.5'); // throws ['Ensure that there are no more than 3 digits before the decimal point.']
 * price.toRepresentation(3); // '3.00'
 * ```
 * @publicApi
 */
export class DecimalField extends SerializerField<string, string | number> {
  static override readonly defaultErrorMessages: Readonly<Record<string, string>> = {
    invalid: 'A valid number is required.',
    max_value: 'Ensure this value is less than or equal to {max_value}.',
    min_value: 'Ensure this value is greater than or equal to {min_value}.',
    max_digits: 'Ensure that there are no more than {max_digits} digits in total.',
    max_decimal_places: 'Ensure that there are no more than {max_decimal_places} decimal places.',
    max_whole_digits:
      'Ensure that there are no more than {max_whole_digits} digits before the decimal point.',
    max_string_length: 'String value too large.',
  };

  readonly maxDigits: number | undefined;
  readonly decimalPlaces: number | undefined;
  readonly maxWholeDigits: number | undefined;
  readonly maxValue: number | string | undefined;
  readonly minValue: number | string | undefined;
  readonly coerceToString: boolean;
  readonly normalizeOutput: boolean;
  readonly rounding: DecimalRounding;

  constructor(options: DecimalFieldOptions = {}) {
    super(options);
    this.maxDigits = limitOf('maxDigits', options.maxDigits, DEFAULT_MAX_DIGITS, 1);
    this.decimalPlaces = limitOf('decimalPlaces', options.decimalPlaces, DEFAULT_DECIMAL_PLACES, 0);
    if (
      this.maxDigits !== undefined &&
      this.decimalPlaces !== undefined &&
      this.maxDigits < this.decimalPlaces
    ) {
      // No value with a digit before the point could pass.
      throw new RestflowConfigError(
        'maxDigits',
        `DecimalField maxDigits (${this.maxDigits}) is smaller than decimalPlaces ` +
          `(${this.decimalPlaces}${options.decimalPlaces === undefined ? ', the default' : ''}). ` +
          'Fix: give a maxDigits of at least decimalPlaces, or set decimalPlaces.',
      );
    }
    this.maxWholeDigits =
      this.maxDigits !== undefined && this.decimalPlaces !== undefined
        ? this.maxDigits - this.decimalPlaces
        : undefined;
    this.maxValue = options.maxValue;
    this.minValue = options.minValue;
    this.coerceToString = options.coerceToString ?? true;
    this.normalizeOutput = options.normalizeOutput ?? false;
    this.rounding = options.rounding ?? 'ROUND_HALF_EVEN';
    this.canonical =
      this.decimalPlaces === undefined
        ? undefined
        : new RegExp(
            this.decimalPlaces === 0
              ? '^-?(?:0|[1-9]\\d*)$'
              : `^-?(?:0|[1-9]\\d*)\\.\\d{${this.decimalPlaces}}$`,
          );
    if (this.maxValue !== undefined) {
      const limit = boundOf('maxValue', this.maxValue);
      const message = this.message('max_value', { max_value: this.maxValue });
      this.validators.push(maxValueValidator(limit, message, compareDecimalStrings));
    }
    if (this.minValue !== undefined) {
      const limit = boundOf('minValue', this.minValue);
      const message = this.message('min_value', { min_value: this.minValue });
      this.validators.push(minValueValidator(limit, message, compareDecimalStrings));
    }
  }

  /**
   * Parses, checks the digit limits (`validatePrecision`), then pads to `decimalPlaces`.
   *
   * @example
   * ```ts
   * new DecimalField({ decimalPlaces: 2 }).toInternalValue(' 1e1 '); // '10.00'
   * ```
   */
  toInternalValue(data: unknown): string {
    const text = pyStrip(typeof data === 'string' ? data : pyStr(data));
    if (codePointLength(text) > MAX_STRING_LENGTH) this.fail('max_string_length');
    // Only strings and numbers can spell a number; Python's str(True) is "True" anyway.
    const parsed =
      typeof data === 'string' || typeof data === 'number' || typeof data === 'bigint'
        ? parseDecimal(text)
        : undefined;
    if (parsed === undefined) this.fail('invalid');
    return formatDecimal(this.quantize(this.validatePrecision(parsed), true));
  }

  /**
   * The value quantized to `decimalPlaces` (rounded with `rounding` when it has more places),
   * optionally normalised, as a string or, with `coerceToString: false`, a number.
   *
   * @example
   * ```ts
   * new DecimalField({ decimalPlaces: 1, coerceToString: false }).toRepresentation('2.25'); // 2.2
   * ```
   */
  /** Matches strings that are already the representation (`-?digits.dd`). */
  private readonly canonical: RegExp | undefined;

  override toRepresentation(value: unknown): string | number {
    // Database drivers already return canonical strings such as "10.50": nothing to redo.
    if (
      typeof value === 'string' &&
      this.coerceToString &&
      !this.normalizeOutput &&
      this.canonical?.test(value)
    ) {
      return value;
    }
    const parsed = parseDecimal(pyStrip(typeof value === 'string' ? value : pyStr(value)));
    if (parsed === undefined) {
      throw new TypeError(`DecimalField cannot represent ${pyStr(value)}: it is not a number.`);
    }
    let quantized = this.quantize(parsed, false);
    if (this.normalizeOutput) quantized = normalizeDecimal(quantized);
    const text = formatDecimal(quantized);
    return this.coerceToString ? text : Number(text);
  }

  /**
   * DRF's `validate_precision`: enforces `maxDigits`, `decimalPlaces` and the whole digits they
   * leave, in that order. Override to relax or extend the checks.
   *
   * @example
   * ```ts
   * this.validatePrecision(parseDecimal('123.456')!); // throws when decimalPlaces is 2
   * ```
   */
  protected validatePrecision(value: DecimalValue): DecimalValue {
    const { total, whole, decimalPlaces } = precisionOf(value);
    if (this.maxDigits !== undefined && total > this.maxDigits) {
      this.fail('max_digits', { max_digits: this.maxDigits });
    }
    if (this.decimalPlaces !== undefined && decimalPlaces > this.decimalPlaces) {
      this.fail('max_decimal_places', { max_decimal_places: this.decimalPlaces });
    }
    if (this.maxWholeDigits !== undefined && whole > this.maxWholeDigits) {
      this.fail('max_whole_digits', { max_whole_digits: this.maxWholeDigits });
    }
    return value;
  }

  protected override schema(): FieldOpenApiSchema {
    const schema: FieldOpenApiSchema = this.coerceToString
      ? { type: 'string', format: 'decimal' }
      : { type: 'number', format: 'double' };
    if (this.coerceToString && this.maxWholeDigits !== undefined) {
      const fraction = this.decimalPlaces ? `(?:\\.\\d{0,${this.decimalPlaces}})?` : '';
      schema.pattern = `^-?\\d{0,${this.maxWholeDigits}}${fraction}$`;
    }
    if (!this.coerceToString) {
      if (this.maxValue !== undefined) schema.maximum = Number(this.maxValue);
      if (this.minValue !== undefined) schema.minimum = Number(this.minValue);
    }
    return schema;
  }

  private quantize(value: DecimalValue, strict: boolean): DecimalValue {
    const places = this.decimalPlaces;
    // Size the result before building it: "1e999999999" must not allocate a billion zeros.
    const length =
      places === undefined
        ? precisionOf(value).total
        : value.digits === '0'
          ? 1
          : Math.max(value.digits.length + value.exponent + places, 1);
    // Python's quantize() signals InvalidOperation past the context precision (a server error
    // in DRF); the input is rejected instead. Without decimalPlaces the value is written out
    // in full, so absurd exponents are refused too.
    const limit = places === undefined ? MAX_STRING_LENGTH : (this.maxDigits ?? DEFAULT_PRECISION);
    if (strict && length > limit) this.fail('invalid');
    if (length > MAX_STRING_LENGTH) {
      throw new TypeError(
        `DecimalField cannot represent ${formatExponent(value)}: it is too large.`,
      );
    }
    return places === undefined ? value : quantizeDecimal(value, places, this.rounding);
  }
}

/** A digit limit: the default when absent, `undefined` (no limit) for `null`. */
function limitOf(
  option: string,
  value: number | null | undefined,
  fallback: number,
  least: number,
): number | undefined {
  if (value === null) return undefined;
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < least) {
    throw new RestflowConfigError(
      option,
      `DecimalField option "${option}" must be a whole number of at least ${least} or null, ` +
        `got ${pyStr(value)}.`,
    );
  }
  return value;
}

function formatExponent({ negative, digits, exponent }: DecimalValue): string {
  return `${negative ? '-' : ''}${digits}E${exponent}`;
}

function boundOf(option: string, bound: number | string): string {
  const parsed = parseDecimal(pyStrip(String(bound)));
  if (parsed === undefined) {
    throw new RestflowConfigError(
      option,
      `DecimalField option "${option}" must be a finite number or a decimal string, got ${pyStr(bound)}.`,
    );
  }
  return formatDecimal(parsed);
}

function compareDecimalStrings(a: string, b: string): number {
  const left = parseDecimal(a);
  const right = parseDecimal(b);
  return left && right ? compareDecimal(left, right) : 0;
}
