import { DateField, DateTimeField, DurationField, TimeField } from '.';
import { ok, fails, table, type Outcome } from './field-cases.spec-helper';

const at = (iso: string): Outcome => ok(new Date(iso));

const BAD_DATETIME = fails(
  'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
);
const BAD_DATE = fails('Date has wrong format. Use one of these formats instead: YYYY-MM-DD.');
const BAD_TIME = fails(
  'Time has wrong format. Use one of these formats instead: hh:mm[:ss[.uuuuuu]].',
);
const BAD_DURATION = fails(
  'Duration has wrong format. Use one of these formats instead: [DD] [HH:[MM:]]ss[.uuuuuu].',
);

describe('DateTimeField', () => {
  const dt = (): DateTimeField => new DateTimeField();
  table([
    ['reads UTC', dt, '2025-01-02T03:04:05Z', at('2025-01-02T03:04:05.000Z')],
    [
      'applies a positive offset',
      dt,
      '2025-01-02T03:04:05.123456+01:00',
      at('2025-01-02T02:04:05.123Z'),
    ],
    [
      'applies a compact negative offset',
      dt,
      '2025-01-02T03:04:05-0530',
      at('2025-01-02T08:34:05.000Z'),
    ],
    ['applies an hours-only offset', dt, '2025-01-02T03:04:05+05', at('2025-01-01T22:04:05.000Z')],
    [
      'reads a space separator and no seconds',
      dt,
      '2025-01-02 03:04',
      at('2025-01-02T03:04:00.000Z'),
    ],
    ['reads one-digit fields, like Django', dt, '2025-1-2T3:4', at('2025-01-02T03:04:00.000Z')],
    ['reads a comma fraction', dt, '2025-01-02T03:04:05,5', at('2025-01-02T03:04:05.500Z')],
    ['reads a naive time as UTC', dt, '2025-06-30T23:59:59', at('2025-06-30T23:59:59.000Z')],
    [
      'reads a bare date as midnight UTC, like Python fromisoformat',
      dt,
      '2025-01-02',
      at('2025-01-02T00:00:00.000Z'),
    ],
    ['reads year 1', dt, '0001-01-01T00:00', at('0001-01-01T00:00:00.000Z')],
    ['accepts a Date', dt, new Date('2025-01-02T03:04:05Z'), at('2025-01-02T03:04:05.000Z')],
    ['refuses an impossible day', dt, '2025-02-30T00:00', BAD_DATETIME],
    ['refuses hour 24', dt, '2025-01-02T24:00', BAD_DATETIME],
    ['refuses a leap second', dt, '2025-01-02T03:04:60', BAD_DATETIME],
    ['refuses a 24-hour offset', dt, '2025-01-02T03:04:05+24:00', BAD_DATETIME],
    ['refuses year 0', dt, '0000-01-01T00:00', BAD_DATETIME],
    ['refuses a one-digit bare date', dt, '2025-1-2', BAD_DATETIME],
    ['refuses prose', dt, 'yesterday', BAD_DATETIME],
    ['refuses a timestamp', dt, 1735787045000, BAD_DATETIME],
    ['refuses an invalid Date', dt, new Date('nope'), BAD_DATETIME],
  ]);

  it.each([
    ['a Date', new Date('2025-01-02T03:04:05Z'), '2025-01-02T03:04:05.000Z'],
    ['a string, unchanged', '2025-01-02T03:04:05+01:00', '2025-01-02T03:04:05+01:00'],
    ['an empty string as null', '', null],
  ])('represents %s', (_title, value, expected) => {
    expect(new DateTimeField().toRepresentation(value)).toBe(expected);
  });
});

describe('DateField', () => {
  const date = (): DateField => new DateField();
  table([
    ['accepts a date', date, '2025-01-02', ok('2025-01-02')],
    ['pads one-digit fields', date, '2025-1-2', ok('2025-01-02')],
    ['accepts a leap day', date, '2024-02-29', ok('2024-02-29')],
    ['refuses a missing leap day', date, '2025-02-29', BAD_DATE],
    ['refuses February 30', date, '2025-02-30', BAD_DATE],
    ['refuses month 13', date, '2025-13-01', BAD_DATE],
    [
      'refuses a datetime string with the format message, like DRF',
      date,
      '2025-01-02T03:04:05',
      BAD_DATE,
    ],
    [
      'refuses a Date as a datetime',
      date,
      new Date('2025-01-02T00:00:00Z'),
      fails('Expected a date but got a datetime.'),
    ],
    ['refuses a number', date, 20250102, BAD_DATE],
    ['refuses an empty string', date, '', BAD_DATE],
  ]);

  it.each([
    ['a string, unchanged', '2025-01-02', '2025-01-02'],
    ['a Date, by its UTC date', new Date('2025-01-02T23:30:00Z'), '2025-01-02'],
    ['an early Date', new Date('0099-12-31T00:00:00Z'), '0099-12-31'],
  ])('represents %s', (_title, value, expected) => {
    expect(new DateField().toRepresentation(value)).toBe(expected);
  });
});

