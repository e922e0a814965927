import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import {
  BooleanField,
  CharField,
  ChoiceField,
  DateTimeField,
  DecimalField,
  DurationField,
  EMPTY,
  EmailField,
  fieldForType,
  FieldValidationError,
  FloatField,
  IntegerField,
  JSONField,
  ListField,
  MultipleChoiceField,
  SerializerFieldMap,
  SerializerMethodField,
  SKIP,
  UUIDField,
  type SerializerField,
  type FieldOpenApi,
  type FieldValidator,
} from '.';
import { outcome, ok, fails, type Outcome } from './field-cases.spec-helper';

const rejectAdmin: FieldValidator<string> = (value) => {
  if (value.startsWith('admin')) throw new FieldValidationError('This name is reserved.');
};
const rejectLong: FieldValidator<string> = async (value) => {
  await Promise.resolve();
  if (value.length > 5) throw new FieldValidationError(['Too long.', 'Really.']);
};

describe('SerializerField.runValidation', () => {
  const cases: [string, () => SerializerField, unknown, boolean, Outcome][] = [
    // [title, field, input, partial, outcome]
    [
      'requires an absent key',
      () => new CharField(),
      EMPTY,
      false,
      fails('This field is required.'),
    ],
    [
      'treats undefined as absent',
      () => new CharField(),
      undefined,
      false,
      fails('This field is required.'),
    ],
    [
      'skips an absent optional key',
      () => new CharField({ required: false }),
      EMPTY,
      false,
      ok(SKIP),
    ],
    [
      'uses the default for an absent key',
      () => new CharField({ default: 'draft' }),
      EMPTY,
      false,
      ok('draft'),
    ],
    [
      'calls a default function',
      () => new ListField({ child: new CharField(), default: () => [] }),
      EMPTY,
      false,
      ok([]),
    ],
    ['keeps a falsy default', () => new IntegerField({ default: 0 }), EMPTY, false, ok(0)],
    [
      'uses a null default',
      () => new IntegerField({ default: null, allowNull: true }),
      EMPTY,
      false,
      ok(null),
    ],
    [
      'skips the default in a partial update',
      () => new CharField({ default: 'draft' }),
      EMPTY,
      true,
      ok(SKIP),
    ],
    [
      'skips a required absent key in a partial update',
      () => new CharField(),
      EMPTY,
      true,
      ok(SKIP),
    ],
    [
      'still validates a present key in a partial update',
      () => new IntegerField(),
      'x',
      true,
      fails('A valid integer is required.'),
    ],
    [
      'refuses null by default',
      () => new CharField(),
      null,
      false,
      fails('This field may not be null.'),
    ],
    [
      'accepts null with allowNull',
      () => new CharField({ allowNull: true }),
      null,
      false,
      ok(null),
    ],
    [
      'accepts null with allowNull in a partial update',
      () => new IntegerField({ allowNull: true }),
      null,
      true,
      ok(null),
    ],
    [
      'refuses null in a partial update',
      () => new IntegerField(),
      null,
      true,
      fails('This field may not be null.'),
    ],
    [
      'does not run validators on null',
      () => new CharField({ allowNull: true, validators: [rejectAdmin] }),
      null,
      false,
      ok(null),
    ],
    [
      'skips a read-only field whatever the input',
      () => new CharField({ readOnly: true }),
      'anything',
      false,
      ok(SKIP),
    ],
    [
      'does not read blank input of a read-only field',
      () => new CharField({ readOnly: true }),
      '',
      false,
      ok(SKIP),
    ],
    [
      'gives a read-only field its default',
      () => new CharField({ readOnly: true, default: 'system' }),
      'user',
      false,
      ok('system'),
    ],
    [
      'skips a read-only default in a partial update',
      () => new CharField({ readOnly: true, default: 'system' }),
      EMPTY,
      true,
      ok(SKIP),
    ],
    [
      'runs a validator after conversion',
      () => new CharField({ validators: [rejectAdmin] }),
      ' admin1 ',
      false,
      fails('This name is reserved.'),
    ],
    [
      'passes valid input through validators',
      () => new CharField({ validators: [rejectAdmin, rejectLong] }),
      'ada',
      false,
      ok('ada'),
    ],
    [
      'collects the messages of every failing validator, built-ins last',
      () => new CharField({ validators: [rejectAdmin, rejectLong], maxLength: 4 }),
      'administrator',
      false,
      fails(
        'This name is reserved.',
        'Too long.',
        'Really.',
        'Ensure this field has no more than 4 characters.',
      ),
    ],
    [
      'awaits async validators',
      () => new CharField({ validators: [rejectLong] }),
      'abcdef',
      false,
      fails('Too long.', 'Really.'),
    ],
    [
      'validates a nullable source-star field on null',
      () => new JSONField({ allowNull: true, source: '*' }),
      null,
      false,
      ok(null),
    ],
  ];

  it.each(cases)('%s', async (_title, make, input, partial, expected) => {
    expect(await outcome(make(), input, partial)).toStrictEqual(expected);
  });

  it('rethrows a validator error that carries nested details', async () => {
    const nested = new FieldValidationError({ city: ['Unknown city.'] });
    const field = new JSONField({
      validators: [
        () => {
          throw nested;
        },
        () => {
          throw new FieldValidationError('Not reached in the output.');
        },
      ],
    });
    await expect(field.runValidation({ city: 'x' })).rejects.toBe(nested);
  });

  it('lets errors other than FieldValidationError through', async () => {
    const boom = new Error('database down');
    const field = new CharField({
      validators: [
        () => {
          throw boom;
        },
      ],
    });
    await expect(field.runValidation('x')).rejects.toBe(boom);
  });

  it('calls a default function once per use', () => {
    const field = new ListField({ child: new CharField(), default: () => [] });
    expect(field.getDefault()).not.toBe(field.getDefault());
  });
});

