import { DecimalField, FloatField, IntegerField, type DecimalFieldOptions } from '.';
import { ok, fails, table } from './field-cases.spec-helper';

const INVALID_INTEGER = fails('A valid integer is required.');
const INVALID_NUMBER = fails('A valid number is required.');
const TOO_LARGE = fails('String value too large.');

describe('IntegerField', () => {
  const int = (): IntegerField => new IntegerField();
  table([
    ['accepts an integer', int, 5, ok(5)],
    ['accepts a negative integer', int, -12, ok(-12)],
    ['accepts an integer string', int, '5', ok(5)],
    ['trims the string', int, ' 7 ', ok(7)],
    ['accepts a zero fraction', int, '1.0', ok(1)],
    ['accepts a bare point', int, '1.', ok(1)],
    ['accepts a zero fraction with trailing spaces', int, '1.000  ', ok(1)],
    ['accepts a float without fraction', int, 2.0, ok(2)],
    ['accepts a plus sign', int, '+4', ok(4)],
    ['accepts underscores between digits, like Python', int, '1_000', ok(1000)],
    ['normalises minus zero', int, '-0', ok(0)],
    ['refuses a fraction in a string', int, '1.5', INVALID_INTEGER],
    ['refuses a fraction in a number', int, 1.5, INVALID_INTEGER],
    ['refuses letters', int, 'abc', INVALID_INTEGER],
    ['refuses an empty string', int, '', INVALID_INTEGER],
    ['refuses exponent notation', int, '1e3', INVALID_INTEGER],
    ['refuses hex', int, '0x10', INVALID_INTEGER],
    ['refuses a fraction without digits', int, '.0', INVALID_INTEGER],
    ['refuses doubled underscores', int, '1__0', INVALID_INTEGER],
    ['refuses true', int, true, INVALID_INTEGER],
    ['refuses false', int, false, INVALID_INTEGER],
    ['refuses a list', int, [1], INVALID_INTEGER],
    ['refuses an object', int, {}, INVALID_INTEGER],
    ['refuses NaN', int, NaN, INVALID_INTEGER],
    ['refuses Infinity', int, Infinity, INVALID_INTEGER],
    ['refuses strings over 1000 characters', int, '1'.repeat(1001), TOO_LARGE],
    ['accepts 1000 characters', int, '0'.repeat(999) + '7', ok(7)],
    ['refuses an integer past the largest number', int, '9'.repeat(400), INVALID_INTEGER],
    [
      'enforces maxValue',
      () => new IntegerField({ maxValue: 10 }),
      11,
      fails('Ensure this value is less than or equal to 10.'),
    ],
    ['allows maxValue itself', () => new IntegerField({ maxValue: 10 }), '10', ok(10)],
    [
      'enforces minValue',
      () => new IntegerField({ minValue: 1 }),
      '0',
      fails('Ensure this value is greater than or equal to 1.'),
    ],
    [
      'prints negative bounds',
      () => new IntegerField({ minValue: -5 }),
      -6,
      fails('Ensure this value is greater than or equal to -5.'),
    ],
  ]);

  it.each([
    [42, 42],
    ['42', 42],
    [4.7, 4],
    [-4.7, -4],
  ])('represents %p as %p', (value, expected) => {
    expect(new IntegerField().toRepresentation(value)).toBe(expected);
  });
});

describe('FloatField', () => {
  const float = (): FloatField => new FloatField();
  table([
    ['accepts a float', float, 1.5, ok(1.5)],
    ['accepts an integer', float, 3, ok(3)],
    ['accepts a numeric string', float, '1.5', ok(1.5)],
    ['trims the string', float, ' 2.5 ', ok(2.5)],
    ['accepts exponent notation', float, '1e3', ok(1000)],
    ['accepts a leading point', float, '-.5', ok(-0.5)],
    ['accepts a trailing point', float, '5.', ok(5)],
    ['accepts underscores', float, '1_000.5', ok(1000.5)],
    ['refuses booleans', float, true, INVALID_NUMBER],
    ['refuses letters', float, 'abc', INVALID_NUMBER],
    ['refuses an empty string', float, '', INVALID_NUMBER],
    ['refuses a lone point', float, '.', INVALID_NUMBER],
    ['refuses hex', float, '0x10', INVALID_NUMBER],
    ['refuses "nan"', float, 'nan', INVALID_NUMBER],
    ['refuses "inf"', float, 'inf', INVALID_NUMBER],
    ['refuses an overflowing string', float, '1e400', INVALID_NUMBER],
    ['refuses NaN', float, NaN, INVALID_NUMBER],
    ['refuses -Infinity', float, -Infinity, INVALID_NUMBER],
    ['refuses a list', float, [1.5], INVALID_NUMBER],
    ['refuses strings over 1000 characters', float, '1'.repeat(1001), TOO_LARGE],
    [
      'enforces maxValue',
      () => new FloatField({ maxValue: 1.5 }),
      2,
      fails('Ensure this value is less than or equal to 1.5.'),
    ],
    [
      'enforces minValue',
      () => new FloatField({ minValue: 0 }),
      '-0.1',
      fails('Ensure this value is greater than or equal to 0.'),
    ],
  ]);

  it.each([
    [1.25, 1.25],
    ['1.25', 1.25],
    [' 3 ', 3],
  ])('represents %p as %p', (value, expected) => {
    expect(new FloatField().toRepresentation(value)).toBe(expected);
  });
});