describe('TimeField', () => {
  const time = (): TimeField => new TimeField();
  table([
    ['adds seconds', time, '03:04', ok('03:04:00')],
    ['pads one-digit fields', time, '3:4:5', ok('03:04:05')],
    ['writes microseconds', time, '10:00:00.5', ok('10:00:00.500000')],
    ['truncates beyond microseconds', time, '23:59:59,123456789', ok('23:59:59.123456')],
    ['drops a zero fraction', time, '10:00:00.000', ok('10:00:00')],
    ['ignores an offset, like Django', time, '12:00:00+02:00', ok('12:00:00')],
    ['refuses hour 24', time, '24:00', BAD_TIME],
    ['refuses minute 60', time, '12:60', BAD_TIME],
    ['refuses prose', time, 'noon', BAD_TIME],
    ['refuses a number', time, 1200, BAD_TIME],
    ['refuses a Date', time, new Date(0), BAD_TIME],
  ]);

  it.each([
    ['a string, unchanged', '03:04:05', '03:04:05'],
    ['a Date, by its UTC time', new Date('2025-01-02T03:04:05.250Z'), '03:04:05.250000'],
  ])('represents %s', (_title, value, expected) => {
    expect(new TimeField().toRepresentation(value)).toBe(expected);
  });
});

describe('DurationField', () => {
  const duration = (): DurationField => new DurationField();
  table([
    ['reads days and a clock', duration, '1 02:03:04', ok(93784)],
    ['reads Python timedelta text', duration, '3 days, 10:00:00', ok(295200)],
    ['reads hours, minutes and seconds', duration, '02:03:04', ok(7384)],
    ['reads minutes and seconds', duration, '03:04', ok(184)],
    ['reads seconds', duration, '5', ok(5)],
    ['reads fractional seconds', duration, '5.5', ok(5.5)],
    ['reads a number of seconds', duration, 90, ok(90)],
    ['reads a fractional number', duration, 0.25, ok(0.25)],
    ['reads a negative clock', duration, '-00:05', ok(-5)],
    ['reads negative days with a positive clock', duration, '-1 02:00:00', ok(-79200)],
    ['reads a negative number', duration, -5, ok(-5)],
    ['reads ISO 8601', duration, 'P1DT2H3M4S', ok(93784)],
    ['reads ISO 8601 fractions', duration, 'PT0.5S', ok(0.5)],
    ['reads ISO 8601 comma fractions', duration, 'PT1,5H', ok(5400)],
    ['reads fractional ISO days', duration, 'P1.5D', ok(129600)],
    ['applies an ISO sign to the days too', duration, '-P1DT1H', ok(-90000)],
    ['reads a PostgreSQL interval', duration, '3 days 04:05:06', ok(273906)],
    ['reads an empty string as zero, like Django', duration, '', ok(0)],
    ['refuses prose', duration, 'an hour', BAD_DURATION],
    ['refuses four clock fields', duration, '1:2:3:4', BAD_DURATION],
    ['refuses ISO years', duration, 'P1Y', BAD_DURATION],
    ['refuses booleans', duration, true, BAD_DURATION],
    [
      'refuses too many days',
      duration,
      '1000000000 days, 0:00:00',
      fails('The number of days must be between -999999999 and 999999999.'),
    ],
    [
      'writes maxValue like a timedelta',
      () => new DurationField({ maxValue: 3600 }),
      '02:00:00',
      fails('Ensure this value is less than or equal to 1:00:00.'),
    ],
    [
      'writes minValue like a timedelta',
      () => new DurationField({ minValue: 86400 }),
      '1',
      fails('Ensure this value is greater than or equal to 1 day, 0:00:00.'),
    ],
    [
      'writes plural days',
      () => new DurationField({ maxValue: 172800.5 }),
      'P3D',
      fails('Ensure this value is less than or equal to 2 days, 0:00:00.500000.'),
    ],
  ]);

  it.each([
    [93784, '1 02:03:04'],
    [5, '00:00:05'],
    [5.5, '00:00:05.500000'],
    [-5, '-1 23:59:55'],
    [172800, '2 00:00:00'],
    [0, '00:00:00'],
    [86400.000001, '1 00:00:00.000001'],
    ['PT90M', '01:30:00'],
  ])('represents %p as %p', (value, expected) => {
    expect(new DurationField().toRepresentation(value)).toBe(expected);
  });
});
