import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Article } from './fixtures/permissions/article.entity';
import { STAFF_OR_OWNER } from './fixtures/permissions/article.views';
import { PERMISSIONS_ENTITIES, PermissionsModule } from './fixtures/permissions/permissions.module';
import { ADAPTERS } from './utils/adapters';
import { testDatabases } from './utils/databases';
import { useTestApp, useTestDatabase } from './utils/e2e-hooks';

const CHALLENGE = 'Test realm="api"';
const DEFAULT_DENIAL = 'You do not have permission to perform this action.';

const envelope = (code: string, message: string) => ({ error: { code, message, details: {} } });
const notAuthenticated = envelope(
  'not_authenticated',
  'Authentication credentials were not provided.',
);
const denied = (message = DEFAULT_DENIAL) => envelope('permission_denied', message);
const notFound = envelope('not_found', 'Not found.');

describe.each(testDatabases())('permissions on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  describe.each(ADAPTERS)('over %s', (adapterName) => {
    const handle = useTestApp(adapterName, database, (options) => [
      PermissionsModule.forDatabase(options(PERMISSIONS_ENTITIES)),
    ]);
    let app: INestApplication;
    let http: Parameters<typeof request>[0];
    let counter = 0;

    beforeAll(() => {
      app = handle.app();
      http = handle.http();
    });

    const articles = () => app.get(DataSource).getRepository(Article);
    const makeArticle = (owner: string, published = false) =>
      articles().save({ title: `${owner}-${adapterName}-${++counter}`, owner, published });
    const as = (user: string) => ({ 'X-Test-User': user });

    /** A 401 that carries the first authenticator's challenge. */
    const expectChallenge = (response: request.Response) => {
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe(CHALLENGE);
      expect(response.body).toEqual(notAuthenticated);
    };
    /** A 403 without any challenge. */
    const expectForbidden = (response: request.Response, body: unknown) => {
      expect(response.status).toBe(403);
      expect(response.headers['www-authenticate']).toBeUndefined();
      expect(response.body).toEqual(body);
    };

    describe('the class policy of a viewset', () => {
      it('lets anyone read a list (IsAuthenticatedOrReadOnly)', async () => {
        const article = await makeArticle('alice', true);
        const response = await request(http).get('/api/articles').expect(200);
        expect(response.body).toContainEqual({
          id: article.id,
          title: article.title,
          owner: 'alice',
          published: true,
        });
      });

      it('answers an anonymous write 401 with the challenge, before any lookup', async () => {
        const article = await makeArticle('alice', true);
        expectChallenge(
          await request(http).patch(`/api/articles/${article.id}`).send({ title: 'hijacked' }),
        );
        expectChallenge(await request(http).patch('/api/articles/999999').send({ title: 'x' }));
        expect(await articles().findOneByOrFail({ id: article.id })).toEqual(article);
      });

      it('refuses a user who is neither staff nor the owner: 403 with the anyOf message, row unchanged', async () => {
        const article = await makeArticle('alice', true);
        for (const method of ['put', 'patch'] as const) {
          expectForbidden(
            await request(http)
              [method](`/api/articles/${article.id}`)
              .set(as('bob'))
              .send({ title: 'hijacked' }),
            denied(STAFF_OR_OWNER),
          );
        }
        expect(await articles().findOneByOrFail({ id: article.id })).toEqual(article);
      });

      it('lets the owner and staff update', async () => {
        const article = await makeArticle('alice');
        await request(http)
          .patch(`/api/articles/${article.id}`)
          .set(as('alice'))
          .send({ title: `${article.title}-by-alice` })
          .expect(200);
        await request(http)
          .put(`/api/articles/${article.id}`)
          .set(as('root'))
          .send({ title: `${article.title}-by-root` })
          .expect(200);
        expect((await articles().findOneByOrFail({ id: article.id })).title).toBe(
          `${article.title}-by-root`,
        );
      });

      it('answers 404 for a missing row before any object check', async () => {
        await request(http)
          .patch('/api/articles/999999')
          .set(as('bob'))
          .send({ title: 'x' })
          .expect(404, notFound);
      });
    });

    describe('per-action permissions (@ActionConfig)', () => {
      it('retrieve: published articles for anyone, drafts for their author only', async () => {
        const published = await makeArticle('alice', true);
        const draft = await makeArticle('alice');
        await request(http).get(`/api/articles/${published.id}`).expect(200);
        expectChallenge(await request(http).get(`/api/articles/${draft.id}`));
        expectForbidden(
          await request(http).get(`/api/articles/${draft.id}`).set(as('bob')),
          denied('This article is not published.'),
        );
        await request(http).get(`/api/articles/${draft.id}`).set(as('alice')).expect(200);
        await request(http).get('/api/articles/999999').expect(404, notFound);
      });

      it('create: 401 for anonymous, 403 with the async permission message, 201 for a writer', async () => {
        const title = `created-${adapterName}-${++counter}`;
        expectChallenge(await request(http).post('/api/articles').send({ title }));
        expectForbidden(
          await request(http).post('/api/articles').set(as('mallory')).send({ title }),
          denied('Your account may not write articles.'),
        );
        expect(await articles().countBy({ title })).toBe(0);
        const response = await request(http)
          .post('/api/articles')
          .set(as('alice'))
          .send({ title })
          .expect(201);
        expect(response.body).toMatchObject({ title, owner: 'alice', published: false });
      });

      it('destroy: only the owner, even against staff; allOf passes on the owner message', async () => {
        const article = await makeArticle('alice');
        expectChallenge(await request(http).delete(`/api/articles/${article.id}`));
        for (const user of ['bob', 'root']) {
          expectForbidden(
            await request(http).delete(`/api/articles/${article.id}`).set(as(user)),
            denied('Only the owner may change this article.'),
          );
        }
        expect(await articles().findOneBy({ id: article.id })).toEqual(article);
        await request(http).delete('/api/articles/999999').set(as('bob')).expect(404, notFound);
        await request(http).delete(`/api/articles/${article.id}`).set(as('alice')).expect(204);
        expect(await articles().findOneBy({ id: article.id })).toBeNull();
      });

      it('an extra action for staff only refuses others with the default message', async () => {
        expectChallenge(await request(http).get('/api/articles/stats'));
        expectForbidden(await request(http).get('/api/articles/stats').set(as('alice')), denied());
        const response = await request(http).get('/api/articles/stats').set(as('root')).expect(200);
        expect(response.body.count).toBeGreaterThan(0);
      });

      it('nested combinators on an object: staff, or the owner', async () => {
        const draft = await makeArticle('alice');
        expectChallenge(await request(http).post(`/api/articles/${draft.id}/publish`));
        expectForbidden(
          await request(http).post(`/api/articles/${draft.id}/publish`).set(as('bob')),
          denied(),
        );
        expect((await articles().findOneByOrFail({ id: draft.id })).published).toBe(false);
        await request(http)
          .post(`/api/articles/${draft.id}/publish`)
          .set(as('alice'))
          .expect(200)
          .expect(({ body }) => expect(body).toMatchObject({ id: draft.id, published: true }));
        const other = await makeArticle('bob');
        await request(http).post(`/api/articles/${other.id}/publish`).set(as('root')).expect(200);
        expect((await articles().findOneByOrFail({ id: other.id })).published).toBe(true);
        await request(http)
          .post('/api/articles/999999/publish')
          .set(as('bob'))
          .expect(404, notFound);
      });

      it('a first authenticator without a challenge makes an anonymous refusal 403 not_authenticated', async () => {
        expectForbidden(await request(http).get('/api/articles/mine'), notAuthenticated);
        await makeArticle('alice');
        const response = await request(http).get('/api/articles/mine').set(as('alice')).expect(200);
        expect(response.body.count).toBeGreaterThan(0);
      });
    });

    describe('forRoot defaults', () => {
      it('apply to a view that sets no policy (IsAuthenticated over TestHeaderAuthentication)', async () => {
        expectChallenge(await request(http).get('/api/ping'));
        await request(http).get('/api/ping').set(as('alice')).expect(200, { pong: 'alice' });
      });
    });

    describe('a custom controller with @UseGuards(AuthenticationGuard, PermissionsGuard)', () => {
      it('applies the class @ActionConfig', async () => {
        expectChallenge(await request(http).get('/custom/me'));
        await request(http)
          .get('/custom/me')
          .set(as('alice'))
          .expect(200, { id: 1, username: 'alice', isStaff: false });
      });

      it('lets a handler @ActionConfig replace the class permissions', async () => {
        await request(http).get('/custom/open').expect(200, { open: true });
        expectForbidden(await request(http).get('/custom/admin').set(as('alice')), denied());
        await request(http).get('/custom/admin').set(as('root')).expect(200, { admin: true });
      });

      it('checks object permissions with checkObjectPermissions(), after a 404 for a missing row', async () => {
        const article = await makeArticle('alice');
        expectChallenge(await request(http).delete(`/custom/articles/${article.id}`));
        expectForbidden(
          await request(http).delete(`/custom/articles/${article.id}`).set(as('bob')),
          denied('Only the owner may change this article.'),
        );
        expect(await articles().findOneBy({ id: article.id })).toEqual(article);
        await request(http).delete('/custom/articles/999999').set(as('bob')).expect(404, notFound);
        await request(http)
          .delete(`/custom/articles/${article.id}`)
          .set(as('alice'))
          .expect(200, { deleted: article.id });
        expect(await articles().findOneBy({ id: article.id })).toBeNull();
      });
    });
  });
});
