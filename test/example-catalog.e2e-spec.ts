import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Product } from '../apps/example/src/catalog/product.entity';
import { Review } from '../apps/example/src/catalog/review.entity';
import { Tag } from '../apps/example/src/catalog/tag.entity';
import { User } from '../apps/example/src/users/user.entity';
import { ADAPTERS } from './utils/adapters';
import { testDatabases } from './utils/databases';
import { useTestDatabase } from './utils/e2e-hooks';
import { bootExample } from './utils/example-app';

type Server = ReturnType<INestApplication['getHttpServer']>;
type Agent = ReturnType<typeof request.agent>;

/** This suite is not about throttling: its rates are far above the requests it sends. */
const HIGH_RATES = { throttleRates: { anon: '100000/min', user: '100000/min' } };

/**
 * Signs a seeded user in (`POST /api/auth/token`, the password being `<username>-password`) and
 * answers an agent that sends the access token with every request.
 */
async function signIn(server: Server, username: string): Promise<Agent> {
  const response = await request(server)
    .post('/api/auth/token')
    .send({ username, password: `${username}-password` })
    .expect(200);
  const { access } = response.body as { access: string };
  return request.agent(server).set('Authorization', `Bearer ${access}`);
}

const validationError = (details: object) => ({
  error: { code: 'validation_error', message: 'Request validation failed.', details },
});

const notFound = (message = 'Not found.') => ({
  error: { code: 'not_found', message, details: {} },
});

const notAuthenticated = {
  error: {
    code: 'not_authenticated',
    message: 'Authentication credentials were not provided.',
    details: {},
  },
};

const permissionDenied = (message: string) => ({
  error: { code: 'permission_denied', message, details: {} },
});

const methodNotAllowed = (method: string) => ({
  error: { code: 'method_not_allowed', message: `Method "${method}" not allowed.`, details: {} },
});

/** The 409 of deleting a row that others still reference: SQLite cannot tell more. */
const STILL_REFERENCED = {
  sqljs: 'The change breaks a reference between resources.',
  postgres: 'The resource is still referenced by other resources.',
  mariadb: 'The resource is still referenced by other resources.',
} as const;

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const SLUG_MESSAGE = 'Enter a valid slug consisting of lower-case letters, numbers or hyphens.';

/** The fields of the list shape, in order. */
const LIST_KEYS = ['id', 'name', 'price', 'inStock', 'reviewCount', 'latestReview'];

/** The fields of the detail shape, in order (`categoryId` is write-only). */
const DETAIL_KEYS = [
  'id',
  'name',
  'description',
  'price',
  'inStock',
  'tags',
  'createdAt',
  'category',
];

/** The fields of a review, in order. */
const REVIEW_KEYS = ['id', 'product', 'author', 'rating', 'comment', 'createdAt'];

type Body = Record<string, unknown>;

