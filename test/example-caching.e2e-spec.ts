import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { cachedMethod } from 'nestjs-restflow';
import { MyReviewsService } from '../apps/example/src/catalog/my-reviews.service';
import { Review } from '../apps/example/src/catalog/review.entity';
import { User } from '../apps/example/src/users/user.entity';
import { ADAPTERS } from './utils/adapters';
import { useTestDatabase } from './utils/e2e-hooks';
import { bootExample } from './utils/example-app';

describe.each(ADAPTERS)('example app caching (%s)', (adapter) => {
  const database = useTestDatabase('sqljs');
  let app: INestApplication;
  let server: ReturnType<INestApplication['getHttpServer']>;
  let staff: string;
  beforeAll(async () => {
    app = await bootExample(adapter, database().url);
    server = app.getHttpServer();
    const login = await request(server)
      .post('/api/auth/token')
      .send({ username: 'admin', password: 'admin-password' })
      .expect(200);
    staff = `Bearer ${(login.body as { access: string }).access}`;
  });
  afterAll(() => app.close());

  it('caches product detail with ETags, and a product update makes it a MISS', async () => {
    const miss = await request(server).get('/api/products/1').expect(200);
    expect(miss.headers['x-cache-status']).toBe('MISS');
    const hit = await request(server).get('/api/products/1').expect(200);
    expect(hit.headers['x-cache-status']).toBe('HIT');
    expect(hit.body).toEqual(miss.body);
    const etag = hit.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    await request(server).get('/api/products/1').set('If-None-Match', etag).expect(304);
    await request(server)
      .patch('/api/products/1')
      .set('Authorization', staff)
      .send({ name: 'Renamed product' })
      .expect(200);
    const after = await request(server).get('/api/products/1').expect(200);
    expect(after.headers['x-cache-status']).toBe('MISS');
    expect(after.body.name).toBe('Renamed product');
    expect(after.headers.etag).not.toBe(etag);
  });

  it('caches the category list, invalidated by category writes', async () => {
    expect((await request(server).get('/api/categories')).headers['x-cache-status']).toBe('MISS');
    expect((await request(server).get('/api/categories')).headers['x-cache-status']).toBe('HIT');
    await request(server)
      .patch('/api/categories/1')
      .set('Authorization', staff)
      .send({ name: 'Renamed category' })
      .expect(200);
    const after = await request(server).get('/api/categories').expect(200);
    expect(after.headers['x-cache-status']).toBe('MISS');
    expect(JSON.stringify(after.body)).toContain('Renamed category');
    // the product detail nests the category name: its entries went too
    expect((await request(server).get('/api/products/1')).headers['x-cache-status']).toBe('MISS');
  });

  it("caches 'my reviews' per user; a user's new review drops only their entries", async () => {
    const users = app.get(DataSource).getRepository(User);
    const alice = await users.findOneByOrFail({ username: 'alice' });
    const bob = await users.findOneByOrFail({ username: 'bob' });
    const reviews = cachedMethod(app.get(MyReviewsService), 'myReviews');
    await reviews(alice.id, 5);
    await reviews(bob.id, 5);
    expect((await reviews.getWithMetadata(alice.id, 5))[1]?.cacheStatus).toBe('HIT');
    expect(reviews.getCacheKey(alice.id, 5)).toBe(
      `reviews::MyReviewsService.myReviews::userId:${alice.id}::limit:5`,
    );
    await app
      .get(DataSource)
      .getRepository(Review)
      .save({ productId: 2, authorId: alice.id, rating: 5, comment: 'cached?' });
    const [fresh, meta] = await reviews.getWithMetadata(alice.id, 5);
    expect(meta?.cacheStatus).toBe('MISS');
    expect(fresh[0]?.comment).toBe('cached?');
    expect((await reviews.getWithMetadata(bob.id, 5))[1]?.cacheStatus).toBe('HIT');
  });
});
