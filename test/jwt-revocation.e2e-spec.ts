import { Injectable, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { RestflowConfigError, type RestflowModuleOptions } from 'nestjs-restflow';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  BlacklistedToken,
  CacheTokenBlacklist,
  EntityTokenBlacklist,
  TokenBlacklist,
} from '../libs/restflow/src/authentication/jwt';
import { hashPassword } from 'nestjs-restflow';
import { peek } from './fixtures/jwt/forge';
import { createUser, failed, obtain, SECRET, type Http } from './fixtures/jwt/jwt-test-helpers';
import { JWT_ENTITIES, JwtFixtureModule, type JwtScenario } from './fixtures/jwt/jwt.module';
import { User } from './fixtures/users/user.entity';
import { PasswordAwareUsersProvider, SlowUsersProvider } from './fixtures/users/users.provider';
import { ADAPTERS, createTestApp } from './utils/adapters';
import { createTestDatabase, testDatabases, type TestDatabase } from './utils/databases';
import { useTestApp, useTestDatabase } from './utils/e2e-hooks';

const RACERS = 10;
const PASSWORD_CHANGED = failed("The user's password has been changed.", 'password_changed');
const BLACKLISTED = failed('Token has been blacklisted.', 'token_blacklisted');

/** A blacklist whose storage never answers (a frozen Redis or database). */
class HangingBlacklist extends TokenBlacklist {
  add(): Promise<boolean> {
    return new Promise(() => undefined);
  }
  has(): Promise<boolean> {
    return new Promise(() => undefined);
  }
}

/** A blacklist whose storage refuses every call (a Redis that is down). */
class FailingBlacklist extends TokenBlacklist {
  add(): Promise<boolean> {
    return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6390'));
  }
  has(): Promise<boolean> {
    return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6390'));
  }
}

/** A blacklist class resolved through dependency injection that keeps its entries in memory. */
@Injectable()
class LocalBlacklist extends TokenBlacklist {
  override readonly processLocal = true;
  private readonly entries = new Set<string>();
  add(jti: string): Promise<boolean> {
    const added = !this.entries.has(jti);
    this.entries.add(jti);
    return Promise.resolve(added);
  }
  has(jti: string): Promise<boolean> {
    return Promise.resolve(this.entries.has(jti));
  }
}

/** Sends one refresh token RACERS times at once. */
async function race(http: Http, refresh: string) {
  const responses = await Promise.all(
    Array.from({ length: RACERS }, () => request(http).post('/api/auth/refresh').send({ refresh })),
  );
  return responses;
}

const me = (http: Http, access: string) =>
  request(http).get('/me').set('Authorization', `Bearer ${access}`);

