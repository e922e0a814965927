import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ADAPTERS, createTestApp } from './utils/adapters';
import { createTestDatabase, testDatabases, type TestDatabase } from './utils/databases';
import { Measure, MeasureSerializer } from './fixtures/serializers/measure.entity';
import {
  SerializersModule,
  type GlobalValidationPipeMode,
} from './fixtures/serializers/serializers.module';
import type { SerializerPipeUsage } from './fixtures/serializers/signups.controller';
import {
  PASSWORD_IS_USERNAME_MESSAGE,
  RESERVED_USERNAME_MESSAGE,
  signupTable,
} from './fixtures/serializers/signup.serializer';

/**
 * The serializer must be the only validator of a body it handles: every answer below is the
 * same whatever global `ValidationPipe` the app has, and whichever way the pipe is used.
 */
const GLOBAL_PIPES: readonly GlobalValidationPipeMode[] = ['none', 'default', 'strict'];

/** The three ways to use SerializerPipe; the fixture serves each under `/signups/<usage>`. */
const USAGES: readonly (readonly [string, SerializerPipeUsage])[] = [
  ['@SerializedBody(X)', 'decorator'],
  ['@Body(SerializerPipe.of(X))', 'pipe-class'],
  ['@Body(new SerializerPipe(X))', 'pipe-instance'],
];

/** Public members of Serializer that a client may try to overwrite through the body. */
const SERIALIZER_MEMBERS = [
  'data',
  'errors',
  'fields',
  'validatedData',
  'initialData',
  'instance',
  'context',
  'partial',
  'save',
];

const validationError = (details: object) => ({
  error: { code: 'validation_error', message: 'Request validation failed.', details },
});

const validBody = {
  username: 'Alice',
  email: 'alice@example.com',
  password: 'correct horse',
  age: 30,
  tags: ['reader', 'writer'],
  address: { city: 'Lisbon', postcode: '1100-148' },
};

/** The representation of `validBody` once saved with `id`: no password, username lowered. */
const representationOf = (id: number) => ({
  id,
  username: 'alice',
  email: 'alice@example.com',
  age: 30,
  tags: ['reader', 'writer'],
  address: { city: 'Lisbon', postcode: '1100-148' },
});

