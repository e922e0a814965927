import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { ValidationFailed } from '../exceptions/standard.exceptions';
import { Field } from './field.decorator';
import { CharField, DecimalField, IntegerField, SerializerFieldMap } from './fields';
import { InlineSerializer } from './inline-serializer';
import { ListSerializer } from './list.serializer';
import { Serializer, type ValidatedData } from './serializer';

class AddressSerializer extends Serializer {
  @Field({ maxLength: 20 }) city!: string;
  @Field({ optional: true }) zip?: string;
}

class PersonSerializer extends Serializer<Record<string, unknown>> {
  @Field({ type: 'integer', readOnly: true }) id!: number;
  @Field({ maxLength: 10 }) name!: string;
  @Field({ type: 'email' }) email!: string;
  @Field({ type: 'integer', min: 0, nullable: true }) age!: number | null;
  @Field({ writeOnly: true, minLength: 4 }) password!: string;
  @Field({ child: 'integer', optional: true }) scores?: number[];
  @Field() address!: AddressSerializer;
  @Field({ source: 'address.city', readOnly: true }) city!: string;
  @Field({ method: 'getGreeting' }) greeting!: string;

  getGreeting(person: Record<string, unknown>): string {
    return `Hello, ${String(person.name)}`;
  }

  async validateName(value: string): Promise<string> {
    await Promise.resolve();
    if (value === 'root') {
      throw new ValidationFailed('This name is reserved.');
    }
    return value.trim().toLowerCase();
  }

  override validate(attrs: ValidatedData): ValidatedData {
    if (attrs.email === 'taken@example.com' && attrs.name === 'taken') {
      throw new ValidationFailed('This person already exists.');
    }
    return attrs;
  }

  override create(data: ValidatedData): Record<string, unknown> {
    return { id: 1, ...data };
  }

  override async update(
    instance: Record<string, unknown>,
    data: ValidatedData,
  ): Promise<Record<string, unknown>> {
    await Promise.resolve();
    return { ...instance, ...data };
  }
}

const valid = {
  name: 'Ada',
  email: 'ada@example.com',
  age: 36,
  password: 'secret!',
  address: { city: 'London' },
};

