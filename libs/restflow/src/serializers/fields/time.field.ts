import { SerializerField, type FieldOpenApiSchema, type FieldOptions } from './field';
import { formatIsoTime, isClockTime, microseconds } from './temporal.util';
import { pyStr } from './python-format.util';

// Django's `time_re`, plus the UTC offset that `time.fromisoformat()` (tried first) accepts
// and Django then drops.
const TIME_PATTERN =
  /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6})\d{0,6})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * A time of day (DRF's `TimeField`). Accepts `hh:mm[:ss[.uuuuuu]]` (a trailing UTC offset is
 * ignored, as by Django); the internal value is Python's `time.isoformat()`,
 * `HH:MM:SS[.ffffff]`. Message: `invalid` "Time has wrong format. Use one of these formats
 * instead: hh:mm[:ss[.uuuuuu]].".
 *
 * @example
 * ```ts
 * await new TimeField().runValidation('9:30'); // '09:30:00'
 * await new TimeField().runValidation('10:00:00.5'); // '10:00:00.500000'
 * ```
 * @publicApi
 */
export class TimeField extends SerializerField<string, string | null> {
  static override readonly defaultErrorMessages: Readonly<Record<string, string>> = {
    invalid: 'Time has wrong format. Use one of these formats instead: {format}.',
  };

  /** DRF's humanised ISO 8601 input format, shown in the `invalid` message. */
  static readonly inputFormat = 'hh:mm[:ss[.uuuuuu]]';

  constructor(options: FieldOptions<string> = {}) {
    super(options);
  }

  /**
   * Checks and normalises the time.
   *
   * @example
   * ```ts
   * new TimeField().toInternalValue('23:59:59,25'); // '23:59:59.250000'
   * ```
   */
  toInternalValue(data: unknown): string {
    const match = typeof data === 'string' ? TIME_PATTERN.exec(data) : null;
    const [hour, minute, second] = [1, 2, 3].map((index) => Number(match?.[index] ?? 0)) as [
      number,
      number,
      number,
    ];
    if (!match || !isClockTime(hour, minute, second)) {
      this.fail('invalid', { format: TimeField.inputFormat });
    }
    return formatIsoTime(hour, minute, second, microseconds(match[4]));
  }

  /**
   * Strings are returned unchanged (database `time` columns arrive as `HH:MM:SS`), a `Date`
   * gives its UTC time of day, empty values `null`.
   *
   * @example
   * ```ts
   * new TimeField().toRepresentation(new Date('2025-01-02T03:04:05.250Z')); // '03:04:05.250000'
   * ```
   */
  override toRepresentation(value: unknown): string | null {
    if (value === '' || value === null || value === undefined) return null;
    if (typeof value === 'string') return value;
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
      throw new TypeError(`TimeField cannot represent ${pyStr(value)}: it is not a time.`);
    }
    return formatIsoTime(
      value.getUTCHours(),
      value.getUTCMinutes(),
      value.getUTCSeconds(),
      value.getUTCMilliseconds() * 1000,
    );
  }

  protected override schema(): FieldOpenApiSchema {
    return { type: 'string', format: 'time' };
  }
}
