import request from 'supertest';
import {
  DATABASE_INPUT_ENTITIES,
  DatabaseInputModule,
} from './fixtures/database-input/database-input.module';
import { ADAPTERS } from './utils/adapters';
import { testDatabases } from './utils/databases';
import { useTestApp, useTestDatabase } from './utils/e2e-hooks';

/**
 * A value the database refuses as input (PostgreSQL's SQLSTATE 22P02, 22003, 22001, 22007,
 * 22021; MariaDB's strict-mode 1366, 1264, 1406, 1292) is a 400 envelope, not a 500: a safety
 * net behind serializers and filter sets, for handlers that pass input to TypeORM unchecked.
 */
const REFUSED = {
  error: {
    code: 'validation_error',
    message: 'Request validation failed.',
    details: { non_field_errors: ['A value does not fit its database column.'] },
  },
};

/** Bodies the database refuses, and what each is on PostgreSQL. */
const REFUSED_BODIES: [string, Record<string, unknown>][] = [
  ['text for an integer (22P02 / 1366)', { code: 'a', count: 'abc' }],
  ['an integer out of range (22003 / 1264)', { code: 'a', count: 99999999999 }],
  ['a string too long (22001 / 1406)', { code: 'toolong', count: 1 }],
  ['an impossible date (22008 / 1292)', { code: 'a', count: 1, day: '2024-02-31' }],
  ['a date that is no date (22007 / 1292)', { code: 'a', count: 1, day: 'someday' }],
];

describe.each(testDatabases())('values the database refuses on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  describe.each(ADAPTERS)('over %s', (adapterName) => {
    const handle = useTestApp(adapterName, database, (options) => [
      DatabaseInputModule.forDatabase(options(DATABASE_INPUT_ENTITIES)),
    ]);

    it('stores a value that fits', async () => {
      await request(handle.http())
        .post('/unvalidated/records')
        .send({ code: 'ok', count: 3, day: '2024-02-29' })
        .expect(201);
    });

    it.each(REFUSED_BODIES)('answers 400 for %s', async (_title, body) => {
      const response = await request(handle.http()).post('/unvalidated/records').send(body);
      expect({ status: response.status, body: response.body }).toEqual({
        status: 400,
        body: REFUSED,
      });
    });

    if (databaseName === 'postgres') {
      it('answers 400 for a NUL character in text (22021)', async () => {
        const response = await request(handle.http())
          .post('/unvalidated/records')
          .send({ code: 'a\u0000b', count: 1 });
        expect({ status: response.status, body: response.body }).toEqual({
          status: 400,
          body: REFUSED,
        });
      });

      it('answers 400 for a lookup of an integer key with text (22P02)', async () => {
        const response = await request(handle.http()).get('/unvalidated/records?id=abc');
        expect({ status: response.status, body: response.body }).toEqual({
          status: 400,
          body: REFUSED,
        });
      });
    }
  });
});