describe('SerializerField options', () => {
  const messageCases: [string, () => SerializerField, unknown, Outcome][] = [
    [
      'replaces the required message',
      () => new CharField({ errorMessages: { required: 'Name, please.' } }),
      EMPTY,
      fails('Name, please.'),
    ],
    [
      'replaces the null message',
      () => new IntegerField({ errorMessages: { null: 'No nulls.' } }),
      null,
      fails('No nulls.'),
    ],
    [
      'fills placeholders of a replaced message',
      () => new CharField({ maxLength: 2, errorMessages: { max_length: 'At most {max_length}!' } }),
      'abc',
      fails('At most 2!'),
    ],
    [
      'inherits messages it does not replace',
      () => new EmailField({ errorMessages: { blank: 'Empty.' } }),
      'x',
      fails('Enter a valid email address.'),
    ],
    [
      'uses a replaced message of a parent class',
      () => new EmailField({ errorMessages: { blank: 'Empty.' } }),
      ' ',
      fails('Empty.'),
    ],
  ];

  it.each(messageCases)('%s', async (_title, make, input, expected) => {
    expect(await outcome(make(), input)).toStrictEqual(expected);
  });

  const configCases: [string, () => SerializerField, string][] = [
    [
      'readOnly with writeOnly',
      () => new CharField({ readOnly: true, writeOnly: true }),
      'May not set both `readOnly` and `writeOnly` on CharField. Fix: keep one of them.',
    ],
    [
      'readOnly with required',
      () => new IntegerField({ readOnly: true, required: true }),
      'May not set both `readOnly` and `required` on IntegerField. Fix: drop `required`; read-only fields never read the input.',
    ],
    [
      'required with default',
      () => new CharField({ required: true, default: 'x' }),
      'May not set both `required` and `default` on CharField. Fix: drop `required`; a field with a default is optional.',
    ],
    [
      'a child with a source',
      () => new ListField({ child: new CharField({ source: 'name' }) }),
      'The `source` option is not meaningful when applied to a `child` field. Fix: remove `source` from the child field.',
    ],
    [
      'a non-numeric decimal bound',
      () => new DecimalField({ maxValue: 'ten' }),
      'DecimalField option "maxValue" must be a finite number or a decimal string, got ten.',
    ],
  ];

  it.each(configCases)('refuses %s', (_title, make, message) => {
    expect(make).toThrow(new RestflowConfigError('option', message));
    expect(make).toThrow(RestflowConfigError);
  });

  it('is required unless it has a default or is read-only', () => {
    expect(new CharField().required).toBe(true);
    expect(new CharField({ default: 'x' }).required).toBe(false);
    expect(new CharField({ readOnly: true }).required).toBe(false);
    expect(new CharField({ required: false }).required).toBe(false);
  });
});