describe('Serializer', () => {
  it('validates, converts and runs async field hooks', async () => {
    const serializer = new PersonSerializer({ data: { ...valid, scores: ['1', 2], id: 99 } });
    expect(await serializer.isValid()).toBe(true);
    expect(serializer.errors).toEqual({});
    expect(serializer.validatedData).toEqual({
      name: 'ada',
      email: 'ada@example.com',
      age: 36,
      password: 'secret!',
      scores: [1, 2],
      address: { city: 'London' },
    });
  });

  it('collects every field error in DRF shape, nested and indexed', async () => {
    const serializer = new PersonSerializer({
      data: { name: 'x'.repeat(11), email: 'nope', age: -1, scores: [1, 'a'], address: {} },
    });
    expect(await serializer.isValid()).toBe(false);
    expect(serializer.errors).toEqual({
      name: ['Ensure this field has no more than 10 characters.'],
      email: ['Enter a valid email address.'],
      age: ['Ensure this value is greater than or equal to 0.'],
      password: ['This field is required.'],
      scores: { '1': ['A valid integer is required.'] },
      address: { city: ['This field is required.'] },
    });
  });

  it('reports a hook rejection under its field and object errors under non_field_errors', async () => {
    const reserved = new PersonSerializer({ data: { ...valid, name: 'root' } });
    expect(await reserved.isValid()).toBe(false);
    expect(reserved.errors).toEqual({ name: ['This name is reserved.'] });

    const duplicate = new PersonSerializer({
      data: { ...valid, name: 'taken', email: 'taken@example.com' },
    });
    expect(await duplicate.isValid()).toBe(false);
    expect(duplicate.errors).toEqual({ non_field_errors: ['This person already exists.'] });
  });

  it('uses the context key for object-level errors', async () => {
    const serializer = new PersonSerializer({
      data: [],
      context: { nonFieldErrorsKey: 'errors' },
    });
    expect(await serializer.isValid()).toBe(false);
    expect(serializer.errors).toEqual({
      errors: ['Invalid data. Expected a dictionary, but got list.'],
    });
  });

  it('throws the validation_error envelope with raiseException', async () => {
    const serializer = new PersonSerializer({ data: { ...valid, email: 'nope' } });
    await expect(serializer.isValid({ raiseException: true })).rejects.toEqual(
      new ValidationFailed({ details: { email: ['Enter a valid email address.'] } }),
    );
    const error = await new PersonSerializer({ data: {} })
      .isValid({ raiseException: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).getStatus()).toBe(400);
  });

  it('accepts null for nullable fields and skips absent fields in partial mode', async () => {
    const nullable = new PersonSerializer({ data: { ...valid, age: null } });
    expect(await nullable.isValid()).toBe(true);
    expect(nullable.validatedData.age).toBeNull();

    const partial = new PersonSerializer({ data: { email: 'new@example.com' }, partial: true });
    expect(await partial.isValid()).toBe(true);
    expect(partial.validatedData).toEqual({ email: 'new@example.com' });
  });

  it('represents with source, computed and nested fields and never writeOnly ones', () => {
    const person = {
      id: 7,
      name: 'ada',
      email: 'a@b.co',
      age: null,
      password: 'x',
      address: { city: 'Paris', zip: '75001' },
    };
    expect(new PersonSerializer({ instance: person }).data).toEqual({
      id: 7,
      name: 'ada',
      email: 'a@b.co',
      age: null,
      address: { city: 'Paris', zip: '75001' },
      city: 'Paris',
      greeting: 'Hello, ada',
    });
  });

  it('saves through create, then update with extra data, and represents the result', async () => {
    const created = new PersonSerializer({ data: valid });
    await created.isValid();
    const person = await created.save({ ownerId: 3 });
    expect(person).toMatchObject({ id: 1, name: 'ada', ownerId: 3 });
    expect(created.data).toMatchObject({ id: 1, name: 'ada', greeting: 'Hello, ada' });
    expect(created.data).not.toHaveProperty('password');

    const updated = new PersonSerializer({ instance: person, data: { age: 40 }, partial: true });
    await updated.isValid();
    expect(await updated.save()).toMatchObject({ id: 1, name: 'ada', age: 40 });
  });

  it('refuses save before or after failed validation and reads before validation', async () => {
    const serializer = new PersonSerializer({ data: {} });
    await expect(serializer.save()).rejects.toThrow(
      'You must call `.isValid()` before calling `.save()`.',
    );
    expect(() => serializer.validatedData).toThrow(
      'You must call `.isValid()` before accessing `.validatedData`.',
    );
    await serializer.isValid();
    await expect(serializer.save()).rejects.toThrow(
      'You cannot call `.save()` on a serializer with invalid data.',
    );
  });

  it('refuses save after data was read, as DRF does', async () => {
    const serializer = new PersonSerializer({ data: valid });
    expect(await serializer.isValid()).toBe(true);
    expect(serializer.data).toMatchObject({ name: 'ada' });
    await expect(serializer.save()).rejects.toThrow(
      'You cannot call `.save()` after accessing `serializer.data`.',
    );
    expect(serializer.validatedData).toMatchObject({ name: 'ada' });
  });

  it('asks for create() when a plain serializer is saved', async () => {
    const serializer = new AddressSerializer({ data: { city: 'Rome' } });
    await serializer.isValid();
    await expect(serializer.save()).rejects.toThrow(
      '`create()` must be implemented by AddressSerializer.',
    );
  });
});

describe('ListSerializer', () => {
  it('validates many items with errors keyed by index', async () => {
    const serializer = new ListSerializer(AddressSerializer, {
      data: [{ city: 'Rome' }, { zip: '1' }, { city: 'x'.repeat(21) }],
    });
    expect(await serializer.isValid()).toBe(false);
    expect(serializer.errors).toEqual({
      '1': { city: ['This field is required.'] },
      '2': { city: ['Ensure this field has no more than 20 characters.'] },
    });
  });

  it('rejects a non-list and represents many instances', async () => {
    const serializer = new ListSerializer(AddressSerializer, { data: { city: 'Rome' } });
    expect(await serializer.isValid()).toBe(false);
    expect(serializer.errors).toEqual({
      non_field_errors: ['Expected a list of items but got type "dict".'],
    });
    expect(
      new ListSerializer(AddressSerializer, {
        instance: [{ city: 'Oslo' }, { city: 'Bern', zip: '3000' }],
      }).data,
    ).toEqual([{ city: 'Oslo' }, { city: 'Bern', zip: '3000' }]);
  });
});

