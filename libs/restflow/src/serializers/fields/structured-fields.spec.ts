import {
  BooleanField,
  CharField,
  ChoiceField,
  DateTimeField,
  DecimalField,
  IntegerField,
  JSONField,
  ListField,
  MultipleChoiceField,
  UUIDField,
  type SerializerField,
  type FieldErrorDetail,
} from '.';
import { ok, fails, table, type Outcome, type Case } from './field-cases.spec-helper';

const itemErrors = (errors: { [index: string]: FieldErrorDetail }): Outcome => ({ errors });

const NOT_A_LIST = (type: string): Outcome =>
  fails(`Expected a list of items but got type "${type}".`);

describe('BooleanField', () => {
  const TRUE_VALUES: unknown[] = [
    true,
    1,
    '1',
    'true',
    'True',
    'TRUE',
    't',
    'T',
    'yes',
    'Yes',
    'YES',
    'y',
    'Y',
    'on',
    'On',
    'ON',
  ];
  const FALSE_VALUES: unknown[] = [
    false,
    0,
    '0',
    'false',
    'False',
    'FALSE',
    'f',
    'F',
    'no',
    'No',
    'NO',
    'n',
    'N',
    'off',
    'Off',
    'OFF',
  ];
  const bool = (): BooleanField => new BooleanField();
  const nullable = (): BooleanField => new BooleanField({ allowNull: true });
  const invalid = fails('Must be a valid boolean.');

  table([
    ...TRUE_VALUES.map((input): Case => [
      `reads ${JSON.stringify(input)} as true`,
      bool,
      input,
      ok(true),
    ]),
    ...FALSE_VALUES.map((input): Case => [
      `reads ${JSON.stringify(input)} as false`,
      bool,
      input,
      ok(false),
    ]),
    ['refuses other words', bool, 'maybe', invalid],
    ['refuses other numbers', bool, 2, invalid],
    ['refuses padded words', bool, 'true ', invalid],
    ['refuses mixed case outside the list', bool, 'tRUE', invalid],
    ['refuses an empty string without allowNull', bool, '', invalid],
    ['refuses "null" without allowNull', bool, 'null', invalid],
    ['refuses a list', bool, [true], invalid],
    ['refuses null without allowNull', bool, null, fails('This field may not be null.')],
    ['reads "null" as null with allowNull', nullable, 'null', ok(null)],
    ['reads "NULL" as null with allowNull', nullable, 'NULL', ok(null)],
    ['reads an empty string as null with allowNull', nullable, '', ok(null)],
  ]);

  it.each([
    ['yes', false, true],
    ['off', false, false],
    [5, false, true],
    ['', false, false],
    [[], false, false],
    ['anything', false, true],
    ['null', true, null],
  ])('represents %p (allowNull %p) as %p', (value, allowNull, expected) => {
    expect(new BooleanField({ allowNull }).toRepresentation(value)).toBe(expected);
  });
});

describe('ChoiceField', () => {
  enum Size {
    Small = 's',
    Medium = 'm',
  }
  enum Level {
    Low = 1,
    High = 2,
  }
  const letters = (): ChoiceField => new ChoiceField({ choices: ['a', 'b'] });
  const numbers = (): ChoiceField => new ChoiceField({ choices: [1, 2] });

  table([
    ['accepts a choice', letters, 'a', ok('a')],
    ['refuses another value', letters, 'c', fails('"c" is not a valid choice.')],
    ['refuses blank input', letters, '', fails('"" is not a valid choice.')],
    [
      'accepts blank input with allowBlank',
      () => new ChoiceField({ choices: ['a'], allowBlank: true }),
      '',
      ok(''),
    ],
    ['matches a number given as a string', numbers, '1', ok(1)],
    ['accepts a number', numbers, 2, ok(2)],
    [
      'matches a string choice given as a number',
      () => new ChoiceField({ choices: ['1', '2'] }),
      1,
      ok('1'),
    ],
    ['prints booleans like Python', numbers, true, fails('"True" is not a valid choice.')],
    ['prints floats', numbers, 1.5, fails('"1.5" is not a valid choice.')],
    ['prints lists like Python', numbers, [1, 'a'], fails('"[1, \'a\']" is not a valid choice.')],
    [
      'prints dicts like Python',
      numbers,
      { a: null },
      fails('"{\'a\': None}" is not a valid choice.'),
    ],
    ['accepts a string enum value', () => new ChoiceField({ choices: Size }), 'm', ok('m')],
    [
      'refuses a string enum key',
      () => new ChoiceField({ choices: Size }),
      'Medium',
      fails('"Medium" is not a valid choice.'),
    ],
    ['accepts a numeric enum value', () => new ChoiceField({ choices: Level }), '2', ok(2)],
    [
      'ignores the reverse mapping of a numeric enum',
      () => new ChoiceField({ choices: Level }),
      'High',
      fails('"High" is not a valid choice.'),
    ],
    ['refuses null', letters, null, fails('This field may not be null.')],
  ]);

  it.each([
    ['1', 1],
    [2, 2],
    ['x', 'x'],
    ['', ''],
  ])('represents %p as %p', (value, expected) => {
    expect(new ChoiceField({ choices: [1, 2] }).toRepresentation(value)).toBe(expected);
  });

  it('lists its values', () => {
    expect(new ChoiceField({ choices: Level }).choices).toEqual([1, 2]);
  });
});