describe.each(testDatabases())('JWT revocation on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  describe.each(ADAPTERS)('over %s', (adapterName) => {
    describe.each<[string, JwtScenario['jwt']]>([
      ['the in-memory blacklist', { signingKey: SECRET }],
      ['the entity blacklist', { signingKey: SECRET, blacklist: EntityTokenBlacklist }],
    ])('with %s', (_name, jwt) => {
      // The user lookup takes 20 ms, as over a network, so the racers overlap.
      const handle = useTestApp(adapterName, database, (options) => [
        JwtFixtureModule.forDatabase(options(JWT_ENTITIES), {
          jwt,
          userProvider: SlowUsersProvider,
        }),
      ]);

      it(`lets exactly one of ${RACERS} concurrent refreshes of one token win`, async () => {
        const http = handle.http() as Http;
        const user = await createUser(handle.app(), 'racer');
        for (let round = 0; round < 3; round++) {
          const pair = await obtain(http, user);
          const responses = await race(http, pair.refresh);
          const winners = responses.filter((response) => response.status === 200);
          expect(winners).toHaveLength(1);
          for (const loser of responses.filter((response) => response.status !== 200)) {
            expect(loser.status).toBe(401);
            expect(loser.body).toEqual(BLACKLISTED);
          }
          // The winner's new refresh token is the one that works.
          const next = winners[0]?.body as { refresh: string };
          await request(http).post('/api/auth/refresh').send({ refresh: next.refresh }).expect(200);
          if (jwt?.blacklist === EntityTokenBlacklist) {
            const rows = await handle
              .app()
              .get(DataSource)
              .getRepository(BlacklistedToken)
              .countBy({ jti: String(peek(pair.refresh).payload.jti) });
            expect(rows).toBe(1);
          }
        }
      });
    });

    describe('with the password-hash claim (a provider with getPasswordHash)', () => {
      const handle = useTestApp(adapterName, database, (options) => [
        JwtFixtureModule.forDatabase(options(JWT_ENTITIES), {
          jwt: { signingKey: SECRET },
          userProvider: PasswordAwareUsersProvider,
        }),
      ]);

      it('refuses access and refresh tokens issued before a password change', async () => {
        const http = handle.http() as Http;
        const user = await createUser(handle.app(), 'changer');
        const before = await obtain(http, user);
        const claim = peek(before.access).payload.hash_password;
        expect(claim).toMatch(/^[0-9a-f]{32}$/);
        expect(peek(before.refresh).payload.hash_password).toBe(claim);
        expect(JSON.stringify(peek(before.access).payload)).not.toContain(user.passwordHash);
        await me(http, before.access).expect(200);

        // A refresh before the change carries the claim on.
        const refreshed = await request(http)
          .post('/api/auth/refresh')
          .send({ refresh: before.refresh })
          .expect(200);
        expect(peek(refreshed.body.access).payload.hash_password).toBe(claim);

        const users = handle.app().get(DataSource).getRepository(User);
        await users.update(user.id, { passwordHash: await hashPassword('a brand new password') });

        await me(http, refreshed.body.access).expect(401, PASSWORD_CHANGED);
        await request(http)
          .post('/api/auth/refresh')
          .send({ refresh: refreshed.body.refresh })
          .expect(401, PASSWORD_CHANGED);

        const after = await request(http)
          .post('/api/auth/token')
          .send({ username: user.username, password: 'a brand new password' })
          .expect(200);
        expect(peek(after.body.access).payload.hash_password).not.toBe(claim);
        await me(http, after.body.access).expect(200);
      });
    });

    describe('with checkRevokeToken: false', () => {
      const handle = useTestApp(adapterName, database, (options) => [
        JwtFixtureModule.forDatabase(options(JWT_ENTITIES), {
          jwt: { signingKey: SECRET, checkRevokeToken: false },
          userProvider: PasswordAwareUsersProvider,
        }),
      ]);

      it('issues tokens without the claim, which outlive a password change', async () => {
        const http = handle.http() as Http;
        const user = await createUser(handle.app(), 'keeper');
        const pair = await obtain(http, user);
        expect(peek(pair.access).payload).not.toHaveProperty('hash_password');
        const users = handle.app().get(DataSource).getRepository(User);
        await users.update(user.id, { passwordHash: await hashPassword('another password') });
        await me(http, pair.access).expect(200);
        await request(http).post('/api/auth/refresh').send({ refresh: pair.refresh }).expect(200);
      });
    });

    describe('with blacklistEnabled: false', () => {
      const handle = useTestApp(adapterName, database, (options) => [
        JwtFixtureModule.forDatabase(options(JWT_ENTITIES), {
          jwt: { signingKey: SECRET, blacklistEnabled: false },
        }),
      ]);

      it('rotates without blacklisting: the old refresh token stays usable', async () => {
        const http = handle.http() as Http;
        const user = await createUser(handle.app(), 'unchecked');
        const pair = await obtain(http, user);
        const first = await request(http)
          .post('/api/auth/refresh')
          .send({ refresh: pair.refresh })
          .expect(200);
        expect(first.body.refresh).not.toBe(pair.refresh);
        await request(http).post('/api/auth/refresh').send({ refresh: pair.refresh }).expect(200);
      });
    });

    describe.each<[string, TokenBlacklist]>([
      ['does not answer', new HangingBlacklist()],
      ['fails', new FailingBlacklist()],
    ])('when the blacklist %s', (_name, blacklist) => {
      const handle = useTestApp(adapterName, database, (options) => [
        JwtFixtureModule.forDatabase(options(JWT_ENTITIES), {
          jwt: { signingKey: SECRET, blacklist, blacklistTimeoutMs: 300 },
        }),
      ]);

      it('answers 503 at refresh and logout within the timeout; access tokens keep working', async () => {
        const http = handle.http() as Http;
        const user = await createUser(handle.app(), 'outage');
        const pair = await obtain(http, user);
        const unavailable = {
          error: {
            code: 'service_unavailable',
            message: 'The token blacklist is unavailable, try again later.',
          },
        };
        for (const path of ['/api/auth/refresh', '/api/auth/blacklist']) {
          const started = Date.now();
          const response = await request(http).post(path).send({ refresh: pair.refresh });
          const elapsed = Date.now() - started;
          expect(response.status).toBe(503);
          expect(response.body).toMatchObject(unavailable);
          expect(elapsed).toBeLessThan(1500);
        }
        // Fail open for access tokens: the first lookup waits at most the timeout, later
        // requests skip it.
        for (let attempt = 0; attempt < 3; attempt++) {
          const started = Date.now();
          await me(http, pair.access).expect(200);
          expect(Date.now() - started).toBeLessThan(1500);
        }
      });
    });
  });
});

