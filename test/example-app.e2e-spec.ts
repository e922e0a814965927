import type { INestApplication } from '@nestjs/common';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Category } from '../apps/example/src/catalog/category.entity';
import { Product } from '../apps/example/src/catalog/product.entity';
import { Review } from '../apps/example/src/catalog/review.entity';
import { Tag } from '../apps/example/src/catalog/tag.entity';
import { verifyPassword } from 'nestjs-restflow';
import { User } from '../apps/example/src/users/user.entity';
import { ADAPTERS } from './utils/adapters';
import { testDatabases } from './utils/databases';
import { useTestDatabase } from './utils/e2e-hooks';
import { bootExample } from './utils/example-app';

/**
 * Every request names this host, so that the absolute links in bodies are known exactly. A
 * subdomain of localhost: in the default http.allowedHosts ('.localhost').
 */
const HOST = 'catalog.localhost';
const ORIGIN = `http://${HOST}`;

const notFound = (message: string) => ({
  error: { code: 'not_found', message, details: {} },
});

/** The seeded categories, in id order, as the API represents them (hyperlinked). */
const SEEDED_CATEGORIES = ['Books', 'Electronics', 'Garden', 'Kitchen', 'Toys'].map(
  (name, index) => ({
    url: `${ORIGIN}/api/categories/${index + 1}`,
    id: index + 1,
    name,
    slug: name.toLowerCase(),
    description: null,
  }),
);

/** The seeded tags, in id order. */
const SEEDED_TAGS = ['new', 'sale', 'bestseller', 'eco', 'gift', 'limited', 'imported'];

/** A product in the list: its review count and latest review, read here with a query per row. */
const productListItem = (product: Product) => {
  const [latest] = [...product.reviews].sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id,
  );
  return {
    id: product.id,
    name: product.name,
    price: product.price,
    inStock: product.inStock,
    reviewCount: product.reviews.length,
    latestReview: latest
      ? {
          id: latest.id,
          rating: latest.rating,
          comment: latest.comment,
          createdAt: latest.createdAt.toISOString(),
        }
      : null,
  };
};

const reviewBody = (review: Review) => ({
  id: review.id,
  product: review.productId,
  author: review.authorId,
  rating: review.rating,
  comment: review.comment,
  createdAt: review.createdAt.toISOString(),
});

/** The path and query of an absolute link of this app, for the next request. */
const pathOf = (link: unknown): string => {
  expect(typeof link).toBe('string');
  expect((link as string).startsWith(`${ORIGIN}/`)).toBe(true);
  return (link as string).slice(ORIGIN.length);
};