describe('DecimalField', () => {
  const price =
    (options: DecimalFieldOptions = {}) =>
    () =>
      new DecimalField({ maxDigits: 5, decimalPlaces: 2, ...options });
  table([
    ['pads a string to the decimal places', price(), '12.5', ok('12.50')],
    ['pads a number', price(), 12.5, ok('12.50')],
    ['pads an integer', price(), 7, ok('7.00')],
    ['keeps a negative sign', price(), '-0.5', ok('-0.50')],
    ['keeps negative zero, like Python', price(), '-0', ok('-0.00')],
    ['expands an exponent', price(), '1e2', ok('100.00')],
    ['trims whitespace', price(), ' 3 ', ok('3.00')],
    ['drops leading zeros', price(), '0012.50', ok('12.50')],
    ['accepts the largest value', price(), '999.99', ok('999.99')],
    [
      'accepts underscores',
      () => new DecimalField({ maxDigits: 10, decimalPlaces: 2 }),
      '1_000',
      ok('1000.00'),
    ],
    ['accepts a leading point', price(), '.5', ok('0.50')],
    ['accepts zero with places', price(), '0.00', ok('0.00')],
    [
      'counts the zero of 0 as a whole digit, like DRF',
      () => new DecimalField({ maxDigits: 2, decimalPlaces: 2 }),
      '0',
      fails('Ensure that there are no more than 0 digits before the decimal point.'),
    ],
    [
      'pads zero to every place',
      () => new DecimalField({ maxDigits: 3, decimalPlaces: 2 }),
      '0',
      ok('0.00'),
    ],
    [
      'refuses a huge exponent without building it',
      () => new DecimalField({ maxDigits: null, decimalPlaces: 2 }),
      '1e999999999',
      INVALID_NUMBER,
    ],
    [
      'refuses a huge exponent without decimalPlaces',
      () => new DecimalField({ maxDigits: null, decimalPlaces: null }),
      '1e-999999999',
      INVALID_NUMBER,
    ],
    [
      'reads a number printed with an exponent',
      () => new DecimalField({ decimalPlaces: 8 }),
      1e-7,
      ok('0.00000010'),
    ],
    [
      'counts whole digits',
      price(),
      '1000',
      fails('Ensure that there are no more than 3 digits before the decimal point.'),
    ],
    [
      'counts total digits first',
      price(),
      '123456',
      fails('Ensure that there are no more than 5 digits in total.'),
    ],
    [
      'counts exponent digits',
      price(),
      '1e5',
      fails('Ensure that there are no more than 5 digits in total.'),
    ],
    [
      'counts decimal places',
      price(),
      '1.234',
      fails('Ensure that there are no more than 2 decimal places.'),
    ],
    [
      'counts leading fraction zeros as places',
      price(),
      '0.001',
      fails('Ensure that there are no more than 2 decimal places.'),
    ],
    [
      'counts trailing zeros as places',
      price(),
      '1.500',
      fails('Ensure that there are no more than 2 decimal places.'),
    ],
    [
      'counts 0.001234 as six digits',
      () => new DecimalField({ maxDigits: 5, decimalPlaces: null }),
      '0.001234',
      fails('Ensure that there are no more than 5 digits in total.'),
    ],
    [
      'refuses places with decimalPlaces 0',
      () => new DecimalField({ maxDigits: 3, decimalPlaces: 0 }),
      '1.5',
      fails('Ensure that there are no more than 0 decimal places.'),
    ],
    [
      'accepts integers with decimalPlaces 0',
      () => new DecimalField({ maxDigits: 3, decimalPlaces: 0 }),
      '12',
      ok('12'),
    ],
    [
      'limits total digits alone',
      () => new DecimalField({ maxDigits: 3, decimalPlaces: null }),
      '1234',
      fails('Ensure that there are no more than 3 digits in total.'),
    ],
    [
      'keeps the written places with decimalPlaces null',
      () => new DecimalField({ decimalPlaces: null }),
      '1.10',
      ok('1.10'),
    ],
    [
      'writes exponents out with decimalPlaces null',
      () => new DecimalField({ decimalPlaces: null }),
      '1e2',
      ok('100'),
    ],
    [
      'pads a bare field to 6 places (restflow defaults)',
      () => new DecimalField(),
      '10.5',
      ok('10.500000'),
    ],
    [
      'refuses a 7th place on a bare field',
      () => new DecimalField(),
      '1.1234567',
      fails('Ensure that there are no more than 6 decimal places.'),
    ],
    [
      'refuses a 15th whole digit on a bare field (20 digits, 6 places)',
      () => new DecimalField(),
      '123456789012345',
      fails('Ensure that there are no more than 14 digits before the decimal point.'),
    ],
    [
      'keeps the default places beside a given maxDigits',
      () => new DecimalField({ maxDigits: 8 }),
      '3',
      ok('3.000000'),
    ],
    [
      'keeps the default digits beside given decimalPlaces',
      () => new DecimalField({ decimalPlaces: 2 }),
      '123456789012345678.5',
      ok('123456789012345678.50'),
    ],
    [
      'limits whole digits by the default maxDigits beside given decimalPlaces',
      () => new DecimalField({ decimalPlaces: 2 }),
      '1234567890123456789',
      fails('Ensure that there are no more than 18 digits before the decimal point.'),
    ],
    ['refuses letters', price(), 'abc', INVALID_NUMBER],
    ['refuses an empty string', price(), '', INVALID_NUMBER],
    ['refuses whitespace only', price(), '   ', INVALID_NUMBER],
    ['refuses NaN', price(), 'NaN', INVALID_NUMBER],
    ['refuses Infinity', price(), 'Infinity', INVALID_NUMBER],
    ['refuses a NaN number', price(), NaN, INVALID_NUMBER],
    ['refuses booleans', price(), true, INVALID_NUMBER],
    ['refuses lists', price(), ['1'], INVALID_NUMBER],
    ['refuses a comma separator', price(), '1,5', INVALID_NUMBER],
    ['refuses strings over 1000 characters', () => new DecimalField(), '1'.repeat(1001), TOO_LARGE],
    [
      'refuses a value past the default precision instead of failing like Python',
      () => new DecimalField({ maxDigits: null, decimalPlaces: 2 }),
      '1e30',
      INVALID_NUMBER,
    ],
    [
      'enforces maxValue',
      price({ maxValue: '100' }),
      '100.01',
      fails('Ensure this value is less than or equal to 100.'),
    ],
    ['allows an equal value written differently', price({ maxValue: 100 }), '100.00', ok('100.00')],
    [
      'enforces minValue',
      price({ minValue: 0 }),
      '-1',
      fails('Ensure this value is greater than or equal to 0.'),
    ],
    [
      'compares decimals exactly',
      price({ minValue: '0.1' }),
      '0.09',
      fails('Ensure this value is greater than or equal to 0.1.'),
    ],
    ['treats negative zero as zero', price({ minValue: 0 }), '-0', ok('-0.00')],
  ]);

  it.each([
    ['pads a string', {}, '10.5', '10.50'],
    ['pads a number', {}, 3, '3.00'],
    ['pads a float', {}, 0.1, '0.10'],
    ['rounds half to even (up)', {}, '2.675', '2.68'],
    ['rounds half to even (down)', {}, '2.665', '2.66'],
    ['rounds half up when asked', { rounding: 'ROUND_HALF_UP' }, '2.665', '2.67'],
    ['rounds down when asked', { rounding: 'ROUND_DOWN' }, '-2.669', '-2.66'],
    ['rounds toward +∞ when asked', { rounding: 'ROUND_CEILING' }, '2.661', '2.67'],
    ['normalises when asked', { normalizeOutput: true }, '10.50', '10.5'],
    ['normalises whole numbers', { normalizeOutput: true }, '10', '10'],
    ['returns a number without coerceToString', { coerceToString: false }, '10.5', 10.5],
    ['writes exponents out with decimalPlaces null', { decimalPlaces: null }, '1e2', '100'],
  ] as [string, DecimalFieldOptions, unknown, unknown][])(
    'represents: %s',
    (_title, options, value, expected) => {
      const field = new DecimalField({ maxDigits: 5, decimalPlaces: 2, ...options });
      expect(field.toRepresentation(value)).toBe(expected);
    },
  );

  it('represents a bare field with 6 places', () => {
    expect(new DecimalField().toRepresentation('10.5')).toBe('10.500000');
  });

  it.each([
    [
      { maxDigits: 5 },
      'DecimalField maxDigits (5) is smaller than decimalPlaces (6, the default).',
    ],
    [
      { maxDigits: 2, decimalPlaces: 3 },
      'DecimalField maxDigits (2) is smaller than decimalPlaces (3).',
    ],
    [
      { maxDigits: 0 },
      'DecimalField option "maxDigits" must be a whole number of at least 1 or null, got 0.',
    ],
    [
      { decimalPlaces: 1.5 },
      'DecimalField option "decimalPlaces" must be a whole number of at least 0 or null, got 1.5.',
    ],
  ] as [DecimalFieldOptions, string][])(
    'refuses the options %j at construction',
    (options, message) => {
      expect(() => new DecimalField(options)).toThrow(message);
    },
  );

  it('refuses to represent a value too large to write out', () => {
    expect(() => new DecimalField().toRepresentation('1e999999999')).toThrow(
      'DecimalField cannot represent 1E999999999: it is too large.',
    );
  });

  it('refuses to represent a non-number', () => {
    expect(() => new DecimalField().toRepresentation('abc')).toThrow(
      'DecimalField cannot represent abc: it is not a number.',
    );
  });
});
