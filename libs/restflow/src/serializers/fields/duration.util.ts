/**
 * Django's `parse_duration` / `duration_string` and Python's `str(timedelta)`, on integer
 * microseconds.
 *
 * @internal
 */

/** Microseconds in a day. */
const DAY = 86_400_000_000;
/**
 * `timedelta.max.days`; `timedelta.min.days` is its negation.
 *
 * @example
 * ```ts
 * parseDuration(`${MAX_TIMEDELTA_DAYS + 1} days, 0:00:00`); // 'overflow'
 * ```
 * @internal
 */
export const MAX_TIMEDELTA_DAYS = 999_999_999;

// Django's three accepted spellings: its own "[DD] [[HH:]MM:]ss[.uuuuuu]", ISO 8601 days and
// time (no years, months or weeks, which a timedelta cannot hold) and PostgreSQL's day-time
// interval output ("3 days 04:05:06").
const STANDARD =
  /^(?:(?<days>-?\d+) (?:days?, )?)?(?<sign>-?)(?:(?<hours>\d+):(?=\d+:\d+))?(?:(?<minutes>\d+):)?(?<seconds>\d+)(?:[.,](?<microseconds>\d{1,6})\d{0,6})?$/;
const ISO_8601 =
  /^(?<sign>[-+]?)P(?:(?<days>\d+(?:[.,]\d+)?)D)?(?:T(?:(?<hours>\d+(?:[.,]\d+)?)H)?(?:(?<minutes>\d+(?:[.,]\d+)?)M)?(?:(?<seconds>\d+(?:[.,]\d+)?)S)?)?$/;
const POSTGRES =
  /^(?:(?<days>-?\d+) (?:days? ?))?(?:(?<sign>[-+])?(?<hours>\d+):(?<minutes>\d\d):(?<seconds>\d\d)(?:\.(?<microseconds>\d{1,6}))?)?$/;

/** Python's round(): half to even, as `timedelta` rounds microseconds. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Django's `parse_duration`: microseconds, `undefined` when the text matches no format, or
 * `'overflow'` when the days fall outside `timedelta`'s range. Note that Django accepts `''`
 * (a zero duration), through the all-optional PostgreSQL pattern.
 *
 * @example
 * ```ts
 * parseDuration('1 02:03:04'); // 93_784_000_000
 * parseDuration('PT1.5S'); // 1_500_000
 * ```
 * @internal
 */
export function parseDuration(text: string): number | 'overflow' | undefined {
  const iso = ISO_8601.exec(text);
  const match = STANDARD.exec(text) ?? iso ?? POSTGRES.exec(text);
  if (!match) return undefined;
  const groups = match.groups ?? {};
  const number = (name: string): number => Number((groups[name] ?? '0').replace(',', '.'));
  const sign = groups.sign === '-' ? -1 : 1;
  const fraction = groups.microseconds;
  const rest =
    number('hours') * 3_600_000_000 +
    number('minutes') * 60_000_000 +
    number('seconds') * 1_000_000 +
    (fraction ? Number(fraction.padEnd(6, '0')) : 0);
  // In the ISO form the sign covers the days as well.
  const days = number('days') * DAY * (match === iso ? sign : 1);
  const total = roundHalfEven(days + sign * rest);
  if (!Number.isFinite(total) || Math.abs(Math.floor(total / DAY)) > MAX_TIMEDELTA_DAYS) {
    return 'overflow';
  }
  return total + 0;
}

function components(micro: number): [number, number, number, number, number] {
  // timedelta keeps days signed and the rest positive: -5 s is "-1 day, 23:59:55".
  const days = Math.floor(micro / DAY);
  let rest = micro - days * DAY;
  const microseconds = rest % 1_000_000;
  rest = (rest - microseconds) / 1_000_000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  return [days, hours, minutes, seconds, microseconds];
}

/**
 * Django's `duration_string`, DRF's representation of a duration.
 *
 * @example
 * ```ts
 * durationString(93_784_000_000); // '1 02:03:04'
 * durationString(-5_000_000); // '-1 23:59:55'
 * ```
 * @internal
 */
export function durationString(micro: number): string {
  const [days, hours, minutes, seconds, microseconds] = components(Math.round(micro));
  const p2 = (value: number): string => String(value).padStart(2, '0');
  let text = `${p2(hours)}:${p2(minutes)}:${p2(seconds)}`;
  if (days) text = `${days} ${text}`;
  if (microseconds) text += `.${String(microseconds).padStart(6, '0')}`;
  return text;
}

/**
 * Python's `str(timedelta)`, used in the min/max value messages.
 *
 * @example
 * ```ts
 * timedeltaString(86_400_000_000); // '1 day, 0:00:00'
 * ```
 * @internal
 */
export function timedeltaString(micro: number): string {
  const [days, hours, minutes, seconds, microseconds] = components(Math.round(micro));
  const p2 = (value: number): string => String(value).padStart(2, '0');
  let text = `${hours}:${p2(minutes)}:${p2(seconds)}`;
  if (days) text = `${days} day${Math.abs(days) === 1 ? '' : 's'}, ${text}`;
  if (microseconds) text += `.${String(microseconds).padStart(6, '0')}`;
  return text;
}
