import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createKeyv } from '@keyv/redis';
import { createCache } from 'cache-manager';
import { createClient } from 'redis';
import request from 'supertest';
import { CacheTokenBlacklist } from '../libs/restflow/src/authentication/jwt';
import { peek } from './fixtures/jwt/forge';
import { createUser, failed, obtain, SECRET, type Http } from './fixtures/jwt/jwt-test-helpers';
import { JWT_ENTITIES, JwtFixtureModule } from './fixtures/jwt/jwt.module';
import { ADAPTERS, createTestApp } from './utils/adapters';
import { testDatabases } from './utils/databases';
import { useTestDatabase } from './utils/e2e-hooks';

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

describe('JWT with a Redis blacklist shared by two app instances', () => {
  const databaseName = testDatabases()[0] ?? 'sqljs';
  const database = useTestDatabase(databaseName);

  // Nested, so that the apps close before the database is dropped.
  describe('over both adapters', () => {
    const apps: INestApplication[] = [];
    const redisBlacklist = () =>
      new CacheTokenBlacklist(
        createCache({ stores: [createKeyv(REDIS_URL, { throwOnErrors: true })] }),
      );
    const blacklists: CacheTokenBlacklist[] = [];

    beforeAll(async () => {
      for (const adapter of ADAPTERS) {
        const blacklist = redisBlacklist();
        blacklists.push(blacklist);
        const moduleRef = await Test.createTestingModule({
          imports: [
            JwtFixtureModule.forDatabase(database().options(JWT_ENTITIES), {
              jwt: { signingKey: SECRET, blacklist },
            }),
          ],
        }).compile();
        apps.push(await createTestApp(moduleRef, adapter));
      }
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
        .expect(401, failed('Token has been blacklisted.', 'token_blacklisted'));

      await request(fastify)
        .post('/api/auth/blacklist')
        .send({ refresh: second.body.refresh })
        .expect(204);
      await request(express)
        .post('/api/auth/refresh')
        .send({ refresh: second.body.refresh })
        .expect(401, failed('Token has been blacklisted.', 'token_blacklisted'));

      const client = createClient({ url: REDIS_URL });
      await client.connect();
      try {
        const jti = String(peek(first.refresh).payload.jti);
        const ttl = await client.pTTL(`restflow:jwt:bl:${jti}`);
        expect(ttl).toBeGreaterThan(86_300_000);
        expect(ttl).toBeLessThanOrEqual(86_400_000);
      } finally {
        await client.close();
      }
    });
  });
});
