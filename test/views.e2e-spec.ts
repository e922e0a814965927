import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PageNumberPagination } from 'nestjs-restflow';
import { DataSource } from 'typeorm';
import { Note } from './fixtures/views/note.entity';
import { VIEWS_ENTITIES, ViewsModule } from './fixtures/views/views.module';
import { ADAPTERS } from './utils/adapters';
import { testDatabases } from './utils/databases';
import { useTestApp, useTestDatabase } from './utils/e2e-hooks';

const notFound = { error: { code: 'not_found', message: 'Not found.', details: {} } };

describe.each(testDatabases())('views on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  describe.each(ADAPTERS)('over %s', (adapterName) => {
    const handle = useTestApp(adapterName, database, (options) => [
      ViewsModule.forDatabase(options(VIEWS_ENTITIES)),
    ]);
    let app: INestApplication;
    let http: Parameters<typeof request>[0];
    let counter = 0;
    const unique = (stem: string) => `${stem}-${adapterName}-${++counter}`;

    beforeAll(() => {
      app = handle.app();
      http = handle.http();
    });

    const notes = () => app.get(DataSource).getRepository(Note);
    const makeNote = (title = unique('note')) => notes().save({ title, body: 'b' });
    const representation = (note: Note) => ({
      id: note.id,
      title: note.title,
      body: note.body,
      createdBy: note.createdBy ?? null,
    });

    describe('the nine generic views', () => {
      it('ListAPIView lists every row as a plain array (no paginator)', async () => {
        const note = await makeNote();
        const response = await request(http).get('/gv/list').expect(200);
        expect(response.body).toContainEqual(representation(note));
        await request(http)
          .post('/gv/list')
          .send({})
          .expect(405)
          .expect('Allow', 'GET, HEAD, OPTIONS');
      });

      it('CreateAPIView creates (201, body = representation) and validates (400)', async () => {
        const title = unique('created');
        const response = await request(http)
          .post('/gv/create')
          .send({ title, id: 999 })
          .expect(201);
        const stored = await notes().findOneByOrFail({ title });
        expect(response.body).toEqual(representation(stored));
        expect(stored.id).not.toBe(999);
        await request(http)
          .post('/gv/create')
          .send({ title: 'x' })
          .expect(400, {
            error: {
              code: 'validation_error',
              message: 'Request validation failed.',
              details: { title: ['Ensure this field has at least 2 characters.'] },
            },
          });
        await request(http).get('/gv/create').expect(405).expect('Allow', 'POST, OPTIONS');
      });

      it('RetrieveAPIView answers 200, and 404 for a missing or malformed id', async () => {
        const note = await makeNote();
        await request(http).get(`/gv/retrieve/${note.id}`).expect(200, representation(note));
        await request(http).get('/gv/retrieve/999999').expect(404, notFound);
        await request(http).get('/gv/retrieve/abc').expect(404, notFound);
        await request(http).get('/gv/retrieve/99999999999999').expect(404, notFound);
        await request(http)
          .put(`/gv/retrieve/${note.id}`)
          .send({})
          .expect(405)
          .expect('Allow', 'GET, HEAD, OPTIONS');
      });

      it('UpdateAPIView replaces with PUT and patches with PATCH', async () => {
        const note = await makeNote();
        await request(http)
          .put(`/gv/update/${note.id}`)
          .send({ body: 'only body' })
          .expect(400)
          .expect(({ body }) =>
            expect(body.error.details).toEqual({ title: ['This field is required.'] }),
          );
        const title = unique('renamed');
        await request(http)
          .put(`/gv/update/${note.id}`)
          .send({ title, body: 'new' })
          .expect(200, { ...representation(note), title, body: 'new' });
        await request(http)
          .patch(`/gv/update/${note.id}`)
          .send({ body: 'patched' })
          .expect(200, { ...representation(note), title, body: 'patched' });
        await request(http).patch('/gv/update/999999').send({}).expect(404, notFound);
        await request(http)
          .get(`/gv/update/${note.id}`)
          .expect(405)
          .expect('Allow', 'PUT, PATCH, OPTIONS');
      });

      it('DestroyAPIView deletes with 204 and an empty body', async () => {
        const note = await makeNote();
        const response = await request(http).delete(`/gv/destroy/${note.id}`).expect(204);
        expect(response.text).toBe('');
        expect(await notes().findOneBy({ id: note.id })).toBeNull();
        await request(http).delete(`/gv/destroy/${note.id}`).expect(404, notFound);
      });

      it.each([
        ['list-create', 'GET, HEAD, POST, OPTIONS', false],
        ['retrieve-update/:id', 'GET, HEAD, PUT, PATCH, OPTIONS', true],
        ['retrieve-destroy/:id', 'GET, HEAD, DELETE, OPTIONS', true],
        ['retrieve-update-destroy/:id', 'GET, HEAD, PUT, PATCH, DELETE, OPTIONS', true],
      ])('%s serves exactly %s', async (path, allow, detail) => {
        const note = await makeNote();
        const url = `/gv/${path.replace(':id', String(note.id))}`;
        await request(http).get(url).expect(200);
        const absent = detail ? 'post' : 'delete';
        await request(http)[absent](url).send({}).expect(405).expect('Allow', allow);
        if (allow.includes('PATCH')) {
          await request(http).patch(url).send({ body: 'p' }).expect(200);
        }
        if (allow.includes('DELETE')) {
          await request(http).delete(url).expect(204);
        }
        if (allow.includes('POST')) {
          await request(http)
            .post(url)
            .send({ title: unique('lc') })
            .expect(201);
        }
      });
    });

    describe('viewsets', () => {
      it('stamps the creator in performCreate', async () => {
        const title = unique('stamped');
        const response = await request(http)
          .post('/api/notes')
          .set('x-user', 'alice')
          .send({ title, createdBy: 'mallory' })
          .expect(201);
        expect(response.body).toMatchObject({ title, createdBy: 'alice' });
      });

      it('sets Location when the representation has a url', async () => {
        const response = await request(http)
          .post('/api/linked-notes')
          .send({ title: unique('linked') })
          .expect(201);
        expect(response.headers['location']).toBe(`/api/linked-notes/${response.body.id}`);
        expect(response.body.url).toBe(response.headers['location']);
      });

      it('enforces the content types and body limit of one action', async () => {
        await request(http)
          .post('/api/notes')
          .type('form')
          .send(`title=${unique('form')}`)
          .expect(415)
          .expect(({ body }) =>
            expect(body.error.message).toBe(
              'Unsupported media type "application/x-www-form-urlencoded" in request.',
            ),
          );
        await request(http)
          .post('/api/notes')
          .send({ title: unique('long'), body: 'x'.repeat(300) })
          .expect(413, {
            error: {
              code: 'parse_error',
              message: 'Request body is too large: the limit is 200 bytes.',
              details: {},
            },
          });
        // Other actions keep the app-wide rules: a form body is fine on the generic view.
        const form = await request(http)
          .post('/gv/create')
          .type('form')
          .send(`title=${unique('form')}`);
        expect(form.status).toBe(201);
        expect(form.body).toMatchObject({ body: '', createdBy: null });
      });

      it('rolls the row back when performCreate throws after saving', async () => {
        const before = await notes().countBy({ title: 'explode' });
        await request(http).post('/api/notes').send({ title: 'explode' }).expect(400);
        expect(await notes().countBy({ title: 'explode' })).toBe(before);
        expect(before).toBe(0);
      });

      it('applies the list overrides (serializer, paginator, queryset) to list only', async () => {
        const hidden = await makeNote(unique('hidden'));
        const list = await request(http).get('/api/notes').expect(200);
        expect(Object.keys(list.body)).toEqual(['firstTwo']);
        expect(list.body.firstTwo.length).toBeLessThanOrEqual(2);
        for (const item of list.body.firstTwo as Record<string, unknown>[]) {
          expect(Object.keys(item)).toEqual(['id', 'title']);
          expect(String(item.title)).not.toMatch(/^hidden/);
        }
        // retrieve keeps the view's serializer and queryset: the hidden note is there in full.
        await request(http).get(`/api/notes/${hidden.id}`).expect(200, representation(hidden));
        // `count` has its own queryset in actionConfigs: hidden notes are not counted.
        const visible = await notes()
          .createQueryBuilder('note')
          .where('note.title NOT LIKE :hidden', { hidden: 'hidden%' })
          .getCount();
        await request(http).get('/api/notes/count').expect(200, { count: visible });
      });

      it('updates, patches and destroys through the viewset', async () => {
        const note = await makeNote();
        await request(http)
          .patch(`/api/notes/${note.id}`)
          .send({ body: 'via viewset' })
          .expect(200, { ...representation(note), body: 'via viewset' });
        await request(http).delete(`/api/notes/${note.id}`).expect(204);
        await request(http).get(`/api/notes/${note.id}`).expect(404, notFound);
      });

      it('serves extra actions on a row and refuses other methods there', async () => {
        const note = await makeNote();
        await request(http)
          .post(`/api/notes/${note.id}/archive`)
          .expect(200, { archived: note.id });
        await request(http).post('/api/notes/999999/archive').expect(404, notFound);
        await request(http)
          .get(`/api/notes/${note.id}/archive`)
          .expect(405)
          .expect('Allow', 'POST, OPTIONS');
      });

      it('gives a read-only viewset no write routes', async () => {
        const note = await makeNote();
        await request(http)
          .post('/api/read-notes')
          .send({})
          .expect(405)
          .expect('Allow', 'GET, HEAD, OPTIONS');
        await request(http)
          .delete(`/api/read-notes/${note.id}`)
          .expect(405)
          .expect('Allow', 'GET, HEAD, OPTIONS');
        const list = await request(http).get('/api/read-notes').expect(200);
        expect(Array.isArray(list.body)).toBe(true);
      });

      it('composes mixins freely: list, create and destroy only', async () => {
        const note = await makeNote();
        await request(http)
          .get(`/api/soft-notes/${note.id}`)
          .expect(405)
          .expect('Allow', 'DELETE, OPTIONS');
        await request(http).delete(`/api/soft-notes/${note.id}`).expect(204);
        await request(http)
          .post('/api/soft-notes')
          .send({ title: unique('soft') })
          .expect(201);
      });

      it('accepts a trailing slash on both adapters', async () => {
        await request(http).get('/api/notes/').expect(200);
        await request(http).get('/api/').expect(200);
        await request(http)
          .put('/api/read-notes/')
          .send({})
          .expect(405)
          .expect('Allow', 'GET, HEAD, OPTIONS');
      });

      it('serves a viewset without a model through the APIView helpers', async () => {
        await request(http).post('/api/stats/echo').send({ word: 'hello', extra: 1 }).expect(200, {
          word: 'hello',
        });
        await request(http)
          .post('/api/stats/echo')
          .send({ word: 'much too long' })
          .expect(400)
          .expect(({ body }) =>
            expect(body.error.details).toEqual({
              word: ['Ensure this field has no more than 10 characters.'],
            }),
          );
        await request(http).get('/api/stats').expect(404);
      });

      it('serves the API root with every viewset under it', async () => {
        const response = await request(http).get('/api').expect(200);
        expect(Object.keys(response.body)).toEqual([
          'linked-notes',
          'notes',
          'read-notes',
          'soft-notes',
          'stats',
        ]);
        expect(response.body.notes).toMatch(/^http:\/\/[^/]+\/api\/notes$/);
        await request(http).post('/api').expect(405).expect('Allow', 'GET, HEAD');
      });
    });
  });
});

describe.each(testDatabases())('forRoot pagination defaults on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);
  // Nested, so that the app is closed before the database is dropped.
  describe('over express', () => {
    const handle = useTestApp('express', database, (options) => [
      ViewsModule.forDatabase(options(VIEWS_ENTITIES), {
        pagination: { defaultPaginationClass: PageNumberPagination, pageSize: 2 },
      }),
    ]);

    it('paginates a view that sets no paginator with the module default', async () => {
      const notes = handle.app().get(DataSource).getRepository(Note);
      await notes.save([{ title: 'first' }, { title: 'second' }, { title: 'third' }]);
      const response = await request(handle.http()).get('/api/read-notes').expect(200);
      expect(Object.keys(response.body)).toEqual(['count', 'next', 'previous', 'results']);
      expect(response.body.count).toBe(3);
      expect(response.body.results).toHaveLength(2);
      expect(response.body.next).toMatch(/\/api\/read-notes\?page=2$/);
    });
  });
});