describe.each(ADAPTERS)('serializers over %s', (adapterName) => {
  describe.each(GLOBAL_PIPES)('with global ValidationPipe "%s"', (globalValidationPipe) => {
    describe.each(USAGES)('through %s', (_label, usage) => {
      const path = `/signups/${usage}`;
      let app: INestApplication | undefined;
      let http: Parameters<typeof request>[0];

      // One app per usage, so that a usage failing at bootstrap fails its own tests only.
      beforeAll(async () => {
        const moduleRef = await Test.createTestingModule({
          imports: [SerializersModule.forOptions({ globalValidationPipe, usages: [usage] })],
        }).compile();
        app = await createTestApp(moduleRef, adapterName);
        http = app.getHttpServer();
      });
      afterAll(() => app?.close());

      /** Posts `body`, expecting the status, and checks that nothing was saved unless 201. */
      const post = async (body: object, status: number) => {
        const saved = signupTable.rows.length;
        const response = await request(http).post(path).send(body).expect(status);
        if (status !== 201) {
          expect(signupTable.rows).toHaveLength(saved);
        }
        return response;
      };

      it('saves a valid body and answers 201 with exactly its representation', async () => {
        const id = signupTable.nextId;
        const response = await post(validBody, 201);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(response.body).toEqual(representationOf(id));
        expect(signupTable.rows.at(-1)).toEqual({
          ...representationOf(id),
          password: 'correct horse',
        });
      });

      it('represents a null age as null', async () => {
        const id = signupTable.nextId;
        const response = await post({ ...validBody, age: null }, 201);
        expect(response.body).toEqual({ ...representationOf(id), age: null });
      });

      it('converts input as the fields do (trimmed strings, numeric strings)', async () => {
        const id = signupTable.nextId;
        const response = await post(
          {
            ...validBody,
            username: '  Alice  ',
            age: '30',
            address: { city: ' Lisbon ', postcode: '1100-148' },
          },
          201,
        );
        expect(response.body).toEqual(representationOf(id));
      });

      it('answers 400 with every field error, nested ones and list items by index', async () => {
        const response = await post(
          {
            username: 'a'.repeat(21),
            email: 'not-an-email',
            age: 12,
            tags: ['ok', true],
            address: { postcode: '1100-148' },
          },
          400,
        );
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(response.body).toEqual(
          validationError({
            username: ['Ensure this field has no more than 20 characters.'],
            email: ['Enter a valid email address.'],
            password: ['This field is required.'],
            age: ['Ensure this value is greater than or equal to 13.'],
            tags: { '1': ['Not a valid string.'] },
            address: { city: ['This field is required.'] },
          }),
        );
      });

      it('answers 400 for values of the wrong kind', async () => {
        const response = await post(
          {
            username: null,
            email: '   ',
            password: 'short',
            age: 'old',
            tags: 'reader',
            address: 'Lisbon',
          },
          400,
        );
        expect(response.body).toEqual(
          validationError({
            username: ['This field may not be null.'],
            email: ['This field may not be blank.'],
            password: ['Ensure this field has at least 8 characters.'],
            age: ['A valid integer is required.'],
            tags: ['Expected a list of items but got type "str".'],
            address: { non_field_errors: ['Invalid data. Expected a dictionary, but got str.'] },
          }),
        );
      });

      it('ignores a client-sent id and unknown keys (mass assignment)', async () => {
        const id = signupTable.nextId;
        const response = await post({ ...validBody, id: 424242, isStaff: true }, 201);
        expect(response.body).toEqual(representationOf(id));
        expect(signupTable.rows.at(-1)).toEqual({
          ...representationOf(id),
          password: 'correct horse',
        });
      });

      // A body is data, never the serializer's state: keys that name its members are unknown keys.
      it.each(SERIALIZER_MEMBERS)(
        'ignores a key named like the serializer member %s',
        async (key) => {
          const id = signupTable.nextId;
          const response = await post({ ...validBody, [key]: { isStaff: true } }, 201);
          expect(response.body).toEqual(representationOf(id));
          expect(signupTable.rows.at(-1)).toEqual({
            ...representationOf(id),
            password: 'correct horse',
          });
        },
      );

      it('answers 400 with the message of an async field hook', async () => {
        const response = await post({ ...validBody, username: 'Admin' }, 400);
        expect(response.body).toEqual(validationError({ username: [RESERVED_USERNAME_MESSAGE] }));
      });

      it('answers 400 under non_field_errors when the object-level validate() rejects', async () => {
        const response = await post(
          { ...validBody, username: 'Alice1234', password: 'alice1234' },
          400,
        );
        expect(response.body).toEqual(
          validationError({ non_field_errors: [PASSWORD_IS_USERNAME_MESSAGE] }),
        );
      });

      it('does not run the object-level validate() when a field is invalid', async () => {
        const response = await post(
          { ...validBody, username: 'alice1234', password: 'alice1234', email: 'nope' },
          400,
        );
        expect(response.body).toEqual(validationError({ email: ['Enter a valid email address.'] }));
      });

      it('answers a JSON array with non_field_errors', async () => {
        const response = await post([validBody], 400);
        // The one documented difference: with @Body(), a global ValidationPipe still sees the
        // serializer class as the parameter type and refuses a non-object body in its own words
        // before the serializer runs. @SerializedBody() is a custom decorator, which it skips.
        const seenByValidationPipe = usage !== 'decorator' && globalValidationPipe !== 'none';
        expect(response.body).toEqual(
          validationError({
            non_field_errors: [
              seenByValidationPipe
                ? 'Validation failed (object is expected)'
                : 'Invalid data. Expected a dictionary, but got list.',
            ],
          }),
        );
      });

      // DRF's request.data is an empty dict when there is no body: a client error, never a 500.
      it('answers a request without a body with a required error per required field', async () => {
        const saved = signupTable.rows.length;
        const response = await request(http).post(path).expect(400);
        expect(response.body).toEqual(
          validationError({
            username: ['This field is required.'],
            email: ['This field is required.'],
            password: ['This field is required.'],
            address: ['This field is required.'],
          }),
        );
        expect(signupTable.rows).toHaveLength(saved);
      });

      describe('PATCH (partial)', () => {
        it('accepts one field alone and validates only what is present', async () => {
          const response = await request(http)
            .patch(path)
            .send({ email: 'new@example.com' })
            .expect(200);
          expect(response.body).toEqual({ email: 'new@example.com' });
        });

        it('is partial in nested objects too', async () => {
          const response = await request(http)
            .patch(path)
            .send({ address: { postcode: '4000' } })
            .expect(200);
          expect(response.body).toEqual({ address: { postcode: '4000' } });
        });

        it('runs hooks on the fields present and ignores read-only and unknown keys', async () => {
          const response = await request(http)
            .patch(path)
            .send({ username: 'Bob', id: 7, isStaff: true })
            .expect(200);
          expect(response.body).toEqual({ username: 'bob' });
        });

        it('answers 400 with the errors of the fields present only', async () => {
          const response = await request(http).patch(path).send({ age: 5 }).expect(400);
          expect(response.body).toEqual(
            validationError({ age: ['Ensure this value is greater than or equal to 13.'] }),
          );
        });
      });
    });
  });
});