describe('SerializerField.bind', () => {
  it('takes the source and a sentence-case label from the name', () => {
    const field = new CharField().bind('firstName');
    expect([field.fieldName, field.source, field.sourceAttrs, field.label]).toEqual([
      'firstName',
      'firstName',
      ['firstName'],
      'First name',
    ]);
    expect(new CharField().bind('created_at').label).toBe('Created at');
  });

  it('keeps an explicit source and label', () => {
    const field = new CharField({ source: 'author.name', label: 'Writer' }).bind('authorName');
    expect([field.source, field.sourceAttrs, field.label]).toEqual([
      'author.name',
      ['author', 'name'],
      'Writer',
    ]);
  });

  it.each([
    ['a flat attribute', 'title', { title: 'Dune' }, 'Dune'],
    ['a dotted path', 'author.name', { author: { name: 'Herbert' } }, 'Herbert'],
    ['a null link', 'author.name', { author: null }, null],
    ['a missing attribute', 'subtitle', { title: 'Dune' }, undefined],
    ['the whole instance', '*', { title: 'Dune' }, { title: 'Dune' }],
  ])('reads %s from an instance', (_title, source, instance, expected) => {
    const field = new JSONField({ source }).bind('value');
    expect(field.getAttribute(instance)).toEqual(expected);
  });
});

describe('SerializerField.openApi', () => {
  enum Level {
    Low = 1,
    High = 2,
  }

  const cases: [string, () => SerializerField, FieldOpenApi][] = [
    [
      'a char field',
      () => new CharField({ maxLength: 20, minLength: 2 }),
      { type: 'string', maxLength: 20, minLength: 2, required: true },
    ],
    [
      'an optional nullable email',
      () => new EmailField({ required: false, allowNull: true, helpText: 'Contact' }),
      { type: 'string', format: 'email', nullable: true, required: false, description: 'Contact' },
    ],
    [
      'an integer with bounds and a default',
      () => new IntegerField({ minValue: 1, maxValue: 9, default: 5 }),
      { type: 'integer', minimum: 1, maximum: 9, default: 5, required: false },
    ],
    [
      'a float',
      () => new FloatField({ label: 'Ratio' }),
      { type: 'number', format: 'double', title: 'Ratio', required: true },
    ],
    [
      'a decimal string',
      () => new DecimalField({ maxDigits: 5, decimalPlaces: 2 }),
      {
        type: 'string',
        format: 'decimal',
        pattern: '^-?\\d{0,3}(?:\\.\\d{0,2})?$',
        required: true,
      },
    ],
    [
      'a decimal number',
      () => new DecimalField({ coerceToString: false, maxValue: 10 }),
      { type: 'number', format: 'double', maximum: 10, required: true },
    ],
    [
      'a read-only datetime',
      () => new DateTimeField({ readOnly: true }),
      { type: 'string', format: 'date-time', readOnly: true, required: false },
    ],
    [
      'a write-only uuid',
      () => new UUIDField({ writeOnly: true }),
      { type: 'string', format: 'uuid', writeOnly: true, required: true },
    ],
    [
      'a duration',
      () => new DurationField(),
      { type: 'string', format: 'duration', required: true },
    ],
    ['a boolean', () => new BooleanField(), { type: 'boolean', required: true }],
    [
      'an enum choice',
      () => new ChoiceField({ choices: Level, allowNull: true }),
      { type: 'integer', enum: [1, 2, null], nullable: true, required: true },
    ],
    [
      'a mixed choice',
      () => new ChoiceField({ choices: ['a', 1], allowBlank: true }),
      { enum: ['a', 1, ''], required: true },
    ],
    [
      'a multiple choice',
      () => new MultipleChoiceField({ choices: ['a', 'b'], allowEmpty: false }),
      { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, minItems: 1, required: true },
    ],
    [
      'a list',
      () => new ListField({ child: new IntegerField({ minValue: 0 }), maxLength: 3 }),
      { type: 'array', items: { type: 'integer', minimum: 0 }, maxItems: 3, required: true },
    ],
    ['a JSON value', () => new JSONField({ required: false }), { required: false }],
    [
      'a method field',
      () => new SerializerMethodField({ helpText: 'Computed' }),
      { readOnly: true, required: false, description: 'Computed' },
    ],
  ];

  it.each(cases)('describes %s', (_title, make, expected) => {
    expect(make().openApi()).toStrictEqual(expected);
  });
});

