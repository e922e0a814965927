import { Logger } from '@nestjs/common';
import request from 'supertest';
import { ADAPTERS, TEST_BODY_LIMIT } from './utils/adapters';
import { testDatabases } from './utils/databases';
import { useTestApp, useTestDatabase } from './utils/e2e-hooks';
import { SECRET } from './fixtures/errors/errors.controller';
import { ERRORS_ENTITIES, ErrorsModule } from './fixtures/errors/errors.module';

const envelope = (code: string, message: string, details: object = {}) => ({
  error: { code, message, details },
});

describe.each(testDatabases())('error envelope on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  describe.each(ADAPTERS)('over %s', (adapterName) => {
    const handle = useTestApp(adapterName, database, (options) => [
      ErrorsModule.forDatabase(options(ERRORS_ENTITIES)),
    ]);
    let http: Parameters<typeof request>[0];

    beforeAll(() => {
      http = handle.http();
    });

    const createGadget = async (name: string): Promise<number> => {
      const response = await request(http).post('/api/gadgets').send({ name }).expect(201);
      return (response.body as { id: number }).id;
    };

    describe('APIException and its subclasses', () => {
      it('renders a user subclass with its code, status, default message and details', async () => {
        const response = await request(http).get('/api/errors/locked').expect(409);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(response.body).toEqual(
          envelope('conflict', 'The product is locked for editing.', { lockedBy: 7 }),
        );
      });

      it('keeps WWW-Authenticate on 401', async () => {
        const response = await request(http).get('/api/errors/not-authenticated').expect(401);
        expect(response.headers['www-authenticate']).toBe('Bearer realm="api"');
        expect(response.body).toEqual(
          envelope('not_authenticated', 'Authentication credentials were not provided.'),
        );
      });

      it('keeps Retry-After on 429 and rounds the wait up', async () => {
        const response = await request(http).get('/api/errors/throttled').expect(429);
        expect(response.headers['retry-after']).toBe('13');
        expect(response.body).toEqual(
          envelope('throttled', 'Request was throttled. Expected available in 13 seconds.', {
            retry_after_seconds: 13,
          }),
        );
      });
    });

    describe("Nest's HttpExceptions", () => {
      it('gives a bare ForbiddenException our permission_denied message', async () => {
        const response = await request(http).get('/api/errors/nest-forbidden').expect(403);
        expect(response.body).toEqual(
          envelope('permission_denied', 'You do not have permission to perform this action.'),
        );
      });

      it('keeps the message of an UnauthorizedException', async () => {
        const response = await request(http).get('/api/errors/nest-unauthorized').expect(401);
        expect(response.body).toEqual(envelope('not_authenticated', 'Token missing.'));
      });

      it('keeps a NotFoundException thrown by a routed handler as 404, not 405', async () => {
        const response = await request(http).get('/api/errors/nest-not-found').expect(404);
        expect(response.body).toEqual(envelope('not_found', 'No gadget with this serial number.'));
      });

      it('derives a code from the status name outside the stable set', async () => {
        const response = await request(http).get('/api/errors/teapot').expect(418);
        expect(response.body).toEqual(envelope('im_a_teapot', 'Short and stout.'));
      });

      it('turns a ParseIntPipe failure into validation_error', async () => {
        const response = await request(http).get('/api/gadgets/abc').expect(400);
        expect(response.body).toEqual(
          envelope('validation_error', 'Validation failed (numeric string is expected)'),
        );
      });
    });

    describe('ValidationPipe', () => {
      it('turns the default factory messages into per-field details', async () => {
        const response = await request(http)
          .post('/api/gadgets')
          .send({ name: 5, extra: true })
          .expect(400);
        expect(response.body).toEqual(
          envelope('validation_error', 'Request validation failed.', {
            name: ['name must be shorter than or equal to 20 characters', 'name must be a string'],
          }),
        );
      });

      it('keeps nested fields with validationExceptionFactory', async () => {
        const response = await request(http)
          .post('/api/gadgets/measured')
          .send({ name: 'ok', dimensions: { width: 0 } })
          .expect(400);
        expect(response.body).toEqual(
          envelope('validation_error', 'Request validation failed.', {
            dimensions: { width: ['width must not be less than 1'] },
          }),
        );
      });
    });

    describe('routing', () => {
      it('answers an unknown URL with 404 not_found', async () => {
        const response = await request(http).get('/api/does-not-exist').expect(404);
        expect(response.body).toEqual(envelope('not_found', 'Not found.'));
      });

      it('answers a known URL with another method with 405 and Allow', async () => {
        const response = await request(http).put('/api/gadgets').send({ name: 'x' }).expect(405);
        expect(response.headers['allow']).toBe('GET, HEAD, POST');
        expect(response.body).toEqual(envelope('method_not_allowed', 'Method "PUT" not allowed.'));
      });

      it('lists the methods of a parameterised route in Allow', async () => {
        const response = await request(http).patch('/api/gadgets/1').send({}).expect(405);
        expect(response.headers['allow']).toBe('GET, HEAD, DELETE');
        expect(response.body).toEqual(
          envelope('method_not_allowed', 'Method "PATCH" not allowed.'),
        );
      });

      it('answers a malformed percent-encoding in the path with 400 parse_error', async () => {
        const response = await request(http).get('/api/gadgets/%E0%A4%A').expect(400);
        expect(response.body).toEqual(envelope('parse_error', 'Malformed request URL.'));
      });

      it('ignores the query string when matching the path', async () => {
        const response = await request(http).delete('/api/gadgets?force=1').expect(405);
        expect(response.headers['allow']).toBe('GET, HEAD, POST');
      });
    });

    describe('request bodies', () => {
      it('answers malformed JSON with 400 parse_error', async () => {
        const response = await request(http)
          .post('/api/gadgets')
          .set('Content-Type', 'application/json')
          .send('{"name": ')
          .expect(400);
        expect(response.body.error.code).toBe('parse_error');
        expect(response.body.error.message).toMatch(/^JSON parse error - /);
        expect(response.body.error.details).toEqual({});
      });

      it('answers an unsupported content type with 415', async () => {
        const response = await request(http)
          .post('/api/gadgets')
          .set('Content-Type', 'text/csv')
          .send('name\nwidget')
          .expect(415);
        expect(response.body).toEqual(
          envelope('unsupported_media_type', 'Unsupported media type "text/csv" in request.'),
        );
      });

      it('answers a body over the limit with 413 and names the limit', async () => {
        const response = await request(http)
          .post('/api/gadgets')
          .send({ name: 'x'.repeat(TEST_BODY_LIMIT + 1) })
          .expect(413);
        expect(response.body).toEqual(
          envelope(
            'parse_error',
            `Request body is too large: the limit is ${TEST_BODY_LIMIT} bytes.`,
          ),
        );
      });
    });

    describe('TypeORM errors', () => {
      it('turns EntityNotFoundError into 404', async () => {
        const response = await request(http).get('/api/gadgets/999999').expect(404);
        expect(response.body).toEqual(envelope('not_found', 'Not found.'));
      });

      it('turns a unique violation into 409 conflict naming the field', async () => {
        const name = `dup-${adapterName}`;
        await createGadget(name);
        const response = await request(http).post('/api/gadgets').send({ name }).expect(409);
        expect(response.body).toEqual(
          envelope('conflict', 'A gadget with this name already exists.', { fields: ['name'] }),
        );
        const list = await request(http).get('/api/gadgets').expect(200);
        expect((list.body as { name: string }[]).filter((row) => row.name === name)).toHaveLength(
          1,
        );
      });

      it('turns a reference to a missing row into 409 conflict', async () => {
        const response = await request(http)
          .post('/api/parts')
          .send({ label: 'bolt', gadgetId: 999999 })
          .expect(409);
        expect(response.body.error.code).toBe('conflict');
      });

      it('turns deleting a referenced row into 409 conflict and keeps the row', async () => {
        const id = await createGadget(`referenced-${adapterName}`);
        await request(http).post('/api/parts').send({ label: 'nut', gadgetId: id }).expect(201);
        const response = await request(http).delete(`/api/gadgets/${id}`).expect(409);
        expect(response.body.error.code).toBe('conflict');
        await request(http).get(`/api/gadgets/${id}`).expect(200);
      });
    });

    describe('unexpected errors', () => {
      it.each(['crash', 'crash-async'])(
        'answers %s with a generic 500, logging the error and its stack',
        async (route) => {
          const logged = jest.spyOn(Logger.prototype, 'error');
          try {
            const response = await request(http).get(`/api/errors/${route}`).expect(500);
            expect(response.body).toEqual(envelope('internal_error', 'A server error occurred.'));
            expect(response.text).not.toContain('hunter2');
            const [message, stack] = logged.mock.calls.at(-1) ?? [];
            expect(message).toContain(SECRET);
            expect(stack).toContain('errors.controller');
          } finally {
            logged.mockRestore();
          }
        },
      );
    });
  });
});
