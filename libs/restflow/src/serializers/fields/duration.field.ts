import {
  durationString,
  MAX_TIMEDELTA_DAYS,
  parseDuration,
  timedeltaString,
} from './duration.util';
import { SerializerField, type FieldOpenApiSchema, type FieldOptions } from './field';
import { pyStr } from './python-format.util';

/**
 * Options of {@link DurationField}; bounds are in seconds.
 *
 * @example
 * ```ts
 * const options: DurationFieldOptions = { minValue: 0, maxValue: 86_400 };
 * ```
 * @publicApi
 */
export interface DurationFieldOptions extends FieldOptions<number> {
  /** Longest duration allowed, in seconds. */
  maxValue?: number;
  /** Shortest duration allowed, in seconds. */
  minValue?: number;
}

/**
 * A duration (DRF's `DurationField`). Accepts Django's `[DD] [HH:[MM:]]ss[.uuuuuu]` strings
 * (`"1 02:03:04"`, `"3 days, 10:00:00"`, `"-00:05"`), ISO 8601 durations without years or
 * months (`"P1DT2H"`, `"PT0.5S"`), PostgreSQL intervals (`"3 days 04:05:06"`) and numbers of
 * seconds. Like Django it reads `""` as zero. The internal value is seconds (a number, exact to
 * the microsecond for spans up to about 285 years); the representation is Django's
 * `duration_string` (`"1 02:03:04"`, `"00:00:05.500000"`, `"-1 23:59:55"` for -5 s).
 *
 * Messages: `invalid` "Duration has wrong format. Use one of these formats instead:
 * [DD] [HH:[MM:]]ss[.uuuuuu].", `overflow` "The number of days must be between -999999999 and
 * 999999999.", `max_value` / `min_value` with the bound written like Python's `timedelta`
 * ("1 day, 0:00:00").
 *
 * @example
 * ```ts
 * await new DurationField().runValidation('1 02:03:04'); // 93784
 * new DurationField().toRepresentation(5.5); // '00:00:05.500000'
 * ```
 * @publicApi
 */
export class DurationField extends SerializerField<number, string> {
  static override readonly defaultErrorMessages: Readonly<Record<string, string>> = {
    invalid: 'Duration has wrong format. Use one of these formats instead: {format}.',
    max_value: 'Ensure this value is less than or equal to {max_value}.',
    min_value: 'Ensure this value is greater than or equal to {min_value}.',
    overflow: 'The number of days must be between {min_days} and {max_days}.',
  };

  /** DRF's humanised input format, shown in the `invalid` message. */
  static readonly inputFormat = '[DD] [HH:[MM:]]ss[.uuuuuu]';

  readonly maxValue: number | undefined;
  readonly minValue: number | undefined;

  constructor(options: DurationFieldOptions = {}) {
    super(options);
    this.maxValue = options.maxValue;
    this.minValue = options.minValue;
    this.addNumericBounds(this.minValue, this.maxValue, (bound) =>
      timedeltaString(bound * 1_000_000),
    );
  }

  /**
   * DRF's `parse_duration(str(data))`, in seconds.
   *
   * @example
   * ```ts
   * new DurationField().toInternalValue('PT1H30M'); // 5400
   * ```
   */
  toInternalValue(data: unknown): number {
    const parsed =
      typeof data === 'string' || typeof data === 'number' ? parseDuration(pyStr(data)) : undefined;
    if (parsed === 'overflow') {
      this.fail('overflow', { min_days: -MAX_TIMEDELTA_DAYS, max_days: MAX_TIMEDELTA_DAYS });
    }
    if (parsed === undefined) this.fail('invalid', { format: DurationField.inputFormat });
    return parsed / 1_000_000;
  }

  /**
   * Django's `duration_string` of a number of seconds (or of a duration string, parsed first).
   *
   * @example
   * ```ts
   * new DurationField().toRepresentation(93_784); // '1 02:03:04'
   * ```
   */
  override toRepresentation(value: unknown): string {
    const micro = typeof value === 'number' ? value * 1_000_000 : parseDuration(pyStr(value));
    if (typeof micro !== 'number' || !Number.isFinite(micro)) {
      throw new TypeError(`DurationField cannot represent ${pyStr(value)}: it is not a duration.`);
    }
    return durationString(micro);
  }

  protected override schema(): FieldOpenApiSchema {
    return { type: 'string', format: 'duration' };
  }
}
