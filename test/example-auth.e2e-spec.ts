import type { INestApplication } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { hashPassword } from 'nestjs-restflow';
import request from 'supertest';
import { DataSource, In } from 'typeorm';
import { Category } from '../apps/example/src/catalog/category.entity';
import { Product } from '../apps/example/src/catalog/product.entity';
import { Review } from '../apps/example/src/catalog/review.entity';
import { User } from '../apps/example/src/users/user.entity';
import { ADAPTERS } from './utils/adapters';
import { testDatabases } from './utils/databases';
import { useTestDatabase } from './utils/e2e-hooks';
import { bootExample, EXAMPLE_SIGNING_KEY } from './utils/example-app';

const SIGNING_KEY = EXAMPLE_SIGNING_KEY;

const BEARER_CHALLENGE = 'Bearer realm="api"';

const authenticationFailed = (message: string, code: string) => ({
  error: { code: 'authentication_failed', message, details: { code } },
});

const NO_ACTIVE_ACCOUNT = authenticationFailed(
  'No active account found with the given credentials.',
  'no_active_account',
);

const BLACKLISTED = authenticationFailed('Token has been blacklisted.', 'token_blacklisted');

const NOT_AUTHENTICATED = {
  error: {
    code: 'not_authenticated',
    message: 'Authentication credentials were not provided.',
    details: {},
  },
};

const permissionDenied = (message: string) => ({
  error: { code: 'permission_denied', message, details: {} },
});

const STAFF_ONLY = permissionDenied('Only staff users may change the catalog.');

const AUTHOR_ONLY = permissionDenied('Only the author may change this review.');

const validationError = (details: object) => ({
  error: { code: 'validation_error', message: 'Request validation failed.', details },
});

const methodNotAllowed = (method: string) => ({
  error: { code: 'method_not_allowed', message: `Method "${method}" not allowed.`, details: {} },
});

const REQUIRED = ['This field is required.'];

type Body = Record<string, unknown>;

interface TokenPair {
  access: string;
  refresh: string;
}

/** The claims of a compact JWT, read without verifying it (as any client may). */
function claimsOf(token: string): Body {
  const segments = token.split('.');
  expect(segments).toHaveLength(3);
  return JSON.parse(Buffer.from(segments[1] ?? '', 'base64url').toString('utf8')) as Body;
}

/** An HS256 token with these claims, signed with `key`. */
function signToken(claims: Body, key: string = SIGNING_KEY): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
}

/** What a refusal is made of: status, body and `WWW-Authenticate` challenge. */
function outcome(response: request.Response): {
  status: number;
  body: unknown;
  challenge: unknown;
} {
  return {
    status: response.status,
    body: response.body as unknown,
    challenge: response.headers['www-authenticate'],
  };
}

/** `Authorization` header value of an access token. */
const bearer = (token: string) => `Bearer ${token}`;

