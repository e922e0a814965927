import { SerializerField, type FieldOpenApiSchema, type FieldOptions } from './field';
import { formatIsoDate, isCalendarDate } from './temporal.util';
import { pyStr } from './python-format.util';

// Django's `date_re`; `date.fromisoformat()` (tried first) accepts no more for this shape.
const DATE_PATTERN = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/**
 * A calendar date (DRF's `DateField`). Accepts `YYYY-MM-DD` strings of real dates (one-digit
 * month and day allowed, as in Django); the internal value and the representation are
 * `YYYY-MM-DD` strings. A `Date` object is a datetime, so it is refused like a Python
 * `datetime`; a datetime string gets the wrong-format message, as in DRF.
 *
 * Messages: `invalid` "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.",
 * `datetime` "Expected a date but got a datetime.".
 *
 * @example
 * ```ts
 * await new DateField().runValidation('2025-1-2'); // '2025-01-02'
 * await new DateField().runValidation('2025-02-30'); // throws ['Date has wrong format. ...']
 * new DateField().toRepresentation(new Date('2025-01-02T23:00:00Z')); // '2025-01-02'
 * ```
 * @publicApi
 */
export class DateField extends SerializerField<string, string | null> {
  static override readonly defaultErrorMessages: Readonly<Record<string, string>> = {
    invalid: 'Date has wrong format. Use one of these formats instead: {format}.',
    datetime: 'Expected a date but got a datetime.',
  };

  /** DRF's humanised ISO 8601 input format, shown in the `invalid` message. */
  static readonly inputFormat = 'YYYY-MM-DD';

  constructor(options: FieldOptions<string> = {}) {
    super(options);
  }

  /**
   * Checks and normalises the date.
   *
   * @example
   * ```ts
   * new DateField().toInternalValue('2024-02-29'); // '2024-02-29'
   * ```
   */
  toInternalValue(data: unknown): string {
    if (data instanceof Date) this.fail('datetime');
    const match = typeof data === 'string' ? DATE_PATTERN.exec(data) : null;
    const [year, month, day] = [1, 2, 3].map((index) => Number(match?.[index])) as [
      number,
      number,
      number,
    ];
    if (!match || !isCalendarDate(year, month, day)) {
      this.fail('invalid', { format: DateField.inputFormat });
    }
    return formatIsoDate(year, month, day);
  }

  /**
   * Strings are returned unchanged (database `date` columns arrive as `YYYY-MM-DD`), a `Date`
   * gives its UTC calendar date, empty values `null`.
   *
   * @example
   * ```ts
   * new DateField().toRepresentation('2025-01-02'); // '2025-01-02'
   * ```
   */
  override toRepresentation(value: unknown): string | null {
    if (value === '' || value === null || value === undefined) return null;
    if (typeof value === 'string') return value;
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
      throw new TypeError(`DateField cannot represent ${pyStr(value)}: it is not a date.`);
    }
    return formatIsoDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }

  protected override schema(): FieldOpenApiSchema {
    return { type: 'string', format: 'date' };
  }
}
