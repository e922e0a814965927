import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Category } from '../apps/example/src/catalog/category.entity';
import { Product } from '../apps/example/src/catalog/product.entity';
import { Review } from '../apps/example/src/catalog/review.entity';
import { User } from '../apps/example/src/users/user.entity';
import { ADAPTERS } from './utils/adapters';
import { testDatabases } from './utils/databases';
import { useTestDatabase } from './utils/e2e-hooks';
import { bootExample } from './utils/example-app';

type Body = Record<string, unknown>;

/** What a case needs to know about the seeded rows to compute its expectation. */
interface Rows {
  products: Product[];
  reviews: Review[];
  categories: Category[];
  users: User[];
}

/** `[query, the expected rows by predicate]`: expectations computed from the rows themselves. */
type Case<T> = [string, (rows: Rows) => (row: T) => boolean];

const year = (date: Date) => date.getUTCFullYear();
const month = (date: Date) => date.getUTCMonth() + 1;
const isoDate = (date: Date) => date.toISOString().slice(0, 10);
/** Whether the product carries the tag named `name` (its tags are loaded with it). */
const tagged = (product: Product, name: string) => product.tags.some((tag) => tag.name === name);

const PRODUCT_CASES: Case<Product>[] = [
  ['name__icontains=lamp', () => (p) => p.name.toLowerCase().includes('lamp')],
  ['name__icontains=VINTAGE', () => (p) => p.name.toLowerCase().includes('vintage')],
  ['name__icontains!=vintage', () => (p) => !p.name.toLowerCase().includes('vintage')],
  ['price__gte=100', () => (p) => Number(p.price) >= 100],
  ['price__lt=20.50', () => (p) => Number(p.price) < 20.5],
  ['price__range=10,20', () => (p) => Number(p.price) >= 10 && Number(p.price) <= 20],
  ['price__range!=10,20', () => (p) => !(Number(p.price) >= 10 && Number(p.price) <= 20)],
  ['inStock=false', () => (p) => !p.inStock],
  ['inStock!=0', () => (p) => p.inStock],
  ['tags=sale', () => (p) => tagged(p, 'sale')],
  ['tags=sale,gift', () => (p) => tagged(p, 'sale') || tagged(p, 'gift')],
  ['tags=SALE&tags=eco', () => (p) => tagged(p, 'sale') || tagged(p, 'eco')],
  ['tags!=sale', () => (p) => !tagged(p, 'sale')],
  ['tags!=sale,gift', () => (p) => !tagged(p, 'sale') && !tagged(p, 'gift')],
  ['tags=sa', () => () => false],
  ['tags=%25', () => () => false],
  ['createdAt__year=2025', () => (p) => year(p.createdAt) === 2025],
  ['createdAt__month__in=1,2', () => (p) => [1, 2].includes(month(p.createdAt))],
  ['createdAt__month__in!=1,2', () => (p) => ![1, 2].includes(month(p.createdAt))],
  [
    'createdAt__gte=2025-07-01T00:00:00Z',
    () => (p) => p.createdAt.getTime() >= Date.UTC(2025, 6, 1),
  ],
  [
    'createdAt__date=FIRST_DATE',
    ({ products }) =>
      (p) =>
        isoDate(p.createdAt) === isoDate(products[0]!.createdAt),
  ],
  [
    'category=FIRST_SLUG',
    ({ categories }) =>
      (p) =>
        p.categoryId === categories[0]!.id,
  ],
  [
    'category!=FIRST_SLUG',
    ({ categories }) =>
      (p) =>
        p.categoryId !== categories[0]!.id,
  ],
  ['categoryId__in=1,2', () => (p) => [1, 2].includes(p.categoryId)],
  [
    'name__icontains=a&price__lt=50&inStock=true',
    () => (p) => p.name.toLowerCase().includes('a') && Number(p.price) < 50 && p.inStock,
  ],
];