describe('SerializerMethodField', () => {
  class BookSerializer {
    getTitleUpper(book: { title: string }): string {
      return book.title.toUpperCase();
    }

    shout(book: { title: string }): string {
      return `${book.title}!`;
    }
  }
  const book = { title: 'Dune', pages: 412 };

  it.each([
    ['calls get<FieldName> on the parent by default', {}, 'titleUpper', 'DUNE'],
    ['calls a named method on the parent', { method: 'shout' }, 'anything', 'Dune!'],
    ['calls a function', { method: (b: typeof book) => b.pages > 300 }, 'isLong', true],
  ])('%s', (_title, options, name, expected) => {
    const field = new SerializerMethodField(options).bind(name, new BookSerializer());
    expect(field.toRepresentation(book)).toBe(expected);
  });

  it('is read-only and never reads the input', async () => {
    const field = new SerializerMethodField({ method: () => 1 });
    expect([field.readOnly, field.source]).toEqual([true, '*']);
    expect(await field.runValidation('input')).toBe(SKIP);
  });

  it('refuses to bind when the parent lacks the method', () => {
    expect(() => new SerializerMethodField().bind('summary', new BookSerializer())).toThrow(
      'SerializerMethodField "summary" calls getSummary(instance), which BookSerializer does not define. Fix: add the method, or pass { method }.',
    );
  });
});

describe('fieldForType', () => {
  class Money {}
  afterEach(() => SerializerFieldMap.delete(Money));

  it.each([
    ['String', String, {}, CharField],
    ['Number', Number, {}, FloatField],
    ['Number with integer: true', Number, { integer: true }, IntegerField],
    ['Boolean', Boolean, {}, BooleanField],
    ['Date', Date, {}, DateTimeField],
    ['Object', Object, {}, JSONField],
    ['Array', Array, {}, ListField],
  ])('maps %s', (_title, type, options, expected) => {
    expect(fieldForType(type, options)).toBeInstanceOf(expected);
  });

  it('passes options on to the field', async () => {
    const field = fieldForType(Number, { integer: true, maxValue: 3, required: false });
    expect(field.required).toBe(false);
    expect(await outcome(field, '4')).toStrictEqual(
      fails('Ensure this value is less than or equal to 3.'),
    );
  });

  it('gives arrays a CharField child unless told otherwise', async () => {
    expect(await outcome(fieldForType(Array), [1, ' a '])).toStrictEqual(ok(['1', 'a']));
    const numbers = fieldForType(Array, { child: new IntegerField() });
    expect(await outcome(numbers, ['1', 'x'])).toStrictEqual({
      errors: { '1': ['A valid integer is required.'] },
    });
  });

  it('uses registered types', async () => {
    SerializerFieldMap.set(Money, (options) => new DecimalField({ decimalPlaces: 2, ...options }));
    expect(await outcome(fieldForType(Money), '1.5')).toStrictEqual(ok('1.50'));
  });

  it.each([
    [Set, 'Set'],
    [undefined, 'undefined'],
    [Money, 'Money'],
  ])('refuses an unsupported type (%#)', (type, name) => {
    expect(() => fieldForType(type)).toThrow(
      `Cannot map type ${name} to a serializer field: declare the field explicitly or register the type in SerializerFieldMap.`,
    );
  });
});