describe('MultipleChoiceField', () => {
  const tags = (): MultipleChoiceField => new MultipleChoiceField({ choices: ['a', 'b', 'c'] });
  table([
    ['accepts choices', tags, ['a', 'b'], ok(['a', 'b'])],
    ['drops duplicates, keeping the first order', tags, ['b', 'a', 'b'], ok(['b', 'a'])],
    ['accepts an empty list', tags, [], ok([])],
    [
      'refuses an empty list without allowEmpty',
      () => new MultipleChoiceField({ choices: ['a'], allowEmpty: false }),
      [],
      fails('This selection may not be empty.'),
    ],
    ['refuses the first bad item', tags, ['a', 'z', 'y'], fails('"z" is not a valid choice.')],
    [
      'matches numbers given as strings',
      () => new MultipleChoiceField({ choices: [1, 2] }),
      ['1', 2, 1],
      ok([1, 2]),
    ],
    [
      'accepts blank items with allowBlank',
      () => new MultipleChoiceField({ choices: ['a'], allowBlank: true }),
      ['', 'a'],
      ok(['', 'a']),
    ],
    ['refuses blank items otherwise', tags, [''], fails('"" is not a valid choice.')],
    ['accepts a Set', tags, new Set(['c']), ok(['c'])],
    ['refuses a string', tags, 'a', NOT_A_LIST('str')],
    ['refuses an object', tags, { a: 1 }, NOT_A_LIST('dict')],
    ['refuses an integer', tags, 5, NOT_A_LIST('int')],
    ['refuses a float', tags, 1.5, NOT_A_LIST('float')],
    ['refuses a boolean', tags, true, NOT_A_LIST('bool')],
  ]);

  it('represents the distinct matching choices', () => {
    const field = new MultipleChoiceField({ choices: [1, 2] });
    expect(field.toRepresentation(['2', 2, 'x'])).toEqual([2, 'x']);
  });
});