describe.each(testDatabases())('example app on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  // This suite only reads: both adapters see exactly the seeded data.
  describe.each(ADAPTERS)('over %s', (adapter) => {
    let app: INestApplication;
    let server: ReturnType<INestApplication['getHttpServer']>;
    const get = (path: string) => request(server).get(path).set('Host', HOST);
    beforeAll(async () => {
      app = await bootExample(adapter, database().url);
      server = app.getHttpServer();
    });
    afterAll(() => app.close());

    it('answers the health check with the database driver', async () => {
      const expected = { sqljs: 'sqljs', postgres: 'postgres', mariadb: 'mysql' }[databaseName];
      await get('/api/health').expect(200, { status: 'ok', database: expected });
    });

    it('seeds 5 categories, 200 products, 1,000 reviews and 3 users, once', async () => {
      const dataSource = app.get(DataSource);
      expect(await dataSource.getRepository(Category).count()).toBe(5);
      expect(await dataSource.getRepository(Product).count()).toBe(200);
      expect(await dataSource.getRepository(Review).count()).toBe(1000);
      expect(await dataSource.getRepository(Tag).count()).toBe(7);
      const users = await dataSource.getRepository(User).find({ order: { username: 'ASC' } });
      expect(users.map((user) => [user.username, user.isStaff, user.isActive])).toEqual([
        ['admin', true, true],
        ['alice', false, true],
        ['bob', false, true],
      ]);
      for (const user of users) {
        expect(await verifyPassword(`${user.username}-password`, user.passwordHash)).toBe(true);
        expect(await verifyPassword('wrong-password', user.passwordHash)).toBe(false);
      }
    });

    it('serves the API root with the four viewsets, not the health check', async () => {
      await get('/api').expect(200, {
        categories: `${ORIGIN}/api/categories`,
        products: `${ORIGIN}/api/products`,
        reviews: `${ORIGIN}/api/reviews`,
        tags: `${ORIGIN}/api/tags`,
      });
      const response = await request(server).post('/api').set('Host', HOST).expect(405);
      expect(response.headers['allow']).toBe('GET, HEAD');
    });

    describe('categories', () => {
      it('lists the seeded categories on one page, with the count', async () => {
        await get('/api/categories').expect(200, {
          count: 5,
          next: null,
          previous: null,
          results: SEEDED_CATEGORIES,
        });
      });

      it('pages by ?page and ?page_size, with absolute links', async () => {
        await get('/api/categories?page_size=2').expect(200, {
          count: 5,
          next: `${ORIGIN}/api/categories?page=2&page_size=2`,
          previous: null,
          results: SEEDED_CATEGORIES.slice(0, 2),
        });
        await get('/api/categories?page_size=2&page=2').expect(200, {
          count: 5,
          next: `${ORIGIN}/api/categories?page=3&page_size=2`,
          previous: `${ORIGIN}/api/categories?page_size=2`,
          results: SEEDED_CATEGORIES.slice(2, 4),
        });
        await get('/api/categories?page=last&page_size=2').expect(200, {
          count: 5,
          next: null,
          previous: `${ORIGIN}/api/categories?page=2&page_size=2`,
          results: SEEDED_CATEGORIES.slice(4),
        });
        // The size a client asks for is capped at maxPageSize (100); nonsense is ignored.
        for (const size of ['1000', '0', 'abc']) {
          await get(`/api/categories?page_size=${size}`).expect(200, {
            count: 5,
            next: null,
            previous: null,
            results: SEEDED_CATEGORIES,
          });
        }
        for (const page of ['4&page_size=2', '2', '0', 'abc']) {
          await get(`/api/categories?page=${page}`).expect(404, notFound('Invalid page.'));
        }
      });

      it('serves one category, and the 404 envelope for a missing or malformed id', async () => {
        await get('/api/categories/1').expect(200, SEEDED_CATEGORIES[0]);
        for (const id of ['9999', '0', 'abc', '99999999999']) {
          await get(`/api/categories/${id}`).expect(404, notFound('Not found.'));
        }
      });
    });

    describe('products', () => {
      let products: Product[];
      beforeAll(async () => {
        products = await app
          .get(DataSource)
          .getRepository(Product)
          .find({ order: { id: 'ASC' }, relations: { reviews: true, tags: true } });
      });

      it('lists 20 products per page in the light shape, without a count', async () => {
        const response = await get('/api/products').expect(200);
        expect(Object.keys(response.body as object)).toEqual(['results', 'next', 'previous']);
        expect(response.body).toEqual({
          results: products.slice(0, 20).map(productListItem),
          next: `${ORIGIN}/api/products?page=2`,
          previous: null,
        });
        await get('/api/products?page=2').expect(200, {
          results: products.slice(20, 40).map(productListItem),
          next: `${ORIGIN}/api/products?page=3`,
          previous: `${ORIGIN}/api/products`,
        });
        await get('/api/products?page=10').expect(200, {
          results: products.slice(180).map(productListItem),
          next: null,
          previous: `${ORIGIN}/api/products?page=9`,
        });
        await get('/api/products?page=11').expect(404, notFound('Invalid page.'));
        await get('/api/products?page=last').expect(404, notFound('Invalid page.'));
      });

      it('honours ?page_size, a full last page having no next link', async () => {
        await get('/api/products?page_size=50&page=4').expect(200, {
          results: products.slice(150).map(productListItem),
          next: null,
          previous: `${ORIGIN}/api/products?page=3&page_size=50`,
        });
      });

      it('serves one product in the detail shape, with its category nested and linked', async () => {
        // The first products with no tag, one tag and several: keys by id.
        const sample = [0, 1, 2, 3].map((count) =>
          products.find((product) => product.tags.length === count)!,
        );
        for (const product of sample) {
          const category = SEEDED_CATEGORIES.find(({ id }) => id === product.categoryId)!;
          await get(`/api/products/${product.id}`).expect(200, {
            id: product.id,
            name: product.name,
            description: product.description,
            price: product.price,
            inStock: product.inStock,
            tags: product.tags.map((tag) => tag.id).sort((a, b) => a - b),
            createdAt: product.createdAt.toISOString(),
            category: { url: category.url, id: category.id, name: category.name },
          });
        }
        await get('/api/products/9999').expect(404, notFound('Not found.'));
      });

      it('lists the seeded tags, whose keys products list', async () => {
        await get('/api/tags').expect(
          200,
          SEEDED_TAGS.map((name, index) => ({ id: index + 1, name })),
        );
        await get('/api/tags/2').expect(200, { id: 2, name: 'sale' });
        const tagged = products.filter((product) => product.tags.length > 0);
        expect(tagged.length).toBeGreaterThan(100);
      });
    });

    describe('reviews', () => {
      let newestFirst: Review[];
      beforeAll(async () => {
        newestFirst = await app
          .get(DataSource)
          .getRepository(Review)
          .find({ order: { createdAt: 'DESC', id: 'DESC' } });
      });

      it('lists reviews newest first, 20 per page, by cursor', async () => {
        const first = await get('/api/reviews').expect(200);
        expect(Object.keys(first.body as object)).toEqual(['next', 'previous', 'results']);
        expect(first.body).toEqual({
          next: expect.stringMatching(/^http:\/\/catalog\.localhost\/api\/reviews\?cursor=[\w-]+$/),
          previous: null,
          results: newestFirst.slice(0, 20).map(reviewBody),
        });

        const second = await get(pathOf(first.body.next)).expect(200);
        expect(second.body).toEqual({
          next: expect.stringMatching(/^http:\/\/catalog\.localhost\/api\/reviews\?cursor=[\w-]+$/),
          previous: expect.stringMatching(
            /^http:\/\/catalog\.localhost\/api\/reviews\?cursor=[\w-]+$/,
          ),
          results: newestFirst.slice(20, 40).map(reviewBody),
        });

        const back = await get(pathOf(second.body.previous)).expect(200);
        expect(back.body.results).toEqual(first.body.results);
        expect(back.body.previous).toBeNull();
      });

      it('reaches the oldest review through next links, with ?page_size', async () => {
        let path: string | null = '/api/reviews?page_size=100';
        const seen: unknown[] = [];
        while (path !== null) {
          const body = (await get(path).expect(200)).body as { next: unknown; results: unknown[] };
          expect(body.results.length).toBeLessThanOrEqual(100);
          seen.push(...body.results);
          path = body.next === null ? null : pathOf(body.next);
          if (path !== null) expect(path).toContain('page_size=100');
        }
        expect(seen).toEqual(newestFirst.map(reviewBody));
      });

      it('answers 404 for a cursor it did not issue', async () => {
        await get('/api/reviews?cursor=not-a-cursor').expect(404, notFound('Invalid cursor'));
      });

      it('serves one review', async () => {
        const review = newestFirst[0]!;
        await get(`/api/reviews/${review.id}`).expect(200, reviewBody(review));
      });
    });

    it('answers a method the route does not serve with 405 and Allow', async () => {
      const response = await request(server).put('/api/categories').expect(405);
      expect(response.headers['allow']).toBe('GET, HEAD, POST, OPTIONS');
      expect(response.body).toEqual({
        error: { code: 'method_not_allowed', message: 'Method "PUT" not allowed.', details: {} },
      });
    });

    it('publishes the OpenAPI document', async () => {
      const response = await request(server).get('/docs-json').expect(200);
      expect(Object.keys(response.body.paths)).toEqual(
        expect.arrayContaining([
          '/api',
          '/api/health',
          '/api/categories',
          '/api/categories/{id}',
          '/api/products',
          '/api/products/{id}',
          '/api/products/{id}/restock',
          '/api/reviews',
          '/api/reviews/{id}',
        ]),
      );
    });
  });
});

describe('example app on the default sql.js file', () => {
  const workdir = mkdtempSync(join(tmpdir(), 'restflow-example-'));
  const cwd = process.cwd();
  beforeAll(() => process.chdir(workdir));
  afterAll(() => {
    process.chdir(cwd);
    rmSync(workdir, { recursive: true, force: true });
  });

  it('persists the seeded data across a restart without seeding again', async () => {
    const first = await bootExample('express', undefined);
    const firstIds = (await first.get(DataSource).getRepository(Review).find()).map((r) => r.id);
    await first.close();
    expect(existsSync(join(workdir, 'data', 'example.sqlite'))).toBe(true);

    const second = await bootExample('fastify', undefined);
    try {
      const reviews = await second.get(DataSource).getRepository(Review).find();
      expect(reviews.map((review) => review.id)).toEqual(firstIds);
      expect(await second.get(DataSource).getRepository(User).count()).toBe(3);
    } finally {
      await second.close();
    }
  });
});