describe.each(testDatabases())('example catalog API on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  // Both adapters run on the same database: every name they write carries this run's suffix.
  describe.each(ADAPTERS)('over %s', (adapter) => {
    const suffix = `${databaseName}-${adapter}`;
    let app: INestApplication;
    let server: Server;
    // Catalog writes are the staff's (admin); reviews are written by alice and bob, who are not.
    let admin: Agent;
    let alice: Agent;
    let bob: Agent;
    let aliceId: number;
    let bobId: number;
    /** The seeded tags' keys by name (`sale`, `eco`, ...). */
    let tagIds: Record<string, number>;
    beforeAll(async () => {
      app = await bootExample(adapter, database().url, HIGH_RATES);
      // Listening once, every request has the same Host: the hyperlinks compare equal.
      await app.listen(0, '127.0.0.1');
      server = app.getHttpServer();
      [admin, alice, bob] = await Promise.all([
        signIn(server, 'admin'),
        signIn(server, 'alice'),
        signIn(server, 'bob'),
      ]);
      const users = app.get(DataSource).getRepository(User);
      aliceId = (await users.findOneByOrFail({ username: 'alice' })).id;
      bobId = (await users.findOneByOrFail({ username: 'bob' })).id;
      const tags = await app.get(DataSource).getRepository(Tag).find();
      tagIds = Object.fromEntries(tags.map((tag) => [tag.name, tag.id]));
    });

    /** The nested form of a category in a product: its link, key and name. */
    const nested = (category: Body) => ({
      url: category.url,
      id: category.id,
      name: category.name,
    });
    afterAll(() => app.close());

    /** Creates a category named `<label> <suffix>` and answers its representation. */
    async function createCategory(label: string): Promise<Body> {
      const response = await admin
        .post('/api/categories')
        .send({ name: `${label} ${suffix}`, slug: `${label.toLowerCase()}-${suffix}` })
        .expect(201);
      return response.body as Body;
    }

    /** Creates a product in `categoryId` and answers its representation. */
    async function createProduct(label: string, categoryId: unknown): Promise<Body> {
      const response = await admin
        .post('/api/products')
        .send({ name: `${label} ${suffix}`, price: '5', tags: [tagIds.new], categoryId })
        .expect(201);
      return response.body as Body;
    }

    describe('categories', () => {
      it('creates a category and answers 201 with its representation', async () => {
        const response = await admin
          .post('/api/categories')
          .send({ name: `Vinyl ${suffix}`, slug: `vinyl-${suffix}`, description: 'Records.' })
          .expect(201);
        const body = response.body as Body;
        expect(body).toEqual({
          url: expect.stringMatching(
            new RegExp(`^http://[^/]+/api/categories/${String(body.id)}$`),
          ),
          id: body.id,
          name: `Vinyl ${suffix}`,
          slug: `vinyl-${suffix}`,
          description: 'Records.',
        });
        expect(typeof body.id).toBe('number');
        // Hyperlinked: the create answers Location, the category's own URL.
        expect(response.headers.location).toBe(body.url);
        await request(server)
          .get(`/api/categories/${String(body.id)}`)
          .expect(200, body);
      });

      it('leaves an absent description null', async () => {
        const body = await createCategory('Maps');
        expect(body).toEqual({
          url: body.url,
          id: body.id,
          name: `Maps ${suffix}`,
          slug: `maps-${suffix}`,
          description: null,
        });
      });

      it('rejects a duplicate name or slug', async () => {
        await createCategory('Comics');
        await admin
          .post('/api/categories')
          .send({ name: `Comics ${suffix}`, slug: `comics-2-${suffix}` })
          .expect(400, validationError({ name: ['category with this name already exists.'] }));
        await admin
          .post('/api/categories')
          .send({ name: `Comics 2 ${suffix}`, slug: `comics-${suffix}` })
          .expect(400, validationError({ slug: ['category with this slug already exists.'] }));
        // A seeded category's name is just as taken.
        await admin
          .post('/api/categories')
          .send({ name: 'Books', slug: `books-${suffix}` })
          .expect(400, validationError({ name: ['category with this name already exists.'] }));
      });

      it.each(['Upper-Case', 'with space', 'under_score', 'dot.ted', 'accentué'])(
        'rejects the slug %j',
        async (slug) => {
          await admin
            .post('/api/categories')
            .send({ name: `Bad slug ${slug} ${suffix}`, slug })
            .expect(400, validationError({ slug: [SLUG_MESSAGE] }));
        },
      );

      it('reports every missing or invalid field at once', async () => {
        await admin
          .post('/api/categories')
          .send({})
          .expect(
            400,
            validationError({
              name: ['This field is required.'],
              slug: ['This field is required.'],
            }),
          );
        await admin
          .post('/api/categories')
          .send({ name: 'x'.repeat(101), slug: '', description: true })
          .expect(
            400,
            validationError({
              name: ['Ensure this field has no more than 100 characters.'],
              slug: ['This field may not be blank.'],
              description: ['Not a valid string.'],
            }),
          );
      });

      it('replaces a category with PUT, its own name and slug not being duplicates', async () => {
        const created = await createCategory('Poetry');
        const url = `/api/categories/${String(created.id)}`;
        const replaced = {
          url: created.url,
          id: created.id,
          name: `Poetry ${suffix}`,
          slug: `verse-${suffix}`,
          description: 'Verse.',
        };
        await admin
          .put(url)
          .send({ ...replaced, id: 424242, url: 'http://elsewhere.example/api/categories/1' })
          .expect(200, replaced);
        await request(server).get(url).expect(200, replaced);
        await admin
          .put(url)
          .send({ name: `Poetry ${suffix}` })
          .expect(400, validationError({ slug: ['This field is required.'] }));
        await admin
          .put(url)
          .send({ name: 'Books', slug: `verse-${suffix}` })
          .expect(400, validationError({ name: ['category with this name already exists.'] }));
        await admin
          .put(url)
          .send({ name: `Poetry ${suffix}`, slug: 'Verse' })
          .expect(400, validationError({ slug: [SLUG_MESSAGE] }));
        await request(server).get(url).expect(200, replaced);
      });

      it('changes only the given fields with PATCH', async () => {
        const created = await createCategory('Atlases');
        const url = `/api/categories/${String(created.id)}`;
        const described = { ...created, description: 'Maps of the world.' };
        await admin.patch(url).send({ description: 'Maps of the world.' }).expect(200, described);
        await admin.patch(url).send({}).expect(200, described);
        await admin
          .patch(url)
          .send({ description: null })
          .expect(200, { ...described, description: null });
        await admin
          .patch(url)
          .send({ slug: 'Atlases!' })
          .expect(400, validationError({ slug: [SLUG_MESSAGE] }));
        await request(server)
          .get(url)
          .expect(200, { ...described, description: null });
      });

      it('answers 404 for a missing category or an id that cannot exist', async () => {
        for (const id of ['999999', '0', '-1', '99999999999', 'abc']) {
          await request(server).get(`/api/categories/${id}`).expect(404, notFound());
          await admin
            .put(`/api/categories/${id}`)
            .send({ name: `Nowhere ${suffix}`, slug: `nowhere-${suffix}` })
            .expect(404, notFound());
          await admin.patch(`/api/categories/${id}`).send({}).expect(404, notFound());
          await admin.delete(`/api/categories/${id}`).expect(404, notFound());
        }
      });

      it('lists categories by id with the count, 20 per page unless ?page_size says', async () => {
        const created = await createCategory('Listed');
        const all = (await request(server).get('/api/categories?page_size=100').expect(200))
          .body as Body;
        const results = all.results as Body[];
        expect(all).toEqual({ count: results.length, next: null, previous: null, results });
        expect(results).toContainEqual(created);
        const ids = results.map((item) => item.id as number);
        expect(ids).toEqual([...ids].sort((a, b) => a - b));

        const page = (await request(server).get('/api/categories?page_size=2&page=2').expect(200))
          .body as Body;
        expect(Object.keys(page)).toEqual(['count', 'next', 'previous', 'results']);
        expect(page).toEqual({
          count: results.length,
          next: expect.stringMatching(/^http:\/\/[^/]+\/api\/categories\?page=3&page_size=2$/),
          previous: expect.stringMatching(/^http:\/\/[^/]+\/api\/categories\?page_size=2$/),
          results: results.slice(2, 4),
        });
      });

      it('deletes a category without products, and refuses one with products (409)', async () => {
        const empty = await createCategory('Ephemera');
        const url = `/api/categories/${String(empty.id)}`;
        const response = await admin.delete(url).expect(204);
        expect(response.text).toBe('');
        await request(server).get(url).expect(404, notFound());

        const used = await createCategory('Stocked');
        await createProduct('Stocked item', used.id);
        await admin.delete(`/api/categories/${String(used.id)}`).expect(409, {
          error: { code: 'conflict', message: STILL_REFERENCED[databaseName], details: {} },
        });
        await request(server)
          .get(`/api/categories/${String(used.id)}`)
          .expect(200, used);
      });
    });

    describe('products', () => {
      let category: Body;
      let otherCategory: Body;
      beforeAll(async () => {
        category = await createCategory('Gadgets');
        otherCategory = await createCategory('Gizmos');
      });

      it('creates a product from categoryId and answers 201 with the detail shape', async () => {
        const response = await admin
          .post('/api/products')
          .send({
            name: `Lamp ${suffix}`,
            description: 'A desk lamp.',
            price: 12.5,
            inStock: false,
            tags: [tagIds.sale, tagIds.new],
            categoryId: category.id,
          })
          .expect(201);
        const body = response.body as Body;
        expect(body).toEqual({
          id: body.id,
          name: `Lamp ${suffix}`,
          description: 'A desk lamp.',
          price: '12.50',
          inStock: false,
          // As stored: in key order (new is tag 1, sale tag 2).
          tags: [tagIds.new, tagIds.sale],
          createdAt: body.createdAt,
          category: nested(category),
        });
        expect((body.category as Body).url).toBe(category.url);
        expect(Object.keys(body)).toEqual(DETAIL_KEYS);
        expect(body).not.toHaveProperty('categoryId');
        expect(typeof body.id).toBe('number');
        expect(body.createdAt).toMatch(ISO_DATE_TIME);
        expect(Math.abs(Date.parse(body.createdAt as string) - Date.now())).toBeLessThan(60_000);

        await request(server)
          .get(`/api/products/${String(body.id)}`)
          .expect(200, body);
        const stored = await app
          .get(DataSource)
          .getRepository(Product)
          .findOneByOrFail({ id: body.id as number });
        expect(stored).toMatchObject({ categoryId: category.id, price: '12.50' });
      });

      it('fills the defaults of the absent optional fields', async () => {
        const body = await createProduct('Plain', category.id);
        expect(body).toEqual({
          id: body.id,
          name: `Plain ${suffix}`,
          description: '',
          price: '5.00',
          inStock: true,
          tags: [tagIds.new],
          createdAt: body.createdAt,
          category: nested(category),
        });
      });

      it('rejects a categoryId that names no category, or is not a key', async () => {
        const send = (categoryId: unknown) =>
          admin
            .post('/api/products')
            .send({ name: `Ghost ${suffix}`, price: '1.00', tags: [], categoryId });
        await send(999999).expect(
          400,
          validationError({ categoryId: ['Invalid pk "999999" - object does not exist.'] }),
        );
        await send(99999999999).expect(
          400,
          validationError({ categoryId: ['Invalid pk "99999999999" - object does not exist.'] }),
        );
        await send('abc').expect(
          400,
          validationError({ categoryId: ['Incorrect type. Expected pk value, received str.'] }),
        );
        await send(null).expect(
          400,
          validationError({ categoryId: ['This field may not be null.'] }),
        );
      });

      it('reports every missing or invalid field at once', async () => {
        await admin
          .post('/api/products')
          .send({})
          .expect(
            400,
            validationError({
              name: ['This field is required.'],
              price: ['This field is required.'],
              categoryId: ['This field is required.'],
            }),
          );
        await admin
          .post('/api/products')
          .send({
            name: 'A',
            price: '-0.01',
            inStock: 'maybe',
            tags: [tagIds.sale, 999999, 'x', 999998],
            categoryId: category.id,
          })
          .expect(
            400,
            validationError({
              name: ['Ensure this field has at least 2 characters.'],
              price: ['Ensure this value is greater than or equal to 0.'],
              inStock: ['Must be a valid boolean.'],
              tags: ['Incorrect type. Expected pk value, received str.'],
            }),
          );
        await admin
          .post('/api/products')
          .send({ name: `Pricey ${suffix}`, price: '123456789.001', tags: 'x', categoryId: 1 })
          .expect(
            400,
            validationError({
              price: ['Ensure that there are no more than 10 digits in total.'],
              tags: ['Expected a list of items but got type "str".'],
            }),
          );
      });

      it('accepts a price of 0 and every tag', async () => {
        const tags = Object.values(tagIds).sort((a, b) => a - b);
        const response = await admin
          .post('/api/products')
          .send({ name: `Freebie ${suffix}`, price: 0, tags, categoryId: category.id })
          .expect(201);
        expect(response.body).toMatchObject({ price: '0.00', tags });
      });

      describe('tags (many-to-many, written by key list)', () => {
        /** The keys of the product's tags as stored, read past the API. */
        const storedTags = async (id: unknown) =>
          (
            await app
              .get(DataSource)
              .getRepository(Product)
              .findOneOrFail({ where: { id: id as number }, relations: { tags: true } })
          ).tags
            .map((tag) => tag.id)
            .sort((a, b) => a - b);

        it('creates, replaces (PUT), changes (PATCH) and clears ([]) the tags', async () => {
          const created = (
            await admin
              .post('/api/products')
              .send({
                name: `Tagged ${suffix}`,
                price: '4.00',
                tags: [tagIds.eco, tagIds.gift],
                categoryId: category.id,
              })
              .expect(201)
          ).body as Body;
          const both = [tagIds.eco!, tagIds.gift!].sort((a, b) => a - b);
          expect([...(created.tags as number[])].sort((a, b) => a - b)).toEqual(both);
          expect(await storedTags(created.id)).toEqual(both);
          const url = `/api/products/${String(created.id)}`;
          const put = await admin
            .put(url)
            .send({
              name: `Tagged ${suffix}`,
              price: '4.00',
              tags: [tagIds.limited],
              categoryId: category.id,
            })
            .expect(200);
          expect(put.body.tags).toEqual([tagIds.limited]);
          expect(await storedTags(created.id)).toEqual([tagIds.limited]);
          // PATCH without tags leaves them; with tags replaces them.
          await admin.patch(url).send({ price: '4.50' }).expect(200);
          expect(await storedTags(created.id)).toEqual([tagIds.limited]);
          const patched = await admin
            .patch(url)
            .send({ tags: [tagIds.sale, tagIds.limited] })
            .expect(200);
          const pair = [tagIds.sale!, tagIds.limited!].sort((a, b) => a - b);
          expect([...(patched.body.tags as number[])].sort((a, b) => a - b)).toEqual(pair);
          expect(await storedTags(created.id)).toEqual(pair);
          await request(server)
            .get(url)
            .expect(200)
            .expect(({ body }) => expect(body.tags).toEqual(pair));
          const cleared = await admin.patch(url).send({ tags: [] }).expect(200);
          expect(cleared.body.tags).toEqual([]);
          expect(await storedTags(created.id)).toEqual([]);
        });

        it('refuses unknown keys, naming each, and writes nothing', async () => {
          const created = await createProduct('Keyed', category.id);
          const url = `/api/products/${String(created.id)}`;
          await admin
            .patch(url)
            .send({ tags: [tagIds.sale, 999999, 424242] })
            .expect(
              400,
              validationError({
                tags: [
                  'Invalid pk "999999" - object does not exist.',
                  'Invalid pk "424242" - object does not exist.',
                ],
              }),
            );
          await admin
            .patch(url)
            .send({ tags: [{ id: tagIds.sale }] })
            .expect(
              400,
              validationError({ tags: ['Incorrect type. Expected pk value, received dict.'] }),
            );
          await admin
            .post('/api/products')
            .send({
              name: `Unkeyed ${suffix}`,
              price: '1',
              tags: [999999],
              categoryId: category.id,
            })
            .expect(
              400,
              validationError({ tags: ['Invalid pk "999999" - object does not exist.'] }),
            );
          expect(await storedTags(created.id)).toEqual([tagIds.new]);
        });
      });

      it('ignores read-only and unknown keys in the body (mass assignment)', async () => {
        const response = await admin
          .post('/api/products')
          .send({
            id: 424242,
            createdAt: '2000-01-01T00:00:00Z',
            isStaff: true,
            category: { id: otherCategory.id, name: 'Hijacked' },
            url: 'http://elsewhere.example/api/products/1',
            name: `Sneaky ${suffix}`,
            price: '3.10',
            tags: [],
            categoryId: category.id,
          })
          .expect(201);
        const body = response.body as Body;
        expect(body.id).not.toBe(424242);
        expect(body.createdAt).not.toBe('2000-01-01T00:00:00.000Z');
        expect(Date.parse(body.createdAt as string)).toBeGreaterThan(Date.parse('2020-01-01'));
        expect(body).toEqual({
          id: body.id,
          name: `Sneaky ${suffix}`,
          description: '',
          price: '3.10',
          inStock: true,
          tags: [],
          createdAt: body.createdAt,
          category: nested(category),
        });
        await request(server).get('/api/products/424242').expect(404);

        const created = await createProduct('Steady', category.id);
        const url = `/api/products/${String(created.id)}`;
        await admin
          .patch(url)
          .send({ id: 424243, createdAt: '2000-01-01T00:00:00Z', isStaff: true })
          .expect(200, created);
        await request(server).get(url).expect(200, created);
      });

      it('changes only the price with PATCH', async () => {
        const created = await createProduct('Kettle', category.id);
        const url = `/api/products/${String(created.id)}`;
        const repriced = { ...created, price: '19.99' };
        await admin.patch(url).send({ price: '19.99' }).expect(200, repriced);
        await request(server).get(url).expect(200, repriced);
        await admin
          .patch(url)
          .send({ price: -5 })
          .expect(
            400,
            validationError({ price: ['Ensure this value is greater than or equal to 0.'] }),
          );
        await request(server).get(url).expect(200, repriced);
      });

      it('moves a product to another category with PATCH categoryId', async () => {
        const created = await createProduct('Toaster', category.id);
        const url = `/api/products/${String(created.id)}`;
        const moved = { ...created, category: nested(otherCategory) };
        await admin.patch(url).send({ categoryId: otherCategory.id }).expect(200, moved);
        await request(server).get(url).expect(200, moved);
        await admin
          .patch(url)
          .send({ categoryId: 999999 })
          .expect(
            400,
            validationError({ categoryId: ['Invalid pk "999999" - object does not exist.'] }),
          );
      });

      it('replaces a product with PUT, requiring every field without a default', async () => {
        const created = await createProduct('Blender', category.id);
        const url = `/api/products/${String(created.id)}`;
        await admin
          .put(url)
          .send({ name: `Blender ${suffix}` })
          .expect(
            400,
            validationError({
              price: ['This field is required.'],
              categoryId: ['This field is required.'],
            }),
          );
        const replaced = {
          ...created,
          name: `Blender Pro ${suffix}`,
          description: 'Crushes ice.',
          price: '99.00',
          inStock: false,
          tags: [tagIds.eco, tagIds.bestseller].sort((a, b) => a! - b!),
          category: nested(otherCategory),
        };
        await admin
          .put(url)
          .send({
            name: `Blender Pro ${suffix}`,
            description: 'Crushes ice.',
            price: '99',
            inStock: false,
            tags: [tagIds.eco, tagIds.bestseller],
            categoryId: otherCategory.id,
          })
          .expect(200, replaced);
        await request(server).get(url).expect(200, replaced);
      });

      it('lists 20 products per page by id in the light shape, without a count', async () => {
        const response = await request(server).get('/api/products').expect(200);
        const body = response.body as Body;
        expect(Object.keys(body)).toEqual(['results', 'next', 'previous']);
        expect(body.next).toMatch(/^http:\/\/[^/]+\/api\/products\?page=2$/);
        expect(body.previous).toBeNull();
        const items = body.results as Body[];
        expect(items).toHaveLength(20);
        const ids = items.map((item) => item.id as number);
        expect(ids).toEqual([...ids].sort((a, b) => a - b));
        for (const item of items) {
          expect(Object.keys(item)).toEqual(LIST_KEYS);
          expect(item.price).toMatch(/^\d+\.\d{2}$/);
        }
        const first = items[0]!;
        const detail = (
          await request(server)
            .get(`/api/products/${String(first.id)}`)
            .expect(200)
        ).body as Body;
        expect(Object.keys(detail)).toEqual(DETAIL_KEYS);
        expect(first).toMatchObject({
          id: detail.id,
          name: detail.name,
          price: detail.price,
          inStock: detail.inStock,
        });
        // The review count and the latest review (PostFetch, limit 1) equal the product's reviews.
        for (const item of items) {
          const reviews = (
            await request(server)
              .get(`/api/reviews?product=${String(item.id)}`)
              .expect(200)
          ).body as Body;
          const rows = reviews.results as Body[];
          expect(reviews.next).toBeNull();
          expect(item.reviewCount).toBe(rows.length);
          const newest = [...rows].sort(
            (a, b) =>
              String(b.createdAt).localeCompare(String(a.createdAt)) ||
              (b.id as number) - (a.id as number),
          )[0];
          expect(item.latestReview).toEqual(
            newest
              ? {
                  id: newest.id,
                  rating: newest.rating,
                  comment: newest.comment,
                  createdAt: newest.createdAt,
                }
              : null,
          );
        }

        const second = (await request(server).get('/api/products?page=2').expect(200)).body as Body;
        expect((second.results as Body[])[0]!.id as number).toBeGreaterThan(ids[19]!);
        expect(second.previous).toMatch(/^http:\/\/[^/]+\/api\/products$/);
      });

      it('restocks a product: 200 with the detail shape, inStock true', async () => {
        const response = await admin
          .post('/api/products')
          .send({
            name: `Sold out ${suffix}`,
            price: '7.00',
            inStock: false,
            tags: [],
            categoryId: category.id,
          })
          .expect(201);
        const created = response.body as Body;
        expect(created.inStock).toBe(false);
        const url = `/api/products/${String(created.id)}`;
        const restocked = { ...created, inStock: true };
        await admin.post(`${url}/restock`).send({ quantity: 12 }).expect(200, restocked);
        await request(server).get(url).expect(200, restocked);
        // Restocking a product in stock changes nothing.
        await admin.post(`${url}/restock`).send({ quantity: 1000 }).expect(200, restocked);
      });

      it('validates the restock quantity (an integer from 1 to 1000)', async () => {
        const created = await createProduct('Restocked', category.id);
        const restock = (body?: object) => {
          const pending = admin.post(`/api/products/${String(created.id)}/restock`);
          return body === undefined ? pending : pending.send(body);
        };
        await restock().expect(400, validationError({ quantity: ['This field is required.'] }));
        await restock({}).expect(400, validationError({ quantity: ['This field is required.'] }));
        await restock({ quantity: 0 }).expect(
          400,
          validationError({ quantity: ['Ensure this value is greater than or equal to 1.'] }),
        );
        await restock({ quantity: 1001 }).expect(
          400,
          validationError({ quantity: ['Ensure this value is less than or equal to 1000.'] }),
        );
        await restock({ quantity: 'many' }).expect(
          400,
          validationError({ quantity: ['A valid integer is required.'] }),
        );
        await restock({ quantity: 2.5 }).expect(
          400,
          validationError({ quantity: ['A valid integer is required.'] }),
        );
        // A missing product is a 404 before the body is looked at.
        for (const id of ['999999', 'abc']) {
          await admin
            .post(`/api/products/${id}/restock`)
            .send({ quantity: 0 })
            .expect(404, notFound());
        }
      });

      it('deletes a product (204), and its reviews with it', async () => {
        const created = await createProduct('Doomed', category.id);
        const url = `/api/products/${String(created.id)}`;
        const review = (
          await alice
            .post('/api/reviews')
            .send({ product: created.id, rating: 2, comment: 'Meh.' })
            .expect(201)
        ).body as Body;
        const response = await admin.delete(url).expect(204);
        expect(response.text).toBe('');
        await request(server).get(url).expect(404, notFound());
        await admin.delete(url).expect(404, notFound());
        await request(server)
          .get(`/api/reviews/${String(review.id)}`)
          .expect(404, notFound());
      });

      it('answers 405 with Allow for a method a route does not serve', async () => {
        for (const [method, url, allow] of [
          ['put', '/api/products', 'GET, HEAD, POST, OPTIONS'],
          ['post', '/api/products/1', 'GET, HEAD, PUT, PATCH, DELETE, OPTIONS'],
          ['get', '/api/products/1/restock', 'POST, OPTIONS'],
          ['delete', '/api/categories', 'GET, HEAD, POST, OPTIONS'],
          ['post', '/api/categories/1', 'GET, HEAD, PUT, PATCH, DELETE, OPTIONS'],
          ['patch', '/api/reviews', 'GET, HEAD, POST, OPTIONS'],
          ['post', '/api/reviews/1', 'GET, HEAD, PUT, PATCH, DELETE, OPTIONS'],
          ['delete', '/api', 'GET, HEAD'],
        ] as const) {
          // Anonymous on purpose: an unserved method is a 405 before anyone is authenticated.
          const response = await request(server)[method](url).expect(405);
          expect(response.headers['allow']).toBe(allow);
          expect(response.body).toEqual(methodNotAllowed(method.toUpperCase()));
        }
      });

      it('answers 404 for a missing product or an id that cannot exist', async () => {
        for (const id of ['99999999999', '999999', '0', '-1', 'abc']) {
          await request(server).get(`/api/products/${id}`).expect(404, notFound());
          await admin.patch(`/api/products/${id}`).send({ price: '1.00' }).expect(404, notFound());
          await admin.put(`/api/products/${id}`).send({}).expect(404, notFound());
          await admin.delete(`/api/products/${id}`).expect(404, notFound());
        }
      });
    });

    describe('reviews', () => {
      let product: Body;
      let otherProduct: Body;
      beforeAll(async () => {
        const category = await createCategory('Reviewed');
        product = await createProduct('Reviewed item', category.id);
        otherProduct = await createProduct('Other reviewed item', category.id);
      });

      /** Creates a review of `product` by alice and answers its representation. */
      async function createReview(fields: Body = {}): Promise<Body> {
        const response = await alice
          .post('/api/reviews')
          .send({ product: product.id, rating: 4, comment: 'Good.', ...fields })
          .expect(201);
        return response.body as Body;
      }

      it('creates a review by the signed-in user and answers 201 with its representation', async () => {
        const body = await createReview({ rating: 5, comment: `Great ${suffix}` });
        expect(Object.keys(body)).toEqual(REVIEW_KEYS);
        expect(body).toEqual({
          id: body.id,
          product: product.id,
          author: aliceId,
          rating: 5,
          comment: `Great ${suffix}`,
          createdAt: body.createdAt,
        });
        expect(typeof body.id).toBe('number');
        expect(body.createdAt).toMatch(ISO_DATE_TIME);
        expect(Math.abs(Date.parse(body.createdAt as string) - Date.now())).toBeLessThan(60_000);
        await request(server)
          .get(`/api/reviews/${String(body.id)}`)
          .expect(200, body);
        const stored = await app
          .get(DataSource)
          .getRepository(Review)
          .findOneByOrFail({ id: body.id as number });
        expect(stored).toMatchObject({ productId: product.id, authorId: aliceId, rating: 5 });
      });

      it('defaults the comment to an empty string and ignores read-only keys, author too', async () => {
        const response = await alice
          .post('/api/reviews')
          .send({
            id: 424242,
            createdAt: '2000-01-01T00:00:00Z',
            product: product.id,
            author: bobId,
            rating: 1,
          })
          .expect(201);
        const body = response.body as Body;
        expect(body.id).not.toBe(424242);
        expect(body).toEqual({
          id: body.id,
          product: product.id,
          author: aliceId,
          rating: 1,
          comment: '',
          createdAt: body.createdAt,
        });
        expect(Date.parse(body.createdAt as string)).toBeGreaterThan(Date.parse('2020-01-01'));
      });

      it('rejects a rating outside 1..5', async () => {
        const send = (rating: unknown) =>
          alice.post('/api/reviews').send({ product: product.id, rating, comment: 'x' });
        await send(6).expect(
          400,
          validationError({ rating: ['Ensure this value is less than or equal to 5.'] }),
        );
        await send(0).expect(
          400,
          validationError({ rating: ['Ensure this value is greater than or equal to 1.'] }),
        );
        await send(4.5).expect(400, validationError({ rating: ['A valid integer is required.'] }));
        await send(null).expect(400, validationError({ rating: ['This field may not be null.'] }));
        const created = await createReview();
        await alice
          .patch(`/api/reviews/${String(created.id)}`)
          .send({ rating: 6 })
          .expect(
            400,
            validationError({ rating: ['Ensure this value is less than or equal to 5.'] }),
          );
        await request(server)
          .get(`/api/reviews/${String(created.id)}`)
          .expect(200, created);
      });

      it('rejects a product that does not exist', async () => {
        await alice
          .post('/api/reviews')
          .send({ product: 999999, rating: 3 })
          .expect(
            400,
            validationError({ product: ['Invalid pk "999999" - object does not exist.'] }),
          );
        await alice
          .post('/api/reviews')
          .send({ product: 'abc', rating: 3 })
          .expect(
            400,
            validationError({ product: ['Incorrect type. Expected pk value, received str.'] }),
          );
      });

      it('reports every missing field at once', async () => {
        await alice
          .post('/api/reviews')
          .send({})
          .expect(
            400,
            validationError({
              product: ['This field is required.'],
              rating: ['This field is required.'],
            }),
          );
      });

      it('changes a review with PATCH and replaces it with PUT', async () => {
        const created = await createReview();
        const url = `/api/reviews/${String(created.id)}`;
        const patched = { ...created, rating: 2, comment: 'Changed my mind.' };
        await alice
          .patch(url)
          .send({ rating: 2, comment: 'Changed my mind.' })
          .expect(200, patched);
        await request(server).get(url).expect(200, patched);
        await alice
          .put(url)
          .send({ rating: 3 })
          .expect(400, validationError({ product: ['This field is required.'] }));
        // The author stays the one who wrote it, whatever the body says.
        const replaced = { ...created, product: otherProduct.id, rating: 5, comment: '' };
        await alice
          .put(url)
          .send({ product: otherProduct.id, author: bobId, rating: 5, comment: '' })
          .expect(200, replaced);
        await request(server).get(url).expect(200, replaced);
      });

      it('deletes a review (204)', async () => {
        const created = await createReview();
        const url = `/api/reviews/${String(created.id)}`;
        const response = await alice.delete(url).expect(204);
        expect(response.text).toBe('');
        await request(server).get(url).expect(404, notFound());
        for (const id of ['999999', 'abc']) {
          await request(server).get(`/api/reviews/${id}`).expect(404, notFound());
        }
      });

      it('lists reviews newest first by cursor, without a count', async () => {
        const older = await createReview({ comment: 'Older.' });
        const newer = await createReview({ comment: 'Newer.' });
        const response = await request(server).get('/api/reviews?page_size=2').expect(200);
        const body = response.body as Body;
        expect(Object.keys(body)).toEqual(['next', 'previous', 'results']);
        expect(body).toEqual({
          next: expect.stringMatching(/^http:\/\/[^/]+\/api\/reviews\?cursor=[\w-]+&page_size=2$/),
          previous: null,
          results: [newer, older],
        });
        const next = new URL(body.next as string);
        const page = (await request(server).get(`${next.pathname}${next.search}`).expect(200))
          .body as Body;
        const results = page.results as Body[];
        expect(results).toHaveLength(2);
        for (const review of results) {
          expect(Object.keys(review)).toEqual(REVIEW_KEYS);
          expect(Date.parse(review.createdAt as string)).toBeLessThanOrEqual(
            Date.parse(older.createdAt as string),
          );
        }
        expect(page.previous).toMatch(/^http:\/\/[^/]+\/api\/reviews\?cursor=[\w-]+&page_size=2$/);
        await request(server)
          .get('/api/reviews?cursor=abc')
          .expect(404, notFound('Invalid cursor'));
      });
    });

    describe('access', () => {
      let category: Body;
      let product: Body;
      beforeAll(async () => {
        category = await createCategory('Guarded');
        product = await createProduct('Guarded item', category.id);
      });

      /** A valid new product named `<label> <suffix>`: only its sender decides the answer. */
      const newProduct = (label: string) => ({
        name: `${label} ${suffix}`,
        price: '5',
        tags: [],
        categoryId: category.id,
      });
      const countProducts = (label: string) =>
        app
          .get(DataSource)
          .getRepository(Product)
          .countBy({ name: `${label} ${suffix}` });

      it('answers an anonymous catalog write with 401 and the Bearer challenge', async () => {
        const response = await request(server)
          .post('/api/products')
          .send(newProduct('Anonymous'))
          .expect(401, notAuthenticated);
        expect(response.headers['www-authenticate']).toBe('Bearer realm="api"');
        expect(await countProducts('Anonymous')).toBe(0);
      });

      it('refuses a catalog write by a user who is not staff with 403', async () => {
        const response = await alice
          .post('/api/products')
          .send(newProduct('Unstaffed'))
          .expect(403, permissionDenied('Only staff users may change the catalog.'));
        expect(response.headers['www-authenticate']).toBeUndefined();
        expect(await countProducts('Unstaffed')).toBe(0);
      });

      it('lets a user review a product, and only the author change the review', async () => {
        const created = (
          await alice
            .post('/api/reviews')
            .send({ product: product.id, rating: 3, comment: 'Fine.' })
            .expect(201)
        ).body as Body;
        expect(created.author).toBe(aliceId);
        const url = `/api/reviews/${String(created.id)}`;

        const notTheAuthor = permissionDenied('Only the author may change this review.');
        await bob.patch(url).send({ rating: 1, comment: 'Awful.' }).expect(403, notTheAuthor);
        await bob.delete(url).expect(403, notTheAuthor);
        await request(server).get(url).expect(200, created);
        const stored = await app
          .get(DataSource)
          .getRepository(Review)
          .findOneByOrFail({ id: created.id as number });
        expect(stored).toMatchObject({ authorId: aliceId, rating: 3, comment: 'Fine.' });

        const patched = { ...created, rating: 4 };
        await alice.patch(url).send({ rating: 4 }).expect(200, patched);
        await request(server).get(url).expect(200, patched);
      });

      it('lets anyone read the three collections', async () => {
        for (const url of ['/api/categories', '/api/products', '/api/reviews']) {
          await request(server).get(url).expect(200);
        }
      });
    });
  });
});