describe('ListField', () => {
  const ints = (): ListField => new ListField({ child: new IntegerField() });
  table([
    ['validates every item', ints, ['1', 2, ' 3 '], ok([1, 2, 3])],
    ['accepts an empty list', ints, [], ok([])],
    [
      'refuses an empty list without allowEmpty',
      () => new ListField({ child: new IntegerField(), allowEmpty: false }),
      [],
      fails('This list may not be empty.'),
    ],
    ['refuses a string', ints, 'abc', NOT_A_LIST('str')],
    ['refuses an object', ints, { 0: 1 }, NOT_A_LIST('dict')],
    ['refuses an integer', ints, 1, NOT_A_LIST('int')],
    ['refuses a float', ints, 1.5, NOT_A_LIST('float')],
    ['refuses a boolean', ints, false, NOT_A_LIST('bool')],
    ['refuses a Map', ints, new Map(), NOT_A_LIST('Map')],
    ['accepts a Set', ints, new Set(['4']), ok([4])],
    [
      'reports every bad item by index',
      ints,
      [1, 'x', 3, 'y'],
      itemErrors({ '1': ['A valid integer is required.'], '3': ['A valid integer is required.'] }),
    ],
    ['reports a null item', ints, [1, null], itemErrors({ '1': ['This field may not be null.'] })],
    [
      'accepts null items with a nullable child',
      () => new ListField({ child: new IntegerField({ allowNull: true }) }),
      [1, null],
      ok([1, null]),
    ],
    [
      'reports all of an item’s messages',
      () => new ListField({ child: new CharField({ maxLength: 1 }) }),
      ['ok', 'x\0'],
      itemErrors({
        '0': ['Ensure this field has no more than 1 characters.'],
        '1': [
          'Ensure this field has no more than 1 characters.',
          'Null characters are not allowed.',
        ],
      }),
    ],
    [
      'reports blank items',
      () => new ListField({ child: new CharField() }),
      ['a', ''],
      itemErrors({ '1': ['This field may not be blank.'] }),
    ],
    [
      'nests the errors of nested lists',
      () => new ListField({ child: new ListField({ child: new IntegerField() }) }),
      [[1], ['x'], 'y'],
      itemErrors({
        '1': { '0': ['A valid integer is required.'] },
        '2': ['Expected a list of items but got type "str".'],
      }),
    ],
    [
      'enforces minLength',
      () => new ListField({ child: new IntegerField(), minLength: 2 }),
      [1],
      fails('Ensure this field has at least 2 elements.'),
    ],
    [
      'enforces maxLength',
      () => new ListField({ child: new IntegerField(), maxLength: 2 }),
      [1, 2, 3],
      fails('Ensure this field has no more than 2 elements.'),
    ],
    [
      'checks items before the length',
      () => new ListField({ child: new IntegerField(), maxLength: 1 }),
      ['x', 2],
      itemErrors({ '0': ['A valid integer is required.'] }),
    ],
    ['refuses null', ints, null, fails('This field may not be null.')],
  ]);

  it.each([
    [
      'decimals as strings',
      new DecimalField({ decimalPlaces: 1 }),
      [1, '2.25', null],
      ['1.0', '2.2', null],
    ],
    [
      'dates as ISO 8601',
      new DateTimeField(),
      [new Date('2025-01-02T03:04:05Z')],
      ['2025-01-02T03:04:05.000Z'],
    ],
    [
      'UUIDs in canonical form',
      new UUIDField(),
      ['5CE0E9A55FFA654BCEE01238041FB31A'],
      ['5ce0e9a5-5ffa-654b-cee0-1238041fb31a'],
    ],
    ['nested lists', new ListField({ child: new IntegerField() }), [['1', 2.9], []], [[1, 2], []]],
  ])('represents %s', (_title, child: SerializerField, value, expected) => {
    expect(new ListField({ child }).toRepresentation(value)).toStrictEqual(expected);
  });
});

describe('JSONField', () => {
  const json = (): JSONField => new JSONField();
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  const invalid = fails('Value must be valid JSON.');
  table([
    [
      'accepts an object',
      json,
      { a: [1, 'x', null, true, { b: 2.5 }] },
      ok({ a: [1, 'x', null, true, { b: 2.5 }] }),
    ],
    ['accepts a string', json, 'text', ok('text')],
    ['accepts a number', json, 5, ok(5)],
    ['accepts false', json, false, ok(false)],
    ['accepts an empty list', json, [], ok([])],
    [
      'accepts an object without prototype',
      json,
      Object.assign(Object.create(null) as object, { a: 1 }),
      ok(Object.assign(Object.create(null) as object, { a: 1 })),
    ],
    ['refuses undefined inside', json, { a: undefined }, invalid],
    ['refuses a function inside', json, [() => 1], invalid],
    ['refuses a symbol', json, Symbol('s'), invalid],
    ['refuses a bigint', json, 10n, invalid],
    ['refuses NaN inside', json, { n: NaN }, invalid],
    ['refuses a Date', json, new Date(0), invalid],
    ['refuses a Map', json, new Map(), invalid],
    ['refuses a class instance', json, new (class Point {})(), invalid],
    ['refuses a circular structure', json, circular, invalid],
    ['refuses null without allowNull', json, null, fails('This field may not be null.')],
    [
      'parses text with binary',
      () => new JSONField({ binary: true }),
      '{"a": [1]}',
      ok({ a: [1] }),
    ],
    [
      'parses a Buffer with binary',
      () => new JSONField({ binary: true }),
      Buffer.from('[1]'),
      ok([1]),
    ],
    ['refuses malformed text with binary', () => new JSONField({ binary: true }), '{bad', invalid],
    ['refuses non-text with binary', () => new JSONField({ binary: true }), 5, invalid],
  ]);

  it('writes JSON text with binary', () => {
    expect(new JSONField({ binary: true }).toRepresentation({ a: 1 })).toBe('{"a":1}');
    expect(new JSONField().toRepresentation({ a: 1 })).toEqual({ a: 1 });
  });
});