const REVIEW_CASES: Case<Review>[] = [
  ['rating=5', () => (r) => r.rating === 5],
  ['rating__gte=4', () => (r) => r.rating >= 4],
  ['rating__gte!=4', () => (r) => r.rating < 4],
  ['rating__range=2,3', () => (r) => r.rating >= 2 && r.rating <= 3],
  [
    'author=alice',
    ({ users }) =>
      (r) =>
        r.authorId === users.find((user) => user.username === 'alice')!.id,
  ],
  [
    'author!=alice&rating=1',
    ({ users }) =>
      (r) =>
        r.authorId !== users.find((user) => user.username === 'alice')!.id && r.rating === 1,
  ],
  [
    'product=FIRST_REVIEWED',
    ({ reviews }) =>
      (r) =>
        r.productId === reviews[0]!.productId,
  ],
  ['product__in=1,2,3', () => (r) => [1, 2, 3].includes(r.productId)],
];

/** Fills the placeholders of a case with values of the seeded rows. */
function queryOf(template: string, rows: Rows): string {
  return template
    .replace('FIRST_DATE', isoDate(rows.products[0]!.createdAt))
    .replace('FIRST_SLUG', rows.categories[0]!.slug)
    .replace('FIRST_REVIEWED', String(rows.reviews[0]!.productId));
}

/** Every item of a paginated list, following the `next` links. */
async function listAll(
  server: ReturnType<INestApplication['getHttpServer']>,
  url: string,
): Promise<Body[]> {
  const items: Body[] = [];
  for (let next: string | null = url; next !== null;) {
    const response = await request(server).get(next).expect(200);
    const body = response.body as { results: Body[]; next: string | null };
    items.push(...body.results);
    next = body.next === null ? null : new URL(body.next).pathname + new URL(body.next).search;
  }
  return items;
}

const validationError = (details: object) => ({
  error: { code: 'validation_error', message: 'Request validation failed.', details },
});

describe.each(testDatabases())('example app filter sets on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  describe.each(ADAPTERS)('over %s', (adapter) => {
    let app: INestApplication;
    let server: ReturnType<INestApplication['getHttpServer']>;
    let rows: Rows;
    beforeAll(async () => {
      // This suite is not about throttling: its anonymous GETs stay far below these rates.
      app = await bootExample(adapter, database().url, {
        throttleRates: { anon: '100000/min', user: '100000/min' },
      });
      server = app.getHttpServer();
      const dataSource = app.get(DataSource);
      rows = {
        products: await dataSource
          .getRepository(Product)
          .find({ relations: { tags: true }, order: { id: 'ASC' } }),
        reviews: await dataSource.getRepository(Review).find({ order: { id: 'ASC' } }),
        categories: await dataSource.getRepository(Category).find({ order: { id: 'ASC' } }),
        users: await dataSource.getRepository(User).find(),
      };
    });
    afterAll(() => app.close());

    it.each(PRODUCT_CASES)('GET /api/products?%s', async (template, predicate) => {
      const items = await listAll(server, `/api/products?${queryOf(template, rows)}`);
      const expected = rows.products.filter(predicate(rows)).map((product) => product.id);
      expect(items.map((item) => item.id)).toEqual(expected);
    });

    it.each(REVIEW_CASES)('GET /api/reviews?%s', async (template, predicate) => {
      const items = await listAll(server, `/api/reviews?${queryOf(template, rows)}`);
      const expected = rows.reviews.filter(predicate(rows)).map((review) => review.id);
      expect(items.map((item) => item.id as number).sort((a, b) => a - b)).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
    });

    it('orders products left to right, the id breaking ties', async () => {
      const items = await listAll(server, '/api/products?order_by=-price,name&inStock=true');
      const expected = rows.products
        .filter((product) => product.inStock)
        .sort(
          (a, b) =>
            Number(b.price) - Number(a.price) ||
            (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
            a.id - b.id,
        )
        .map((product) => product.id);
      expect(items.map((item) => item.id)).toEqual(expected);
    });

    it('answers bad filter values with the 400 envelope', async () => {
      await request(server)
        .get('/api/products?price__gte=cheap&order_by=colour')
        .expect(
          400,
          validationError({
            price__gte: ['A valid number is required.'],
            order_by: ['"colour" is not a valid choice.'],
          }),
        );
      await request(server)
        .get('/api/reviews?rating__range=1&rating=9')
        .expect(
          400,
          validationError({
            rating: ['Ensure this value is less than or equal to 5.'],
            rating__range: ['Ensure this field has exactly 2 elements.'],
          }),
        );
    });
  });
});