/** Issue #15 point 7: restflow's DecimalField defaults (20 digits, 6 places). */
describe.each(ADAPTERS)('decimal fields over %s', (adapterName) => {
  let app: INestApplication | undefined;
  let http: Parameters<typeof request>[0];

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [SerializersModule.forOptions({ usages: [] })],
    }).compile();
    app = await createTestApp(moduleRef, adapterName);
    http = app.getHttpServer();
  });
  afterAll(() => app?.close());

  it('validates "10.5" to "10.500000" on a bare decimal field', async () => {
    const response = await request(http)
      .post('/payments')
      .send({ amount: '10.5', fee: '1.5', raw: '10.5' })
      .expect(200);
    expect(response.body).toEqual({
      validated: { amount: '10.500000', fee: '1.50', raw: '10.5' },
      data: { amount: '10.500000', fee: '1.50', raw: '10.5' },
    });
  });

  it('writes a number as six places', async () => {
    const response = await request(http).post('/payments').send({ amount: 3 }).expect(200);
    expect(response.body.data).toEqual({ amount: '3.000000' });
  });

  it('refuses a seventh place and a fifteenth whole digit on a bare field', async () => {
    const places = await request(http).post('/payments').send({ amount: '0.1234567' }).expect(400);
    expect(places.body).toEqual(
      validationError({ amount: ['Ensure that there are no more than 6 decimal places.'] }),
    );
    const whole = await request(http)
      .post('/payments')
      .send({ amount: '123456789012345' })
      .expect(400);
    expect(whole.body).toEqual(
      validationError({
        amount: ['Ensure that there are no more than 14 digits before the decimal point.'],
      }),
    );
  });

  it('keeps the written places and any length with maxDigits and decimalPlaces null', async () => {
    const response = await request(http)
      .post('/payments')
      .send({ amount: '1', raw: '123456789012345678901234.1234567' })
      .expect(200);
    expect(response.body.data).toEqual({
      amount: '1.000000',
      raw: '123456789012345678901234.1234567',
    });
  });
});

describe.each(testDatabases())('model decimal fields on %s', (databaseName) => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(databaseName);
    dataSource = await new DataSource(database.options([Measure])).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it("keep the column's precision and scale, not the bare field's defaults", async () => {
    const serializer = new MeasureSerializer({
      data: { price: '10.5', total: '1234567890123456789012345' },
      context: { dataSource },
    });
    expect(await serializer.isValid()).toBe(true);
    expect(serializer.validatedData).toEqual({
      price: '10.50',
      total: '1234567890123456789012345',
    });
    const refused = new MeasureSerializer({
      data: { price: '123456789' },
      context: { dataSource },
    });
    expect(await refused.isValid()).toBe(false);
    expect(refused.errors).toEqual({
      price: ['Ensure that there are no more than 8 digits before the decimal point.'],
    });
  });
});
