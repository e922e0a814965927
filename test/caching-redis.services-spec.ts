import { Logger, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { RedisCacheStore } from 'nestjs-restflow';
import { createTestApp } from './utils/adapters';
import { startPrivateRedis, type PrivateRedis } from './utils/private-redis';
import { CachedItem } from './fixtures/caching/cached-item.entity';
import { CACHING_ENTITIES, CachingModule } from './fixtures/caching/caching.module';

/** One app instance of the caching fixture over its own sql.js, its cache in `redis`. */
async function instance(redis: PrivateRedis, namespace: string): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      CachingModule.forDatabase(
        { type: 'sqljs', entities: CACHING_ENTITIES, synchronize: true },
        { store: new RedisCacheStore({ url: redis.url, namespace, commandTimeoutMs: 300 }) },
      ),
    ],
  }).compile();
  const app = await createTestApp(moduleRef, 'express');
  // Listening once, its requests share one Host: cached responses are keyed by the origin.
  await app.listen(0, '127.0.0.1');
  await app
    .get(DataSource)
    .getRepository(CachedItem)
    .save([{ name: 'one', price: 10 }]);
  return app;
}

describe('caching over Redis', () => {
  let redis: PrivateRedis;
  let first: INestApplication;
  let second: INestApplication;
  const namespace = `restflow-test:${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    first = await instance(redis, namespace);
    second = await instance(redis, namespace);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await redis?.destroy();
  });

  it('two instances behave as one: a hit on the other, a write on one invalidates for both', async () => {
    // Both instances behind one load balancer: the same Host reaches either.
    const host = 'api.localhost';
    const miss = await request(first.getHttpServer()).get('/api/items/1').set('Host', host);
    expect(miss.status).toBe(200);
    expect(miss.headers['x-cache-status']).toBe('MISS');
    const hit = await request(second.getHttpServer()).get('/api/items/1').set('Host', host);
    expect(hit.status).toBe(200);
    expect(hit.headers['x-cache-status']).toBe('HIT');
    expect(hit.headers.etag).toBe(miss.headers.etag);
    await request(first.getHttpServer()).patch('/api/items/1').send({ name: 'uno' }).expect(200);
    const after = await request(second.getHttpServer()).get('/api/items/1').set('Host', host);
    expect(after.headers['x-cache-status']).toBe('MISS');
  });

  it('keeps answering from the database while Redis is down, logs the outage once, and recovers', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const log = jest.spyOn(Logger.prototype, 'log');
    try {
      await request(first.getHttpServer()).get('/api/items/1').expect(200);
      await redis.kill();
      const started = Date.now();
      for (let i = 0; i < 10; i++) {
        const response = await request(first.getHttpServer()).get('/api/items/1').expect(200);
        expect(response.body.id).toBe(1);
        expect(response.headers['x-cache-status']).not.toBe('HIT');
      }
      expect(Date.now() - started).toBeLessThan(5000);
      const outages = warn.mock.calls.filter(([message]) =>
        String(message).includes('unavailable'),
      );
      expect(outages).toHaveLength(1);
      await redis.start();
      let status: unknown;
      for (let attempt = 0; attempt < 50 && status !== 'HIT'; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        status = (await request(first.getHttpServer()).get('/api/items/1')).headers[
          'x-cache-status'
        ];
      }
      expect(status).toBe('HIT');
      expect(
        log.mock.calls.filter(([message]) => String(message).includes('answers again')),
      ).toHaveLength(1);
    } finally {
      warn.mockRestore();
      log.mockRestore();
    }
  });
});
