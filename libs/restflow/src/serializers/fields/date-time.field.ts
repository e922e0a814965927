import { SerializerField, type FieldOpenApiSchema, type FieldOptions } from './field';
import { isCalendarDate, isClockTime, isValidDate, microseconds, utcDate } from './temporal.util';
import { pyStr } from './python-format.util';

// Django's `datetime_re` (1- or 2-digit fields, `T` or space, fraction truncated to 6 digits,
// offset `Z`, `±HH`, `±HHMM` or `±HH:MM`), plus the bare date that `datetime.fromisoformat()`
// (tried first by Django's `parse_datetime`) reads as midnight.
const DATETIME_PATTERN =
  /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6})\d{0,6})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const DATE_ONLY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The offset in minutes east of UTC, or `undefined` when Python's `timezone` refuses it. */
function offsetMinutes(offset: string | undefined): number | undefined {
  if (offset === undefined || offset === 'Z') return 0;
  const hours = Number(offset.slice(1, 3));
  const minutes = offset.length > 3 ? Number(offset.slice(-2)) : 0;
  const total = hours * 60 + minutes;
  if (total >= 24 * 60) return undefined;
  return offset.startsWith('-') ? -total : total;
}

/**
 * Parses the ISO 8601 forms DRF accepts into a `Date`; a missing offset means UTC.
 *
 * @example
 * ```ts
 * parseDateTime('2025-01-02 03:04+01:00')?.toISOString(); // '2025-01-02T02:04:00.000Z'
 * ```
 * @internal
 */
export function parseDateTime(text: string): Date | undefined {
  const dateOnly = DATE_ONLY_PATTERN.exec(text);
  const match = dateOnly ?? DATETIME_PATTERN.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((index) =>
    Number(match[index] ?? 0),
  ) as [number, number, number, number, number, number];
  const offset = offsetMinutes(match[8]);
  if (!isCalendarDate(year, month, day) || !isClockTime(hour, minute, second)) return undefined;
  if (offset === undefined) return undefined;
  // A Date holds milliseconds; the last three digits of the microseconds are dropped.
  const millisecond = Math.floor(microseconds(match[7]) / 1000);
  const local = utcDate(year, month, day, hour, minute, second, millisecond);
  return new Date(local.getTime() - offset * 60_000);
}

/**
 * A date and time (DRF's `DateTimeField` with its default ISO 8601 format). Accepts valid
 * `Date` objects and ISO 8601 strings: `YYYY-MM-DDThh:mm[:ss[.uuuuuu]]` with an optional
 * `Z`/`±HH:MM` offset (`T` or a space between date and time). A string without offset is read
 * as UTC; a bare `YYYY-MM-DD` is midnight UTC, as DRF reads it through Python's
 * `datetime.fromisoformat()`. The internal value is a `Date` (millisecond precision); the
 * representation is `toISOString()`.
 *
 * Message: `invalid` "Datetime has wrong format. Use one of these formats instead:
 * YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].".
 *
 * @example
 * ```ts
 * const at = await new DateTimeField().runValidation('2025-01-02T03:04:05+01:00');
 * new DateTimeField().toRepresentation(at as Date); // '2025-01-02T02:04:05.000Z'
 * ```
 * @publicApi
 */
export class DateTimeField extends SerializerField<Date, string | null> {
  static override readonly defaultErrorMessages: Readonly<Record<string, string>> = {
    invalid: 'Datetime has wrong format. Use one of these formats instead: {format}.',
    date: 'Expected a datetime but got a date.',
    make_aware: 'Invalid datetime for the timezone "{timezone}".',
    overflow: 'Datetime value out of range.',
  };

  /** DRF's humanised ISO 8601 input format, shown in the `invalid` message. */
  static readonly inputFormat = 'YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]';

  constructor(options: FieldOptions<Date> = {}) {
    super(options);
  }

  /**
   * Parses the string (or checks the `Date`).
   *
   * @example
   * ```ts
   * new DateTimeField().toInternalValue('2025-01-02T03:04Z'); // Date 2025-01-02T03:04:00.000Z
   * ```
   */
  toInternalValue(data: unknown): Date {
    if (isValidDate(data)) return data;
    const parsed = typeof data === 'string' ? parseDateTime(data) : undefined;
    if (parsed === undefined) this.fail('invalid', { format: DateTimeField.inputFormat });
    return parsed;
  }

  /**
   * `toISOString()` of a `Date`; strings are returned unchanged and empty values as `null`,
   * as in DRF. Override to choose another format.
   *
   * @example
   * ```ts
   * new DateTimeField().toRepresentation(new Date(0)); // '1970-01-01T00:00:00.000Z'
   * ```
   */
  override toRepresentation(value: unknown): string | null {
    if (value === '' || value === null || value === undefined) return null;
    if (typeof value === 'string') return value;
    if (!isValidDate(value)) {
      throw new TypeError(
        `DateTimeField cannot represent ${pyStr(value)}: it is not a valid Date.`,
      );
    }
    return value.toISOString();
  }

  protected override schema(): FieldOpenApiSchema {
    return { type: 'string', format: 'date-time' };
  }
}