describe.each(testDatabases())('example app authentication on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  // Both adapters run on the same database: every name they write carries this run's suffix.
  describe.each(ADAPTERS)('over %s', (adapter) => {
    const suffix = `${databaseName}-${adapter}`;
    let app: INestApplication;
    let server: ReturnType<INestApplication['getHttpServer']>;
    let dataSource: DataSource;
    /** Ids of the seeded users. */
    const ids = { admin: 0, alice: 0, bob: 0 };
    beforeAll(async () => {
      app = await bootExample(adapter, database().url);
      // Listening once, every request has the same Host: hyperlinks compare equal.
      await app.listen(0, '127.0.0.1');
      server = app.getHttpServer();
      dataSource = app.get(DataSource);
      const users = await dataSource
        .getRepository(User)
        .findBy({ username: In(['admin', 'alice', 'bob']) });
      for (const user of users) {
        ids[user.username as keyof typeof ids] = user.id;
      }
      expect(Object.values(ids).every((id) => id > 0)).toBe(true);
    });
    afterAll(() => app.close());

    /** A token pair of a seeded user (password `<username>-password`). */
    async function obtain(username: string, password = `${username}-password`): Promise<TokenPair> {
      const response = await request(server)
        .post('/api/auth/token')
        .send({ username, password })
        .expect(200);
      return response.body as TokenPair;
    }

    /** Creates a category as admin and answers its representation. */
    async function createCategory(access: string, label: string): Promise<Body> {
      const response = await request(server)
        .post('/api/categories')
        .set('Authorization', bearer(access))
        .send({ name: `${label} ${suffix}`, slug: `${label.toLowerCase()}-${suffix}` })
        .expect(201);
      return response.body as Body;
    }

    /** Creates a product as admin and answers its representation. */
    async function createProduct(access: string, label: string, categoryId: unknown) {
      const response = await request(server)
        .post('/api/products')
        .set('Authorization', bearer(access))
        .send({ name: `${label} ${suffix}`, price: '5', tags: [], categoryId })
        .expect(201);
      return response.body as Body;
    }

    describe('token endpoints', () => {
      it('issues, uses, rotates and blacklists tokens', async () => {
        // Log in.
        const response = await request(server)
          .post('/api/auth/token')
          .send({ username: 'admin', password: 'admin-password' })
          .expect(200);
        const first = response.body as TokenPair;
        expect(Object.keys(first)).toEqual(['access', 'refresh']);
        const access = claimsOf(first.access);
        const refresh = claimsOf(first.refresh);
        expect(access).toMatchObject({ token_type: 'access', user_id: ids.admin });
        expect(refresh).toMatchObject({ token_type: 'refresh', user_id: ids.admin });
        expect(Number(access.exp) - Number(access.iat)).toBe(300);
        expect(Number(refresh.exp) - Number(refresh.iat)).toBe(86_400);
        expect(access.jti).not.toEqual(refresh.jti);
        // Signed with JWT_SIGNING_KEY: a token we sign with it is the same token.
        expect(signToken(access)).toBe(first.access);

        // Write with the access token.
        const category = await createCategory(first.access, 'Tokens');

        // Refresh: a new pair; the old refresh token is blacklisted.
        const refreshed = await request(server)
          .post('/api/auth/refresh')
          .send({ refresh: first.refresh })
          .expect(200);
        const second = refreshed.body as TokenPair;
        expect(Object.keys(second)).toEqual(['access', 'refresh']);
        expect(second.access).not.toBe(first.access);
        expect(second.refresh).not.toBe(first.refresh);
        expect(claimsOf(second.refresh)).toMatchObject({
          token_type: 'refresh',
          user_id: ids.admin,
        });
        await request(server)
          .patch(`/api/categories/${String(category.id)}`)
          .set('Authorization', bearer(second.access))
          .send({ description: 'Refreshed.' })
          .expect(200, { ...category, description: 'Refreshed.' });
        await request(server)
          .post('/api/auth/refresh')
          .send({ refresh: first.refresh })
          .expect(401, BLACKLISTED)
          .expect('WWW-Authenticate', BEARER_CHALLENGE);

        // Log out: blacklisting is idempotent, and the refresh token is then refused.
        const loggedOut = await request(server)
          .post('/api/auth/blacklist')
          .send({ refresh: second.refresh })
          .expect(204);
        expect(loggedOut.text).toBe('');
        await request(server)
          .post('/api/auth/blacklist')
          .send({ refresh: second.refresh })
          .expect(204);
        await request(server)
          .post('/api/auth/refresh')
          .send({ refresh: second.refresh })
          .expect(401, BLACKLISTED)
          .expect('WWW-Authenticate', BEARER_CHALLENGE);

        // As in DRF SimpleJWT, only refresh tokens are blacklisted: an access token issued
        // before the logout lives on until it expires.
        await request(server)
          .delete(`/api/categories/${String(category.id)}`)
          .set('Authorization', bearer(second.access))
          .expect(204);
      });

      it.each(['token', 'refresh', 'blacklist'])(
        'answers 405 with Allow: POST, OPTIONS to other methods on /api/auth/%s',
        async (endpoint) => {
          const url = `/api/auth/${endpoint}`;
          await request(server)
            .get(url)
            .expect(405, methodNotAllowed('GET'))
            .expect('Allow', 'POST, OPTIONS');
          await request(server)
            .put(url)
            .send({})
            .expect(405, methodNotAllowed('PUT'))
            .expect('Allow', 'POST, OPTIONS');
          await request(server)
            .delete(url)
            .expect(405, methodNotAllowed('DELETE'))
            .expect('Allow', 'POST, OPTIONS');
        },
      );

      it('refuses wrong credentials with 401 and the Bearer challenge', async () => {
        for (const credentials of [
          { username: 'admin', password: 'wrong-password' },
          { username: 'alice', password: 'bob-password' },
          { username: 'alice', password: 'alice-password ' },
          { username: 'nobody', password: 'nobody-password' },
          // Usernames match exactly, also where the collation ignores case (MySQL/MariaDB).
          { username: 'ADMIN', password: 'admin-password' },
          { username: 'Alice', password: 'alice-password' },
        ]) {
          await request(server)
            .post('/api/auth/token')
            .send(credentials)
            .expect(401, NO_ACTIVE_ACCOUNT)
            .expect('WWW-Authenticate', BEARER_CHALLENGE);
        }
      });

      it('reports missing or malformed fields as a 400 validation error', async () => {
        await request(server)
          .post('/api/auth/token')
          .send({})
          .expect(400, validationError({ username: REQUIRED, password: REQUIRED }));
        await request(server)
          .post('/api/auth/token')
          .send({ username: 'admin' })
          .expect(400, validationError({ password: REQUIRED }));
        await request(server)
          .post('/api/auth/token')
          .send({ username: '', password: '' })
          .expect(
            400,
            validationError({
              username: ['This field may not be blank.'],
              password: ['This field may not be blank.'],
            }),
          );
        await request(server)
          .post('/api/auth/token')
          .send({ username: 'admin', password: true })
          .expect(400, validationError({ password: ['Not a valid string.'] }));
        for (const endpoint of ['refresh', 'blacklist']) {
          await request(server)
            .post(`/api/auth/${endpoint}`)
            .send({})
            .expect(400, validationError({ refresh: REQUIRED }));
          await request(server)
            .post(`/api/auth/${endpoint}`)
            .send({ refresh: null })
            .expect(400, validationError({ refresh: ['This field may not be null.'] }));
        }
      });

      it('refuses what is not a valid refresh token on refresh and blacklist', async () => {
        const pair = await obtain('alice');
        for (const endpoint of ['refresh', 'blacklist']) {
          const url = `/api/auth/${endpoint}`;
          await request(server)
            .post(url)
            .send({ refresh: 'garbage' })
            .expect(401, authenticationFailed('Not enough segments', 'invalid_token'))
            .expect('WWW-Authenticate', BEARER_CHALLENGE);
          await request(server)
            .post(url)
            .send({ refresh: pair.access })
            .expect(
              401,
              authenticationFailed("Wrong token type, expected 'refresh'.", 'invalid_token'),
            )
            .expect('WWW-Authenticate', BEARER_CHALLENGE);
          await request(server)
            .post(url)
            .send({ refresh: signToken(claimsOf(pair.refresh), 'another-key-'.repeat(4)) })
            .expect(401, authenticationFailed('Signature verification failed', 'invalid_token'));
        }
        // None of these revoked the real refresh token.
        await request(server).post('/api/auth/refresh').send({ refresh: pair.refresh }).expect(200);
      });

      it('refuses an invalid bearer token even on a read, as DRF does', async () => {
        const pair = await obtain('alice');
        const access = claimsOf(pair.access);
        const now = Math.floor(Date.now() / 1000);
        const refused: [string, string, string][] = [
          ['Bearer garbage', 'Not enough segments', 'invalid_token'],
          [bearer(pair.refresh), "Wrong token type, expected 'access'.", 'invalid_token'],
          // Alice's token, rewritten to name the admin: the signature no longer matches.
          [
            bearer(
              `${pair.access.split('.')[0]}.${Buffer.from(
                JSON.stringify({ ...access, user_id: ids.admin }),
              ).toString('base64url')}.${pair.access.split('.')[2]}`,
            ),
            'Signature verification failed',
            'invalid_token',
          ],
          [
            bearer(signToken({ ...access, iat: now - 600, exp: now - 300 })),
            'Token has expired.',
            'invalid_token',
          ],
          [bearer(signToken({ ...access, user_id: 987_654 })), 'User not found.', 'user_not_found'],
          [
            'Bearer',
            "Authorization header must be 'Bearer <token>'.",
            'invalid_authorization_header',
          ],
          [
            `Bearer ${pair.access} extra`,
            "Authorization header must be 'Bearer <token>'.",
            'invalid_authorization_header',
          ],
        ];
        for (const [authorization, message, code] of refused) {
          for (const url of ['/api/categories', '/api/products', '/api/reviews']) {
            const response = await request(server).get(url).set('Authorization', authorization);
            expect({ url, message, ...outcome(response) }).toEqual({
              url,
              message,
              status: 401,
              body: authenticationFailed(message, code),
              challenge: BEARER_CHALLENGE,
            });
          }
        }
        // The scheme is case-insensitive; another scheme is not ours and reads anonymously.
        await request(server)
          .get('/api/categories')
          .set('Authorization', `bearer ${pair.access}`)
          .expect(200);
        await request(server)
          .get('/api/categories')
          .set('Authorization', 'Basic YWxpY2U6YWxpY2UtcGFzc3dvcmQ=')
          .expect(200);
        await request(server)
          .post('/api/reviews')
          .set('Authorization', 'Basic YWxpY2U6YWxpY2UtcGFzc3dvcmQ=')
          .send({ product: 1, rating: 5 })
          .expect(401, NOT_AUTHENTICATED)
          .expect('WWW-Authenticate', BEARER_CHALLENGE);
      });
    });

    describe('staff-only catalog writes', () => {
      let admin: TokenPair;
      let alice: TokenPair;
      let category: Body;
      let product: Body;
      beforeAll(async () => {
        admin = await obtain('admin');
        alice = await obtain('alice');
        category = await createCategory(admin.access, 'Guarded');
        product = await createProduct(admin.access, 'Guarded item', category.id);
      });

      /** Every write on the catalog, on the category and product made for this block. */
      function writes(): [string, () => request.Test][] {
        const categoryUrl = `/api/categories/${String(category.id)}`;
        const productUrl = `/api/products/${String(product.id)}`;
        const productBody = {
          name: `Changed ${suffix}`,
          price: '6',
          tags: [],
          categoryId: category.id,
        };
        return [
          [
            'POST /api/categories',
            () =>
              request(server)
                .post('/api/categories')
                .send({ name: `Refused ${suffix}`, slug: `refused-${suffix}` }),
          ],
          [
            'PUT category',
            () =>
              request(server)
                .put(categoryUrl)
                .send({ name: `Changed ${suffix}`, slug: `changed-${suffix}` }),
          ],
          ['PATCH category', () => request(server).patch(categoryUrl).send({ description: 'x' })],
          ['DELETE category', () => request(server).delete(categoryUrl)],
          ['POST /api/products', () => request(server).post('/api/products').send(productBody)],
          ['PUT product', () => request(server).put(productUrl).send(productBody)],
          ['PATCH product', () => request(server).patch(productUrl).send({ price: '7' })],
          ['DELETE product', () => request(server).delete(productUrl)],
          [
            'POST restock',
            () => request(server).post(`${productUrl}/restock`).send({ quantity: 5 }),
          ],
        ];
      }

      /** The category and product of this block are as created. */
      async function expectUnchanged(): Promise<void> {
        await request(server)
          .get(`/api/categories/${String(category.id)}`)
          .expect(200, category);
        await request(server)
          .get(`/api/products/${String(product.id)}`)
          .expect(200, product);
        expect(
          await dataSource.getRepository(Category).countBy({ name: `Refused ${suffix}` }),
        ).toBe(0);
        expect(await dataSource.getRepository(Product).countBy({ name: `Changed ${suffix}` })).toBe(
          0,
        );
      }

      it('lets anyone read the catalog', async () => {
        for (const authorization of [undefined, bearer(alice.access), bearer(admin.access)]) {
          const get = (url: string) => {
            const test = request(server).get(url);
            return authorization === undefined ? test : test.set('Authorization', authorization);
          };
          await get(`/api/categories/${String(category.id)}`).expect(200, category);
          await get(`/api/products/${String(product.id)}`).expect(200, product);
          await get('/api/categories').expect(200);
          await get('/api/products').expect(200);
        }
      });

      it('answers 401 not_authenticated with the Bearer challenge to anonymous writes', async () => {
        for (const [label, write] of writes()) {
          const response = await write();
          expect({ label, ...outcome(response) }).toEqual({
            label,
            status: 401,
            body: NOT_AUTHENTICATED,
            challenge: BEARER_CHALLENGE,
          });
        }
        await expectUnchanged();
      });

      it('answers 403 to writes of a signed-in user who is not staff', async () => {
        for (const [label, write] of writes()) {
          const response = await write().set('Authorization', bearer(alice.access));
          expect({ label, ...outcome(response) }).toEqual({
            label,
            status: 403,
            body: STAFF_ONLY,
            challenge: undefined,
          });
        }
        await expectUnchanged();
      });

      it('lets staff users create, change and delete categories and products', async () => {
        const auth = bearer(admin.access);
        const created = await request(server)
          .post('/api/categories')
          .set('Authorization', auth)
          .send({ name: `Staff ${suffix}`, slug: `staff-${suffix}`, description: 'New.' })
          .expect(201);
        const staffCategory = created.body as Body;
        // Categories are hyperlinked: `url` is the category's own detail URL.
        const ownUrl = expect.stringMatching(
          new RegExp(`^http://[^/]+/api/categories/${String(staffCategory.id)}$`),
        );
        expect(staffCategory).toEqual({
          url: ownUrl,
          id: staffCategory.id,
          name: `Staff ${suffix}`,
          slug: `staff-${suffix}`,
          description: 'New.',
        });
        const categoryUrl = `/api/categories/${String(staffCategory.id)}`;
        await request(server)
          .put(categoryUrl)
          .set('Authorization', auth)
          .send({ name: `Staff 2 ${suffix}`, slug: `staff-2-${suffix}` })
          .expect(200)
          .expect((response) =>
            expect(response.body).toEqual({
              url: ownUrl,
              id: staffCategory.id,
              name: `Staff 2 ${suffix}`,
              slug: `staff-2-${suffix}`,
              description: 'New.',
            }),
          );
        await request(server)
          .patch(categoryUrl)
          .set('Authorization', auth)
          .send({ description: 'Patched.' })
          .expect(200)
          .expect((response) =>
            expect(response.body).toEqual({
              url: ownUrl,
              id: staffCategory.id,
              name: `Staff 2 ${suffix}`,
              slug: `staff-2-${suffix}`,
              description: 'Patched.',
            }),
          );

        const made = await request(server)
          .post('/api/products')
          .set('Authorization', auth)
          .send({
            name: `Staff item ${suffix}`,
            price: '9.50',
            tags: [1],
            categoryId: staffCategory.id,
          })
          .expect(201);
        const staffProduct = made.body as Body;
        expect(staffProduct).toMatchObject({
          name: `Staff item ${suffix}`,
          price: '9.50',
          category: { id: staffCategory.id, name: `Staff 2 ${suffix}` },
        });
        const productUrl = `/api/products/${String(staffProduct.id)}`;
        await request(server)
          .put(productUrl)
          .set('Authorization', auth)
          .send({
            name: `Staff item 2 ${suffix}`,
            price: '8',
            tags: [],
            categoryId: staffCategory.id,
          })
          .expect(200)
          .expect((response) => {
            expect(response.body).toMatchObject({ name: `Staff item 2 ${suffix}`, price: '8.00' });
          });
        await request(server)
          .patch(productUrl)
          .set('Authorization', auth)
          .send({ inStock: false })
          .expect(200)
          .expect((response) => {
            expect(response.body).toMatchObject({ inStock: false });
          });
        await request(server)
          .post(`${productUrl}/restock`)
          .set('Authorization', auth)
          .send({ quantity: 5 })
          .expect(200)
          .expect((response) => {
            expect(response.body).toMatchObject({ id: staffProduct.id, inStock: true });
          });
        await request(server).delete(productUrl).set('Authorization', auth).expect(204);
        await request(server).get(productUrl).expect(404);
        await request(server).delete(categoryUrl).set('Authorization', auth).expect(204);
        await request(server).get(categoryUrl).expect(404);
      });
    });

    describe('author-only reviews', () => {
      let alice: TokenPair;
      let bob: TokenPair;
      let admin: TokenPair;
      let product: Body;
      beforeAll(async () => {
        admin = await obtain('admin');
        alice = await obtain('alice');
        bob = await obtain('bob');
        const category = await createCategory(admin.access, 'Reviewed');
        product = await createProduct(admin.access, 'Reviewed item', category.id);
      });

      /** Alice writes a review of the product, naming Bob as its author (ignored). */
      async function aliceReviews(comment: string): Promise<Body> {
        const response = await request(server)
          .post('/api/reviews')
          .set('Authorization', bearer(alice.access))
          .send({ product: product.id, author: ids.bob, rating: 4, comment })
          .expect(201);
        return response.body as Body;
      }

      const storedReview = (id: unknown) =>
        dataSource.getRepository(Review).findOneBy({ id: id as number });

      it('makes the signed-in user the author, whatever the body says', async () => {
        const review = await aliceReviews(`Mine ${suffix}`);
        expect(review).toEqual({
          id: review.id,
          product: product.id,
          author: ids.alice,
          rating: 4,
          comment: `Mine ${suffix}`,
          createdAt: review.createdAt,
        });
        await request(server)
          .get(`/api/reviews/${String(review.id)}`)
          .expect(200, review);
        expect(await storedReview(review.id)).toMatchObject({
          authorId: ids.alice,
          productId: product.id,
          rating: 4,
        });
      });

      it('answers 401 to anonymous review writes', async () => {
        const review = await aliceReviews(`Anonymous ${suffix}`);
        const url = `/api/reviews/${String(review.id)}`;
        await request(server)
          .post('/api/reviews')
          .send({ product: product.id, rating: 5 })
          .expect(401, NOT_AUTHENTICATED)
          .expect('WWW-Authenticate', BEARER_CHALLENGE);
        await request(server)
          .patch(url)
          .send({ rating: 1 })
          .expect(401, NOT_AUTHENTICATED)
          .expect('WWW-Authenticate', BEARER_CHALLENGE);
        await request(server)
          .put(url)
          .send({ product: product.id, rating: 1 })
          .expect(401, NOT_AUTHENTICATED);
        await request(server).delete(url).expect(401, NOT_AUTHENTICATED);
        await request(server).get(url).expect(200, review);
      });

      it('forbids other users, staff included, to change or delete a review', async () => {
        const review = await aliceReviews(`Hands off ${suffix}`);
        const url = `/api/reviews/${String(review.id)}`;
        const before = await storedReview(review.id);
        for (const other of [bob, admin]) {
          const auth = bearer(other.access);
          await request(server)
            .patch(url)
            .set('Authorization', auth)
            .send({ rating: 1, comment: 'Hijacked.' })
            .expect(403, AUTHOR_ONLY);
          await request(server)
            .put(url)
            .set('Authorization', auth)
            .send({ product: product.id, rating: 1, comment: 'Hijacked.' })
            .expect(403, AUTHOR_ONLY);
          await request(server).delete(url).set('Authorization', auth).expect(403, AUTHOR_ONLY);
        }
        expect(await storedReview(review.id)).toEqual(before);
        await request(server).get(url).expect(200, review);
        // A review that does not exist is a 404, not a 403.
        await request(server)
          .patch('/api/reviews/987654')
          .set('Authorization', bearer(bob.access))
          .send({ rating: 1 })
          .expect(404);
      });

      it('lets the author change and delete their review, keeping them the author', async () => {
        const review = await aliceReviews(`Draft ${suffix}`);
        const url = `/api/reviews/${String(review.id)}`;
        const auth = bearer(alice.access);
        await request(server)
          .patch(url)
          .set('Authorization', auth)
          .send({ rating: 2, author: ids.bob })
          .expect(200, { ...review, rating: 2 });
        await request(server)
          .put(url)
          .set('Authorization', auth)
          .send({ product: product.id, author: ids.bob, rating: 5, comment: `Final ${suffix}` })
          .expect(200, { ...review, rating: 5, comment: `Final ${suffix}` });
        expect(await storedReview(review.id)).toMatchObject({
          authorId: ids.alice,
          rating: 5,
          comment: `Final ${suffix}`,
        });
        // Bob's refusal comes from the row: it still says Alice after her writes.
        await request(server)
          .delete(url)
          .set('Authorization', bearer(bob.access))
          .expect(403, AUTHOR_ONLY);
        await request(server).delete(url).set('Authorization', auth).expect(204);
        await request(server).get(url).expect(404);
        expect(await storedReview(review.id)).toBeNull();
      });
    });

    describe('inactive users', () => {
      /** Creates an active user through the database and answers it. */
      async function createUser(label: string): Promise<User> {
        const users = dataSource.getRepository(User);
        return users.save(
          users.create({
            username: `${label}-${suffix}`,
            email: `${label}@example.com`,
            passwordHash: await hashPassword(`${label}-password`),
          }),
        );
      }

      it('refuses tokens to an inactive user and the tokens issued before', async () => {
        const carol = await createUser('carol');
        expect(carol).toMatchObject({ isActive: true, isStaff: false });
        const username = `carol-${suffix}`;
        const pair = await obtain(username, 'carol-password');
        expect(claimsOf(pair.access)).toMatchObject({ user_id: carol.id });
        const admin = await obtain('admin');
        const category = await createCategory(admin.access, 'Carol');
        const product = await createProduct(admin.access, 'Carol item', category.id);
        const created = await request(server)
          .post('/api/reviews')
          .set('Authorization', bearer(pair.access))
          .send({ product: product.id, rating: 3 })
          .expect(201);
        expect((created.body as Body).author).toBe(carol.id);

        await dataSource.getRepository(User).update({ id: carol.id }, { isActive: false });

        const inactive = authenticationFailed('User is inactive.', 'user_inactive');
        await request(server)
          .post('/api/auth/token')
          .send({ username, password: 'carol-password' })
          .expect(401, NO_ACTIVE_ACCOUNT)
          .expect('WWW-Authenticate', BEARER_CHALLENGE);
        await request(server)
          .get('/api/reviews')
          .set('Authorization', bearer(pair.access))
          .expect(401, inactive)
          .expect('WWW-Authenticate', BEARER_CHALLENGE);
        await request(server)
          .patch(`/api/reviews/${String((created.body as Body).id)}`)
          .set('Authorization', bearer(pair.access))
          .send({ rating: 1 })
          .expect(401, inactive);
        await request(server)
          .post('/api/auth/refresh')
          .send({ refresh: pair.refresh })
          .expect(401, inactive)
          .expect('WWW-Authenticate', BEARER_CHALLENGE);
        expect(
          await dataSource
            .getRepository(Review)
            .findOneBy({ id: (created.body as Body).id as number }),
        ).toMatchObject({ rating: 3 });

        // Reactivated, the same tokens work again: nothing was revoked.
        await dataSource.getRepository(User).update({ id: carol.id }, { isActive: true });
        await request(server)
          .get('/api/reviews')
          .set('Authorization', bearer(pair.access))
          .expect(200);
        await request(server).post('/api/auth/refresh').send({ refresh: pair.refresh }).expect(200);
      });

      it('refuses the tokens of a deleted user', async () => {
        const dave = await createUser('dave');
        const pair = await obtain(`dave-${suffix}`, 'dave-password');
        await dataSource.getRepository(User).delete({ id: dave.id });
        const notFound = authenticationFailed('User not found.', 'user_not_found');
        await request(server)
          .get('/api/categories')
          .set('Authorization', bearer(pair.access))
          .expect(401, notFound)
          .expect('WWW-Authenticate', BEARER_CHALLENGE);
        await request(server)
          .post('/api/auth/refresh')
          .send({ refresh: pair.refresh })
          .expect(401, notFound);
      });
    });

    describe('rates', () => {
      // A fresh app per test: the throttle counts live in its memory store.
      let ratesApp: INestApplication | undefined;
      let rated: ReturnType<INestApplication['getHttpServer']>;
      beforeEach(async () => {
        ratesApp = await bootExample(adapter, database().url, {
          seed: true,
          throttleRates: { anon: '3/min', user: '5/min' },
        });
        rated = ratesApp.getHttpServer();
      });
      afterEach(() => ratesApp?.close());

      /** The rate limit headers of a response. */
      const limits = (response: request.Response) => ({
        limit: response.headers['ratelimit-limit'],
        remaining: response.headers['ratelimit-remaining'],
      });

      /** Checks a 429 `throttled` answer and its headers. */
      function expectThrottled(response: request.Response, limit: number): void {
        expect(response.status).toBe(429);
        const retryAfter = Number(response.headers['retry-after']);
        expect(Number.isInteger(retryAfter)).toBe(true);
        expect(retryAfter).toBeGreaterThanOrEqual(1);
        expect(retryAfter).toBeLessThanOrEqual(60);
        expect(response.body).toEqual({
          error: {
            code: 'throttled',
            message: `Request was throttled. Expected available in ${retryAfter} second${
              retryAfter === 1 ? '' : 's'
            }.`,
            details: { retry_after_seconds: retryAfter },
          },
        });
        expect(limits(response)).toEqual({ limit: String(limit), remaining: '0' });
      }

      it('lets an anonymous client make 3 requests a minute, token requests included', async () => {
        const urls = ['/api/categories', '/api/products', '/api/reviews'];
        for (const [index, url] of urls.entries()) {
          const response = await request(rated).get(url).expect(200);
          expect(limits(response)).toEqual({ limit: '3', remaining: String(2 - index) });
        }
        expectThrottled(await request(rated).get('/api/categories'), 3);
        // Logging in is an anonymous request too.
        expectThrottled(
          await request(rated)
            .post('/api/auth/token')
            .send({ username: 'alice', password: 'alice-password' }),
          3,
        );
      });

      it('lets a signed-in user make 5 requests a minute, apart from the anonymous budget', async () => {
        // The token request is anonymous: it spends 1 of the client's 3 anonymous requests.
        const login = await request(rated)
          .post('/api/auth/token')
          .send({ username: 'alice', password: 'alice-password' })
          .expect(200);
        expect(limits(login)).toEqual({ limit: '3', remaining: '2' });
        const alice = bearer((login.body as TokenPair).access);
        for (let remaining = 4; remaining >= 0; remaining--) {
          const response = await request(rated)
            .get('/api/categories')
            .set('Authorization', alice)
            .expect(200);
          expect(limits(response)).toEqual({ limit: '5', remaining: String(remaining) });
        }
        expectThrottled(await request(rated).get('/api/categories').set('Authorization', alice), 5);
        expectThrottled(await request(rated).get('/api/reviews').set('Authorization', alice), 5);

        // The same client, anonymous, still has its own budget: 2 requests.
        const anonymous = await request(rated).get('/api/categories').expect(200);
        expect(limits(anonymous)).toEqual({ limit: '3', remaining: '1' });
        // Another user has their own budget too (their login spends the last anonymous one).
        const bobLogin = await request(rated)
          .post('/api/auth/token')
          .send({ username: 'bob', password: 'bob-password' })
          .expect(200);
        expect(limits(bobLogin)).toEqual({ limit: '3', remaining: '0' });
        const bob = await request(rated)
          .get('/api/categories')
          .set('Authorization', bearer((bobLogin.body as TokenPair).access))
          .expect(200);
        expect(limits(bob)).toEqual({ limit: '5', remaining: '4' });
        expectThrottled(await request(rated).get('/api/categories'), 3);
      });
    });
  });
});
