import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { cachedMethod } from 'nestjs-restflow';
import { MyReviewsService } from '../apps/example/src/catalog/my-reviews.service';
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
    // Listening once, every request has the same Host: cached responses are keyed by the origin.
    await app.listen(0, '127.0.0.1');
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

  it("GET /api/reviews/mine: cached per user; a user's new review drops only their entries", async () => {
    const token = async (username: string) => {
      const login = await request(server)
        .post('/api/auth/token')
        .send({ username, password: `${username}-password` })
        .expect(200);
      return `Bearer ${(login.body as { access: string }).access}`;
    };
    const alice = await token('alice');
    const bob = await token('bob');
    const mine = (auth: string) =>
      request(server).get('/api/reviews/mine').set('Authorization', auth);
    await request(server).get('/api/reviews/mine').expect(401);

    const aliceMiss = await mine(alice).expect(200);
    expect(aliceMiss.headers['x-cache-status']).toBe('MISS');
    const aliceHit = await mine(alice).expect(200);
    expect(aliceHit.headers['x-cache-status']).toBe('HIT');
    expect(aliceHit.body).toEqual(aliceMiss.body);
    const bobMiss = await mine(bob).expect(200);
    expect(bobMiss.headers['x-cache-status']).toBe('MISS');
    expect(bobMiss.body).not.toEqual(aliceMiss.body);
    expect((await mine(bob).expect(200)).headers['x-cache-status']).toBe('HIT');
    const users = app.get(DataSource).getRepository(User);
    const aliceId = (await users.findOneByOrFail({ username: 'alice' })).id;
    for (const review of aliceMiss.body as { author: number }[])
      expect(review.author).toBe(aliceId);

    await request(server)
      .post('/api/reviews')
      .set('Authorization', alice)
      .send({ product: 2, rating: 4, comment: 'cached?' })
      .expect(201);
    const after = await mine(alice).expect(200);
    expect(after.headers['x-cache-status']).toBe('MISS');
    expect((after.body as { comment: string }[])[0]?.comment).toBe('cached?');
    // Bob's entry was left alone.
    const bobAfter = await mine(bob).expect(200);
    expect(bobAfter.headers['x-cache-status']).toBe('HIT');
    expect(bobAfter.body).toEqual(bobMiss.body);
    expect(cachedMethod(app.get(MyReviewsService), 'myReviews').getCacheKey(aliceId, 20)).toBe(
      `reviews::MyReviewsService.myReviews::userId:${aliceId}::limit:20`,
    );
  });
});