describe('@Field()', () => {
  const declare = (build: () => unknown) => {
    try {
      build();
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it('refuses a name that collides with the serializer API', () => {
    const error = declare(() => {
      class Broken extends Serializer {
        // @ts-expect-error: the collision is what this test is about
        @Field() data!: string;
      }
      return Broken;
    });
    expect(error).toBeInstanceOf(RestflowConfigError);
    expect((error as Error).message).toBe(
      "`data` collides with a Serializer attribute. Fix: choose a different name (and set `source: 'data'` to read the attribute).",
    );
  });

  it('refuses a type it cannot infer', () => {
    const error = declare(() => {
      class Broken extends Serializer {
        @Field() value!: string | number;
      }
      return Broken;
    });
    expect((error as Error).message).toMatch(
      /^Cannot infer the serializer field of Broken.value: its TypeScript type is a union/,
    );
  });

  it('refuses an option that does not apply to the field', () => {
    const error = declare(() => {
      class Broken extends Serializer {
        @Field({ maxLength: 3 }) age!: number;
      }
      return Broken;
    });
    expect((error as Error).message).toBe(
      '`maxLength` does not apply to Broken.age, which is a FloatField. Fix: remove it, or set `type` to a kind it applies to.',
    );
  });

  it('builds fields for types registered in SerializerFieldMap', async () => {
    class Money {}
    SerializerFieldMap.set(Money, (options) => new DecimalField({ ...options, decimalPlaces: 2 }));
    try {
      class Invoice extends Serializer {
        @Field() total!: Money;
      }
      const serializer = new Invoice({ data: { total: '9.5' } });
      expect(await serializer.isValid()).toBe(true);
      expect(serializer.validatedData).toEqual({ total: '9.50' });
    } finally {
      SerializerFieldMap.delete(Money);
    }
  });

  it('takes a field instance as it is and lets subclasses redeclare fields', async () => {
    class Base extends Serializer {
      @Field() title!: string;
      @Field() body!: string;
    }
    class Child extends Base {
      @Field(new CharField({ maxLength: 3 })) override title = '';
    }
    const serializer = new Child({ data: { title: 'long', body: 'b' } });
    expect([...serializer.fields.keys()]).toEqual(['title', 'body']);
    expect(await serializer.isValid()).toBe(false);
    expect(serializer.errors).toEqual({
      title: ['Ensure this field has no more than 3 characters.'],
    });
  });
});

describe('InlineSerializer', () => {
  it('builds a named serializer from types, declarations and field instances', async () => {
    const Address = InlineSerializer({
      name: 'Address',
      fields: { city: String, zip: { maxLength: 5, optional: true }, floor: new IntegerField() },
    });
    expect(Address.name).toBe('Address');
    const serializer = new Address({ data: { city: 'Oslo', zip: '123456', floor: 'x' } });
    expect(await serializer.isValid()).toBe(false);
    expect(serializer.errors).toEqual({
      zip: ['Ensure this field has no more than 5 characters.'],
      floor: ['A valid integer is required.'],
    });
  });

  it('nests as a field of another serializer', async () => {
    const Address = InlineSerializer({ name: 'Address', fields: { city: String } });
    class Customer extends Serializer {
      @Field({ serializer: () => Address }) address!: unknown;
    }
    const serializer = new Customer({ data: { address: { city: 7 } } });
    expect(await serializer.isValid()).toBe(true);
    expect(serializer.validatedData).toEqual({ address: { city: '7' } });
    const missing = new Customer({ data: { address: 'Oslo' } });
    expect(await missing.isValid()).toBe(false);
    expect(missing.errors).toEqual({
      address: { non_field_errors: ['Invalid data. Expected a dictionary, but got str.'] },
    });
  });

  it('needs fields or a model', () => {
    expect(() => InlineSerializer({ name: 'Empty' })).toThrow(
      'Either `model` or `fields` must be provided to InlineSerializer(). Fix: pass one of them.',
    );
  });
});
