import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { SURFACE_ENTITIES, SurfaceModule } from './fixtures/http-surface/surface.module';
import { BrokenDetailView } from './fixtures/http-surface/surface.views';
import { Note } from './fixtures/views/note.entity';
import { ADAPTERS, createTestApp } from './utils/adapters';
import { testDatabases } from './utils/databases';
import { useTestApp, useTestDatabase } from './utils/e2e-hooks';

const alice = { 'X-Test-User': 'alice' };

describe.each(testDatabases())('the HTTP surface of views on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  describe.each(ADAPTERS)('over %s', (adapterName) => {
    const handle = useTestApp(adapterName, database, (options) => [
      SurfaceModule.forDatabase(options(SURFACE_ENTITIES)),
    ]);
    let http: Parameters<typeof request>[0];
    let counter = 0;
    beforeAll(() => {
      http = handle.http();
    });
    const makeNote = () =>
      handle
        .app()
        .get(DataSource)
        .getRepository(Note)
        .save({ title: `surface-${adapterName}-${++counter}`, body: 'b' });

    describe('extra actions (12)', () => {
      it('answer 200 to POST, unless @HttpCode says otherwise (above or below @Action)', async () => {
        const note = await makeNote();
        await request(http)
          .post(`/hs/notes/${note.id}/archive`)
          .set(alice)
          .expect(200, { archived: note.id });
        await request(http).post('/hs/notes/queue').set(alice).expect(202, { queued: true });
        await request(http).post('/hs/notes/make').set(alice).expect(201, { made: true });
      });
    });

    describe('permission refusals (15)', () => {
      it('are 403 permission_denied with the permission message when the view has no authenticators', async () => {
        const note = await makeNote();
        await request(http)
          .get(`/hs/closed/${note.id}`)
          .expect(403, {
            error: {
              code: 'permission_denied',
              message: 'The shop is closed today.',
              details: {},
            },
          });
        await request(http)
          .get(`/hs/anonymous/${note.id}`)
          .expect(403, {
            error: {
              code: 'permission_denied',
              message: 'You do not have permission to perform this action.',
              details: {},
            },
          });
      });

      it('stay "who are you?" when the view has authenticators', async () => {
        await request(http)
          .post('/hs/notes')
          .send({ title: 'anonymous' })
          .expect(401)
          .expect('WWW-Authenticate', 'Test realm="api"')
          .expect(({ body }) => expect(body.error.code).toBe('not_authenticated'));
        await request(http)
          .get('/hs/session')
          .expect(403)
          .expect(({ body }) => expect(body.error.code).toBe('not_authenticated'));
      });
    });

    describe('authentication errors thrown in handlers (16)', () => {
      it('are 401 with the challenge on a view with a challenging authenticator', async () => {
        const notAuthenticated = await request(http)
          .get('/hs/notes/refuse')
          .expect(401)
          .expect('WWW-Authenticate', 'Test realm="api"');
        expect(notAuthenticated.body.error.code).toBe('not_authenticated');
        const failed = await request(http)
          .get('/hs/notes/refuse')
          .set('X-Failed', '1')
          .expect(401)
          .expect('WWW-Authenticate', 'Test realm="api"');
        expect(failed.body.error.code).toBe('authentication_failed');
      });

      it('are 403 without a challenge when the view has no authenticator or none that challenges', async () => {
        const anonymous = await request(http).get('/hs/anonymous/refuse').expect(403);
        expect(anonymous.body.error.code).toBe('not_authenticated');
        expect(anonymous.headers['www-authenticate']).toBeUndefined();
        const session = await request(http).get('/hs/session/refuse').set(alice).expect(403);
        expect(session.body.error.code).toBe('authentication_failed');
        expect(session.headers['www-authenticate']).toBeUndefined();
      });
    });

    describe('ValidationFailed thrown in a view (17)', () => {
      it('renders as DRF does: the message under non_field_errors', async () => {
        await request(http)
          .post('/hs/notes/oops')
          .set(alice)
          .expect(400, {
            error: {
              code: 'validation_error',
              message: 'Request validation failed.',
              details: { non_field_errors: ['oops'] },
            },
          });
      });
    });

    describe('Allow and Vary (11)', () => {
      it('are on every answer of a view, errors included', async () => {
        const note = await makeNote();
        await request(http)
          .get('/hs/notes')
          .expect(200)
          .expect('Allow', 'GET, HEAD, POST, OPTIONS')
          .expect('Vary', /\bAccept\b/);
        await request(http)
          .get(`/hs/notes/${note.id}`)
          .expect(200)
          .expect('Allow', 'GET, HEAD, PUT, PATCH, DELETE, OPTIONS')
          .expect('Vary', /\bAccept\b/);
        await request(http)
          .get('/hs/notes/999999')
          .expect(404)
          .expect('Allow', 'GET, HEAD, PUT, PATCH, DELETE, OPTIONS')
          .expect('Vary', /\bAccept\b/);
        await request(http).get('/hs/notes/page').expect(200).expect('Allow', 'GET, HEAD, OPTIONS');
        await request(http)
          .post(`/hs/notes/${note.id}/archive`)
          .expect(401)
          .expect('Allow', 'POST, OPTIONS')
          .expect('Vary', /\bAccept\b/);
      });
    });

    describe('helper headers (13)', () => {
      it('serializedResponse and paginatedResponse set their headers option', async () => {
        const note = await makeNote();
        await request(http)
          .get(`/hs/notes/${note.id}/tagged`)
          .expect(200)
          .expect('X-Tag', `note-${note.id}`);
        const page = await request(http).get('/hs/notes/page').expect(200).expect('X-Page', 'all');
        expect(Array.isArray(page.body)).toBe(true);
      });
    });

    describe('getObject() on a route without the lookup parameter (14)', () => {
      it('is a 500 whose logged cause names the parameter, not a 404', async () => {
        await request(http)
          .get('/hs/anonymous/first')
          .expect(500, {
            error: { code: 'internal_error', message: 'A server error occurred.', details: {} },
          });
      });
    });

    describe('OPTIONS (10)', () => {
      it('answers the metadata of a collection, with the POST fields for who may post', async () => {
        const response = await request(http)
          .options('/hs/notes')
          .set(alice)
          .expect(200)
          .expect('Allow', 'GET, HEAD, POST, OPTIONS');
        expect(response.body).toEqual({
          name: 'Surface Note List',
          description: '',
          renders: ['application/json'],
          parses: ['application/json', 'application/x-www-form-urlencoded'],
          actions: {
            POST: {
              id: {
                type: 'integer',
                required: false,
                read_only: true,
                label: 'Id',
                min_value: -2147483648,
                max_value: 2147483647,
              },
              title: {
                type: 'string',
                required: true,
                read_only: false,
                label: 'Title',
                min_length: 2,
                max_length: 100,
              },
              body: { type: 'string', required: false, read_only: false, label: 'Body' },
              createdBy: {
                type: 'string',
                required: false,
                read_only: true,
                label: 'Created by',
                max_length: 50,
              },
            },
          },
        });
      });

      it('leaves out the methods the caller may not use, and serves detail paths', async () => {
        const note = await makeNote();
        const anonymous = await request(http).options('/hs/notes').expect(200);
        expect(anonymous.body.actions).toBeUndefined();
        const detail = await request(http)
          .options(`/hs/notes/${note.id}`)
          .set(alice)
          .expect(200)
          .expect('Allow', 'GET, HEAD, PUT, PATCH, DELETE, OPTIONS');
        expect(detail.body.name).toBe('Surface Note Instance');
        expect(Object.keys(detail.body.actions)).toEqual(['PUT']);
        const missing = await request(http).options('/hs/notes/999999').set(alice).expect(200);
        expect(missing.body.actions).toBeUndefined();
        const closed = await request(http).options(`/hs/closed/${note.id}`).expect(403);
        expect(closed.body.error.message).toBe('The shop is closed today.');
        const action = await request(http).options('/hs/notes/page').expect(200);
        expect(action.headers['allow']).toBe('GET, HEAD, OPTIONS');
      });
    });
  });
});

describe.each(ADAPTERS)(
  'a detail view without its lookup parameter, over %s (14)',
  (adapterName) => {
    it('is refused at boot with a message naming the parameter and the fix', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [
          SurfaceModule.forDatabase(
            { type: 'sqljs', entities: SURFACE_ENTITIES, synchronize: true },
            [BrokenDetailView],
          ),
        ],
      }).compile();
      try {
        await expect(createTestApp(moduleRef, adapterName)).rejects.toThrow(
          /BrokenDetailView\.retrieve .*"hs\/broken" has no ":id" parameter.*Fix:/,
        );
      } finally {
        await moduleRef.close();
      }
    });
  },
);