describe('JWT revocation options at boot', () => {
  let database: TestDatabase;
  const apps: INestApplication[] = [];
  const environment = process.env.NODE_ENV;
  beforeAll(async () => {
    database = await createTestDatabase('sqljs');
  });
  afterEach(async () => {
    process.env.NODE_ENV = environment;
    for (const app of apps.splice(0)) await app.close();
  });
  const boot = async (jwt: RestflowModuleOptions['jwt'], scenario: Partial<JwtScenario> = {}) => {
    const moduleRef = await Test.createTestingModule({
      imports: [JwtFixtureModule.forDatabase(database.options(JWT_ENTITIES), { jwt, ...scenario })],
    }).compile();
    const app = await createTestApp(moduleRef, 'express');
    apps.push(app);
    return app;
  };
  const PRODUCTION_REFUSAL =
    'and NODE_ENV is "production": a logout or a rotated refresh token would still be ' +
    'accepted by every other app instance, and forgotten on restart. Fix: use a shared ' +
    'blacklist, e.g. blacklist: EntityTokenBlacklist (a table in your database, with ' +
    'BlacklistedToken among the entities) or new RedisTokenBlacklist(redisClient); or set ' +
    'jwt.blacklistAllowInMemory: true to run one process on purpose.';

  it('refuses the in-memory blacklist under NODE_ENV=production', async () => {
    process.env.NODE_ENV = 'production';
    const error = await boot({ signingKey: SECRET }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RestflowConfigError);
    expect((error as RestflowConfigError).option).toBe('jwt.blacklist');
    expect((error as Error).message).toBe(
      'RestflowModule option "jwt.blacklist" is not set, so revoked tokens are kept in this ' +
        `process's memory, ${PRODUCTION_REFUSAL}`,
    );
    await expect(
      boot({ signingKey: SECRET, blacklist: CacheTokenBlacklist.inMemory() }),
    ).rejects.toThrow(
      `RestflowModule option "jwt.blacklist" is a blacklist kept in this process's memory, ${PRODUCTION_REFUSAL}`,
    );
  });

  it('refuses under NODE_ENV=production a process-local blacklist class, once resolved', async () => {
    process.env.NODE_ENV = 'production';
    await expect(boot({ signingKey: SECRET, blacklist: LocalBlacklist })).rejects.toThrow(
      `RestflowModule option "jwt.blacklist" is a blacklist kept in this process's memory, ${PRODUCTION_REFUSAL}`,
    );
    await boot({ signingKey: SECRET, blacklist: LocalBlacklist, blacklistAllowInMemory: true });
  });

  it('starts in production with a shared blacklist, or with blacklistAllowInMemory', async () => {
    process.env.NODE_ENV = 'production';
    const shared = await boot({ signingKey: SECRET, blacklist: EntityTokenBlacklist });
    const user = await createUser(shared, 'prod');
    await obtain(shared.getHttpServer() as Http, user);
    await boot({ signingKey: SECRET, blacklistAllowInMemory: true });
  });

  it('refuses checkRevokeToken: true without getPasswordHash in the user provider', async () => {
    await expect(boot({ signingKey: SECRET, checkRevokeToken: true })).rejects.toThrow(
      'RestflowModule option "jwt.checkRevokeToken" is true, but the user provider ' +
        'UsersProvider has no getPasswordHash(user) method, so tokens cannot carry the ' +
        'password-hash claim. Fix: implement getPasswordHash(user) in the UserProvider (return ' +
        'the stored hash), or set checkRevokeToken to null or false.',
    );
  });

  it('refuses the user id claim as the revoke claim', async () => {
    await expect(boot({ signingKey: SECRET, revokeTokenClaim: 'user_id' })).rejects.toThrow(
      'Invalid RestflowModule option "jwt.revokeTokenClaim": it is "user_id"',
    );
  });
});
