/**
 * Calendar and clock helpers shared by the date and time fields: the checks Python's
 * `datetime` constructors make, and ISO 8601 formatting in UTC.
 *
 * @internal
 */

/**
 * Whether `year-month-day` exists in the proleptic Gregorian calendar of Python's `date`
 * (years 1 to 9999).
 *
 * @example
 * ```ts
 * isCalendarDate(2024, 2, 29); // true
 * isCalendarDate(2025, 2, 29); // false
 * ```
 * @internal
 */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (lengths[month - 1] ?? 0);
}

/**
 * Whether the clock reading is one Python's `time` accepts (no leap second).
 *
 * @example
 * ```ts
 * isClockTime(23, 59, 59); // true
 * isClockTime(24, 0, 0); // false
 * ```
 * @internal
 */
export function isClockTime(hour: number, minute: number, second: number): boolean {
  return hour <= 23 && minute <= 59 && second <= 59;
}

/**
 * Zero-pads a non-negative integer.
 *
 * @example
 * ```ts
 * pad(7, 2); // '07'
 * ```
 * @internal
 */
export function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * Python's `date.isoformat()`.
 *
 * @example
 * ```ts
 * formatIsoDate(2025, 1, 2); // '2025-01-02'
 * ```
 * @internal
 */
export function formatIsoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * Python's `time.isoformat()`: microseconds only when not zero.
 *
 * @example
 * ```ts
 * formatIsoTime(3, 4, 5, 120000); // '03:04:05.120000'
 * ```
 * @internal
 */
export function formatIsoTime(hour: number, minute: number, second: number, micro: number): string {
  const base = `${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}`;
  return micro ? `${base}.${pad(micro, 6)}` : base;
}

/**
 * Microseconds from the digits after the point, as Django reads them (`'5'` → 500000).
 *
 * @example
 * ```ts
 * microseconds('12'); // 120000
 * ```
 * @internal
 */
export function microseconds(fraction: string | undefined): number {
  return fraction ? Number(fraction.padEnd(6, '0')) : 0;
}

/**
 * A `Date` for a UTC wall-clock reading, valid for years below 100 too (which `Date.UTC`
 * would move to the 1900s).
 *
 * @example
 * ```ts
 * utcDate(2025, 1, 2, 3, 4, 5, 0).toISOString(); // '2025-01-02T03:04:05.000Z'
 * ```
 * @internal
 */
export function utcDate(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date;
}

/**
 * Whether `value` is a `Date` holding a real instant.
 *
 * @example
 * ```ts
 * isValidDate(new Date('nope')); // false
 * ```
 * @internal
 */
export function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}
