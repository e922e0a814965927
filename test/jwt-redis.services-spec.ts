import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createKeyv } from '@keyv/redis';
import type KeyvRedis from '@keyv/redis';
import { createCache } from 'cache-manager';
import { createClient, type RedisClientType } from 'redis';
import request from 'supertest';
import {
  CacheTokenBlacklist,
  RedisTokenBlacklist,
  type TokenBlacklist,
} from '../libs/restflow/src/authentication/jwt';
import { peek } from './fixtures/jwt/forge';
import { createUser, failed, obtain, SECRET, type Http } from './fixtures/jwt/jwt-test-helpers';
import { JWT_ENTITIES, JwtFixtureModule } from './fixtures/jwt/jwt.module';
import { ADAPTERS, createTestApp } from './utils/adapters';
import { testDatabases } from './utils/databases';
import { useTestDatabase } from './utils/e2e-hooks';
import { startPrivateRedis, type PrivateRedis } from './utils/private-redis';

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

const RACERS = 10;
const BLACKLISTED = failed('Token has been blacklisted.', 'token_blacklisted');

/** A node-redis client that logs nothing when the server goes away (it reconnects). */
async function redisClient(url: string): Promise<RedisClientType> {
  const client = createClient({ url }) as RedisClientType;
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Sends one refresh token RACERS times at once, alternating between the servers. */
async function race(servers: Http[], refresh: string) {
  return Promise.all(
    Array.from({ length: RACERS }, (_, index) =>
      request(servers[index % servers.length] as Http)
        .post('/api/auth/refresh')
        .send({ refresh }),
    ),
  );
}

function expectOneWinner(responses: request.Response[]): void {
  expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
  for (const loser of responses.filter((response) => response.status !== 200)) {
    expect(loser.status).toBe(401);
    expect(loser.body).toEqual(BLACKLISTED);
  }
}

describe('JWT with a Redis blacklist shared by two app instances', () => {
  const databaseName = testDatabases()[0] ?? 'sqljs';
  const database = useTestDatabase(databaseName);

  const bootBoth = async (blacklist: () => TokenBlacklist, jwt: object = {}) => {
    const apps: INestApplication[] = [];
    for (const adapter of ADAPTERS) {
      const moduleRef = await Test.createTestingModule({
        imports: [
          JwtFixtureModule.forDatabase(database().options(JWT_ENTITIES), {
            jwt: { signingKey: SECRET, blacklist: blacklist(), ...jwt },
          }),
        ],
      }).compile();
      apps.push(await createTestApp(moduleRef, adapter));
    }
    return apps;
  };

  // Nested, so that the apps close before the database is dropped.
  describe('CacheTokenBlacklist over @keyv/redis', () => {
    const apps: INestApplication[] = [];
    const blacklists: CacheTokenBlacklist[] = [];

    beforeAll(async () => {
      apps.push(
        ...(await bootBoth(() => {
          const blacklist = new CacheTokenBlacklist(
            createCache({ stores: [createKeyv(REDIS_URL, { throwOnErrors: true })] }),
          );
          blacklists.push(blacklist);
          return blacklist;
        })),
      );
    });

    afterAll(async () => {
      for (const app of apps) await app.close();
      for (const blacklist of blacklists) await blacklist.cache.disconnect();
    });

    it('refuses on one instance a refresh token rotated or revoked on the other', async () => {
      const [express, fastify] = apps.map((app) => app.getHttpServer() as Http) as [Http, Http];
      const user = await createUser(apps[0] as INestApplication, 'redis');
      const first = await obtain(express, user);
      const second = await request(express)
        .post('/api/auth/refresh')
        .send({ refresh: first.refresh })
        .expect(200);
      await request(fastify)
        .post('/api/auth/refresh')
        .send({ refresh: first.refresh })
        .expect(401, BLACKLISTED);

      await request(fastify)
        .post('/api/auth/blacklist')
        .send({ refresh: second.body.refresh })
        .expect(204);
      await request(express)
        .post('/api/auth/refresh')
        .send({ refresh: second.body.refresh })
        .expect(401, BLACKLISTED);

      const client = await redisClient(REDIS_URL);
      try {
        const jti = String(peek(first.refresh).payload.jti);
        const ttl = await client.pTTL(`restflow:jwt:bl:${jti}`);
        expect(ttl).toBeGreaterThan(86_300_000);
        expect(ttl).toBeLessThanOrEqual(86_400_000);
      } finally {
        await client.close();
      }
    });

    it(`lets exactly one of ${RACERS} concurrent refreshes on one instance win`, async () => {
      const express = apps[0]?.getHttpServer() as Http;
      const user = await createUser(apps[0] as INestApplication, 'cache-race');
      for (let round = 0; round < 3; round++) {
        const pair = await obtain(express, user);
        expectOneWinner(await race([express], pair.refresh));
      }
    });
  });

  describe('RedisTokenBlacklist (SET NX)', () => {
    const apps: INestApplication[] = [];
    const clients: RedisClientType[] = [];

    beforeAll(async () => {
      for (let index = 0; index < ADAPTERS.length; index++) {
        clients.push(await redisClient(REDIS_URL));
      }
      let next = 0;
      apps.push(
        ...(await bootBoth(
          () =>
            new RedisTokenBlacklist(clients[next++] as RedisClientType, { keyPrefix: 'rf:bl:' }),
        )),
      );
    });

    afterAll(async () => {
      for (const app of apps) await app.close();
      for (const client of clients) await client.close();
    });

    it(`lets exactly one of ${RACERS} concurrent refreshes across both instances win`, async () => {
      const servers = apps.map((app) => app.getHttpServer() as Http);
      const user = await createUser(apps[0] as INestApplication, 'redis-race');
      for (let round = 0; round < 3; round++) {
        const pair = await obtain(servers[0] as Http, user);
        expectOneWinner(await race(servers, pair.refresh));
        const jti = String(peek(pair.refresh).payload.jti);
        const ttl = await (clients[0] as RedisClientType).pTTL(`rf:bl:${jti}`);
        expect(ttl).toBeGreaterThan(86_300_000);
      }
    });
  });

  describe.each([
    ['RedisTokenBlacklist', 'redis'],
    ['CacheTokenBlacklist over @keyv/redis', 'keyv'],
  ] as const)('when the Redis of a %s is killed', (_name, kind) => {
    let redis: PrivateRedis;
    let app: INestApplication;
    let close: () => Promise<void>;

    beforeAll(async () => {
      redis = await startPrivateRedis();
      let blacklist: TokenBlacklist;
      if (kind === 'redis') {
        const client = await redisClient(redis.url);
        blacklist = new RedisTokenBlacklist(client);
        // close() would wait for the commands queued while Redis is gone: drop them.
        close = () => Promise.resolve(client.destroy());
      } else {
        const keyv = createKeyv(redis.url, { throwOnErrors: true });
        blacklist = new CacheTokenBlacklist(createCache({ stores: [keyv] }));
        close = () => Promise.resolve((keyv.store as KeyvRedis<unknown>).client.destroy());
      }
      const moduleRef = await Test.createTestingModule({
        imports: [
          JwtFixtureModule.forDatabase(database().options(JWT_ENTITIES), {
            jwt: { signingKey: SECRET, blacklist },
          }),
        ],
      }).compile();
      app = await createTestApp(moduleRef, 'express');
    });

    afterAll(async () => {
      await app?.close();
      await close?.();
      await redis?.destroy();
    });

    it('answers 503 at refresh and logout within the 1 s timeout; access tokens keep working', async () => {
      const http = app.getHttpServer() as Http;
      const user = await createUser(app, `outage-${kind}`);
      const pair = await obtain(http, user);
      const fresh = await request(http)
        .post('/api/auth/refresh')
        .send({ refresh: pair.refresh })
        .expect(200);
      await redis.kill();

      for (const path of ['/api/auth/refresh', '/api/auth/blacklist']) {
        const started = Date.now();
        const response = await request(http).post(path).send({ refresh: fresh.body.refresh });
        const elapsed = Date.now() - started;
        expect(response.status).toBe(503);
        expect(response.body.error).toMatchObject({
          code: 'service_unavailable',
          message: 'The token blacklist is unavailable, try again later.',
        });
        expect(elapsed).toBeLessThan(1600);
      }
      for (let attempt = 0; attempt < 5; attempt++) {
        const started = Date.now();
        await request(http)
          .get('/me')
          .set('Authorization', `Bearer ${fresh.body.access}`)
          .expect(200);
        expect(Date.now() - started).toBeLessThan(1600);
      }
      if (kind === 'redis') {
        // The logout refused with 503 was aborted, not queued: once Redis is back (empty, it
        // keeps no data), the token is not blacklisted behind the client's back.
        await redis.start();
        await new Promise((resolve) => setTimeout(resolve, 2500));
        await request(http)
          .post('/api/auth/refresh')
          .send({ refresh: fresh.body.refresh })
          .expect(200);
      }
    });
  });
});
