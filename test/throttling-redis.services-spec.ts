import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import request from 'supertest';
import { RedisThrottleStore } from '../libs/restflow/src/throttling';
import { AnonThrottledView, BurstView } from './fixtures/throttling/throttled.views';
import { ThrottlingTestModule } from './fixtures/throttling/throttling-test.module';
import { ADAPTERS, createTestApp, type AdapterName } from './utils/adapters';

// Set by the global setup of `npm run test:services` when Redis answers. Without it this suite
// fails rather than skips: it is a services suite, which `npm test` never runs.
const REDIS_URL = process.env.RESTFLOW_TEST_REDIS_URL;
if (!REDIS_URL) {
  throw new Error(
    'RESTFLOW_TEST_REDIS_URL is not set: this suite needs Redis. Run it with ' +
      '`npm run test:services`, whose global setup sets it when Redis answers at ' +
      'TEST_REDIS_URL (default redis://127.0.0.1:6379); start Redis if it reported it unreachable.',
  );
}

type RedisClient = ReturnType<typeof createClient>;

/** One app instance: its own Redis client and store, on its own port. */
interface Instance {
  adapter: AdapterName;
  app: INestApplication;
  client: RedisClient;
  url: string;
}

describe('throttling shared through Redis', () => {
  // A key prefix of this run only, deleted afterwards.
  const keyPrefix = `restflow:test:${randomBytes(6).toString('hex')}:`;
  const instances: Instance[] = [];

  beforeAll(async () => {
    // Two instances of one API, as behind a load balancer: one on Express, one on Fastify.
    for (const adapter of ADAPTERS) {
      const client = createClient({ url: REDIS_URL });
      await client.connect();
      const moduleRef = await Test.createTestingModule({
        imports: [
          ThrottlingTestModule.with(
            { rates: { anon: '10/min' }, store: new RedisThrottleStore(client, { keyPrefix }) },
            [AnonThrottledView, BurstView],
          ),
        ],
      }).compile();
      const app = await createTestApp(moduleRef, adapter);
      await app.listen(0, '127.0.0.1');
      instances.push({ adapter, app, client, url: await app.getUrl() });
    }
  });

  afterAll(async () => {
    for (const { app } of instances) {
      await app.close();
    }
    const [first] = instances;
    if (first) {
      for await (const keys of first.client.scanIterator({ MATCH: `${keyPrefix}*`, COUNT: 100 })) {
        if (keys.length > 0) await first.client.del(keys);
      }
    }
    for (const { client } of instances) {
      await client.close();
    }
  });

  const instance = (index: number): Instance => {
    const found = instances[index % instances.length];
    if (!found) throw new Error('The instances boot in beforeAll.');
    return found;
  };

  it('lets exactly 10 of 100 concurrent requests through two instances with a 10/min limit', async () => {
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, index) => request(instance(index).url).get('/throttle/anon')),
    );
    const allowed = responses.filter((response) => response.status === 200);
    const refused = responses.filter((response) => response.status === 429);
    expect(allowed).toHaveLength(10);
    expect(refused).toHaveLength(90);
    // The check is atomic: each allowed request saw a different count.
    expect(
      allowed.map((response) => Number(response.headers['ratelimit-remaining'])).sort(),
    ).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const response of refused) {
      expect(response.body.error.code).toBe('throttled');
      const retryAfter = Number(response.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(response.body.error.details).toEqual({ retry_after_seconds: retryAfter });
      expect(response.headers['ratelimit-limit']).toBe('10');
      expect(response.headers['ratelimit-remaining']).toBe('0');
    }
    // Both instances answered some of each.
    for (const index of [0, 1]) {
      const own = responses.filter((_, position) => position % 2 === index);
      expect(own.some((response) => response.status === 429)).toBe(true);
    }
  });

  it('keeps one sorted set per client under the prefix, expiring with the window', async () => {
    const { client } = instance(0);
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${keyPrefix}*`, COUNT: 100 })) {
      keys.push(...batch);
    }
    expect(keys).toHaveLength(1);
    const [key = ''] = keys;
    expect(key).toMatch(new RegExp(`^${keyPrefix}throttle_anon_`));
    expect(await client.type(key)).toBe('zset');
    expect(await client.zCard(key)).toBe(10);
    const ttl = await client.pTTL(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('frees the window on every instance once it has passed (2/s)', async () => {
    await request(instance(0).url).get('/throttle/burst').expect(200);
    await request(instance(1).url).get('/throttle/burst').expect(200);
    const bothCounted = Date.now();
    const refused = await request(instance(0).url).get('/throttle/burst').expect(429);
    expect(refused.headers['retry-after']).toBe('1');
    await request(instance(1).url).get('/throttle/burst').expect(429);
    await new Promise((resolve) => setTimeout(resolve, bothCounted + 1_050 - Date.now()));
    const response = await request(instance(1).url).get('/throttle/burst').expect(200);
    expect(response.headers['ratelimit-remaining']).toBe('1');
  });
});
