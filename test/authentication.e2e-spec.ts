import { createHash } from 'node:crypto';
import type { INestApplication, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Test, type TestingModule } from '@nestjs/testing';
import { RestflowConfigError, type RestflowRequest } from 'nestjs-restflow';
import request, { type Response } from 'supertest';
import { DataSource } from 'typeorm';
import {
  AUTHENTICATION_ENTITIES,
  AuthenticationTestModule,
  REMOTE_USER_HEADER,
} from './fixtures/authentication/authentication.module';
import {
  AuthToken,
  BasicAuthentication,
  createAuthToken,
  RemoteUserAuthentication,
  revokeAuthToken,
  revokeUserAuthTokens,
  SessionAuthentication,
  TokenAuthentication,
  hashPassword,
} from 'nestjs-restflow';
import { createSessionTestApp } from './fixtures/authentication/session-app';
import { User } from './fixtures/users/user.entity';
import { NoUsernameLookupProvider } from './fixtures/users/users.provider';
import { ADAPTERS, createTestApp, type AdapterName } from './utils/adapters';
import { testDatabases, type TestDatabase } from './utils/databases';
import { useTestDatabase } from './utils/e2e-hooks';

type Http = Parameters<typeof request>[0];

const envelope = (code: string, message: string) => ({ error: { code, message, details: {} } });
const failed = (message: string) => envelope('authentication_failed', message);
const NOT_PROVIDED = envelope('not_authenticated', 'Authentication credentials were not provided.');
const CSRF_MISSING = envelope('permission_denied', 'CSRF Failed: CSRF token missing.');
const CSRF_INCORRECT = envelope('permission_denied', 'CSRF Failed: CSRF token incorrect.');
const SERVER_ERROR = envelope('internal_error', 'A server error occurred.');
const BASIC_CHALLENGE = 'Basic realm="api"';

const basic = (credentials: string, encoding: BufferEncoding = 'utf8') =>
  `Basic ${Buffer.from(credentials, encoding).toString('base64')}`;

/** The `name=value` pairs of a response's Set-Cookie headers, as a Cookie header. */
function cookieOf(response: Response): string {
  const setCookie = response.headers['set-cookie'] as unknown as string[] | undefined;
  expect(setCookie).toBeDefined();
  return (setCookie ?? []).map((cookie) => cookie.split(';')[0]).join('; ');
}

/** Boots one app of the suite on `adapter`, with the session middleware registered. */
function useAuthenticationApp(
  adapter: AdapterName,
  database: () => TestDatabase,
  module: (database: TestDatabase) => Parameters<typeof Test.createTestingModule>[0]['imports'],
  create: (moduleRef: TestingModule, adapter: AdapterName) => Promise<INestApplication>,
) {
  let app: INestApplication | undefined;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: module(database()) }).compile();
    app = await create(moduleRef, adapter);
  });
  afterAll(() => app?.close());
  return {
    app: () => app as INestApplication,
    http: () => (app as INestApplication).getHttpServer() as Http,
  };
}

describe.each(testDatabases())('authentication on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  describe.each(ADAPTERS)('over %s', (adapterName) => {
    const handle = useAuthenticationApp(
      adapterName,
      database,
      (db) => [AuthenticationTestModule.forDatabase(db.options(AUTHENTICATION_ENTITIES))],
      createSessionTestApp,
    );
    let http: Http;
    const name = (stem: string) => `${stem}-${adapterName}`;
    const users = () => handle.app().get(DataSource).getRepository(User);
    const makeUser = async (stem: string, password: string, isActive = true) =>
      users().save({ username: name(stem), passwordHash: await hashPassword(password), isActive });
    let alice: User;

    beforeAll(async () => {
      http = handle.http();
      alice = await makeUser('alice', 'alice-password');
      await makeUser('josé', 'pä:ss:wörd');
      await makeUser('bob', 'bob-password', false);
    });

    const me = (user: User | string, auth: unknown = null) => ({
      user: typeof user === 'string' ? name(user) : user.username,
      auth,
    });

    const login = async (username: string, password: string) => {
      const response = await request(http)
        .post('/auth/login')
        .send({ username, password })
        .expect(200);
      return { cookie: cookieOf(response), csrfToken: response.body.csrfToken as string };
    };

    describe('BasicAuthentication', () => {
      it.each(['Basic', 'basic', 'BASIC'])(
        'accepts valid credentials (scheme %s)',
        async (scheme) => {
          const encoded = Buffer.from(`${name('alice')}:alice-password`).toString('base64');
          await request(http)
            .get('/basic/me')
            .set('Authorization', `${scheme} ${encoded}`)
            .expect(200, me('alice'));
        },
      );

      it('decodes UTF-8, falls back to Latin-1, and splits at the first colon', async () => {
        const credentials = `${name('josé')}:pä:ss:wörd`;
        await request(http)
          .get('/basic/me')
          .set('Authorization', basic(credentials, 'utf8'))
          .expect(200, me('josé'));
        await request(http)
          .get('/basic/me')
          .set('Authorization', basic(credentials, 'latin1'))
          .expect(200, me('josé'));
      });

      it.each([
        ['no credentials', () => 'Basic', 'Invalid basic header. No credentials provided.'],
        [
          'spaces',
          () => 'Basic YWxp Y2U6cHc=',
          'Invalid basic header. Credentials string should not contain spaces.',
        ],
        [
          'bad base64',
          () => 'Basic YWxpY2U',
          'Invalid basic header. Credentials not correctly base64 encoded.',
        ],
        [
          'no colon',
          () => basic('no-colon-here'),
          'Invalid basic header. Credentials not correctly base64 encoded.',
        ],
        ['a wrong password', () => basic(`${name('alice')}:wrong`), 'Invalid username/password.'],
        ['an unknown user', () => basic(`${name('nobody')}:x`), 'Invalid username/password.'],
        [
          'an inactive user',
          () => basic(`${name('bob')}:bob-password`),
          'User inactive or deleted.',
        ],
      ])('refuses %s: 401 with the Basic challenge', async (_case, header, message) => {
        await request(http)
          .get('/basic/me')
          .set('Authorization', header())
          .expect(401, failed(message))
          .expect('WWW-Authenticate', BASIC_CHALLENGE);
      });

      it('leaves other schemes and header-less requests anonymous (401 from the permission)', async () => {
        await request(http)
          .get('/basic/me')
          .expect(401, NOT_PROVIDED)
          .expect('WWW-Authenticate', BASIC_CHALLENGE);
        await request(http)
          .get('/basic/me')
          .set('Authorization', 'Digest username="alice"')
          .expect(401, NOT_PROVIDED)
          .expect('WWW-Authenticate', BASIC_CHALLENGE);
      });
    });

    describe('TokenAuthentication', () => {
      const dataSource = () => handle.app().get(DataSource);

      it('accepts a created token (keyword case-insensitive); request.auth is the token row', async () => {
        const key = await createAuthToken(dataSource(), alice.id);
        expect(key).toMatch(/^[0-9a-f]{40}$/);
        await request(http)
          .get('/token/me')
          .set('Authorization', `Token ${key}`)
          .expect(200, me('alice', 'token'));
        await request(http)
          .get('/token/me')
          .set('Authorization', `token ${key}`)
          .expect(200, me('alice', 'token'));
      });

      it('stores only the SHA-256 digest of the key', async () => {
        const key = await createAuthToken(dataSource(), alice.id);
        const digest = createHash('sha256').update(key).digest('hex');
        const rows = await dataSource()
          .getRepository(AuthToken)
          .findBy({ userId: String(alice.id) });
        expect(rows.map((row) => row.digest)).toContain(digest);
        expect(rows.map((row) => row.digest)).not.toContain(key);
        expect(rows.every((row) => row.createdAt instanceof Date)).toBe(true);
      });

      it.each([
        ['no credentials', () => 'Token', 'Invalid token header. No credentials provided.'],
        [
          'spaces',
          () => 'Token abc def',
          'Invalid token header. Token string should not contain spaces.',
        ],
        [
          'invalid characters',
          () => 'Token k\u00e9y',
          'Invalid token header. Token string should not contain invalid characters.',
        ],
        ['an unknown key', () => `Token ${'0'.repeat(40)}`, 'Invalid token.'],
      ])('refuses %s: 401 with the Token challenge', async (_case, header, message) => {
        await request(http)
          .get('/token/me')
          .set('Authorization', header())
          .expect(401, failed(message))
          .expect('WWW-Authenticate', 'Token');
      });

      it('refuses the token of an inactive or deleted user', async () => {
        const carol = await makeUser('carol', 'carol-password');
        const key = await createAuthToken(dataSource(), carol.id);
        await request(http).get('/token/me').set('Authorization', `Token ${key}`).expect(200);
        await users().update(carol.id, { isActive: false });
        await request(http)
          .get('/token/me')
          .set('Authorization', `Token ${key}`)
          .expect(401, failed('User inactive or deleted.'))
          .expect('WWW-Authenticate', 'Token');
        await users().delete(carol.id);
        await request(http)
          .get('/token/me')
          .set('Authorization', `Token ${key}`)
          .expect(401, failed('User inactive or deleted.'));
      });

      it('revokes one token, or every token of a user', async () => {
        const dave = await makeUser('dave', 'dave-password');
        const first = await createAuthToken(dataSource(), dave.id);
        const second = await createAuthToken(dataSource(), dave.id);
        const third = await createAuthToken(dataSource(), dave.id);
        expect(await revokeAuthToken(dataSource(), first)).toBe(true);
        expect(await revokeAuthToken(dataSource(), first)).toBe(false);
        await request(http)
          .get('/token/me')
          .set('Authorization', `Token ${first}`)
          .expect(401, failed('Invalid token.'));
        await request(http).get('/token/me').set('Authorization', `Token ${second}`).expect(200);
        expect(await revokeUserAuthTokens(dataSource(), dave.id)).toBe(2);
        for (const key of [second, third]) {
          await request(http)
            .get('/token/me')
            .set('Authorization', `Token ${key}`)
            .expect(401, failed('Invalid token.'));
        }
      });

      it('takes another keyword by subclassing (Bearer)', async () => {
        const key = await createAuthToken(dataSource(), alice.id);
        await request(http)
          .get('/bearer/me')
          .set('Authorization', `Bearer ${key}`)
          .expect(200, me('alice', 'token'));
        await request(http)
          .get('/bearer/me')
          .set('Authorization', `Token ${key}`)
          .expect(401, NOT_PROVIDED)
          .expect('WWW-Authenticate', 'Bearer');
      });

      it('leaves header-less requests anonymous: 401 with the Token challenge', async () => {
        await request(http)
          .get('/token/me')
          .expect(401, NOT_PROVIDED)
          .expect('WWW-Authenticate', 'Token');
      });
    });

    describe('SessionAuthentication', () => {
      it('login starts a new session: the old id is worthless, the new one authenticates', async () => {
        const before = await request(http).get('/auth/csrf').expect(200);
        const planted = cookieOf(before);
        const response = await request(http)
          .post('/auth/login')
          .set('Cookie', planted)
          .send({ username: name('alice'), password: 'alice-password' })
          .expect(200);
        expect(response.body).toEqual({ csrfToken: expect.stringMatching(/^[\w-]{86}$/) });
        const cookie = cookieOf(response);
        expect(cookie).not.toBe(planted);
        await request(http).get('/session/me').set('Cookie', cookie).expect(200, me('alice'));
        await request(http).get('/session/me').set('Cookie', planted).expect(403, NOT_PROVIDED);
      });

      it('a failed login sets no session', async () => {
        // AuthenticationFailed thrown by an action without authenticators: 403, as in DRF.
        const response = await request(http)
          .post('/auth/login')
          .send({ username: name('alice'), password: 'wrong' })
          .expect(403, failed('Invalid username/password.'));
        expect(response.headers['set-cookie']).toBeUndefined();
      });

      it('GET needs no CSRF token; anonymous requests get 403 without a challenge', async () => {
        const { cookie } = await login(name('alice'), 'alice-password');
        await request(http).get('/session/me').set('Cookie', cookie).expect(200, me('alice'));
        const anonymous = await request(http).get('/session/me').expect(403, NOT_PROVIDED);
        expect(anonymous.headers['www-authenticate']).toBeUndefined();
      });

      it.each(['post', 'put', 'patch', 'delete'] as const)(
        '%s needs the session CSRF token: missing, incorrect, correct',
        async (method) => {
          const { cookie, csrfToken } = await login(name('alice'), 'alice-password');
          const other = await login(name('josé'), 'pä:ss:wörd');
          await request(http)
            [method]('/session/me')
            .set('Cookie', cookie)
            .expect(403, CSRF_MISSING);
          await request(http)
            [method]('/session/me')
            .set('Cookie', cookie)
            .set('X-CSRFToken', other.csrfToken)
            .expect(403, CSRF_INCORRECT);
          await request(http)
            [method]('/session/me')
            .set('Cookie', cookie)
            .set('X-CSRFToken', 'not-a-token')
            .expect(403, CSRF_INCORRECT);
          await request(http)
            [method]('/session/me')
            .set('Cookie', cookie)
            .set('x-csrftoken', csrfToken)
            .expect(200, me('alice'));
        },
      );

      it('every token from csrfToken() differs and verifies', async () => {
        const { cookie, csrfToken } = await login(name('alice'), 'alice-password');
        const fresh = await request(http).get('/auth/csrf').set('Cookie', cookie).expect(200);
        const again = await request(http).get('/auth/csrf').set('Cookie', cookie).expect(200);
        expect(new Set([csrfToken, fresh.body.csrfToken, again.body.csrfToken]).size).toBe(3);
        for (const token of [fresh.body.csrfToken as string, again.body.csrfToken as string]) {
          await request(http)
            .post('/session/me')
            .set('Cookie', cookie)
            .set('X-CSRFToken', token)
            .expect(200, me('alice'));
        }
      });

      it('checks CSRF only for session-authenticated requests', async () => {
        await request(http).post('/session/me').expect(403, NOT_PROVIDED);
        const { cookie } = await login(name('alice'), 'alice-password');
        const key = await createAuthToken(handle.app().get(DataSource), alice.id);
        await request(http)
          .post('/chain/basic-token-session')
          .set('Cookie', cookie)
          .set('Authorization', `Token ${key}`)
          .expect(200, me('alice', 'token'));
        await request(http)
          .post('/chain/basic-token-session')
          .set('Cookie', cookie)
          .expect(403, CSRF_MISSING);
      });

      it('logout (a POST, so with the CSRF token) ends the session', async () => {
        const { cookie, csrfToken } = await login(name('alice'), 'alice-password');
        await request(http).post('/auth/logout').set('Cookie', cookie).expect(403, CSRF_MISSING);
        await request(http)
          .post('/auth/logout')
          .set('Cookie', cookie)
          .set('X-CSRFToken', csrfToken)
          .expect(204);
        await request(http).get('/session/me').set('Cookie', cookie).expect(403, NOT_PROVIDED);
      });

      it('a session of a user made inactive, or deleted, is anonymous', async () => {
        const erin = await makeUser('erin', 'erin-password');
        const { cookie } = await login(erin.username, 'erin-password');
        await request(http).get('/session/me').set('Cookie', cookie).expect(200, me('erin'));
        await users().update(erin.id, { isActive: false });
        await request(http).get('/session/me').set('Cookie', cookie).expect(403, NOT_PROVIDED);
        await users().update(erin.id, { isActive: true });
        await request(http).get('/session/me').set('Cookie', cookie).expect(200, me('erin'));
        await users().delete(erin.id);
        await request(http).get('/session/me').set('Cookie', cookie).expect(403, NOT_PROVIDED);
      });
    });

    describe('RemoteUserAuthentication (header set)', () => {
      it('recognises the user the proxy names', async () => {
        await request(http)
          .get('/remote/me')
          .set(REMOTE_USER_HEADER, name('alice'))
          .expect(200, me('alice'));
      });

      it('leaves unknown and inactive users, and requests without the header, anonymous (403)', async () => {
        for (const value of [name('nobody'), name('bob')]) {
          const response = await request(http)
            .get('/remote/me')
            .set(REMOTE_USER_HEADER, value)
            .expect(403, NOT_PROVIDED);
          expect(response.headers['www-authenticate']).toBeUndefined();
        }
        await request(http).get('/remote/me').expect(403, NOT_PROVIDED);
      });
    });

    describe('chains', () => {
      it('the first authenticator that recognises the credentials wins', async () => {
        const key = await createAuthToken(handle.app().get(DataSource), alice.id);
        await request(http)
          .get('/chain/token-basic')
          .set('Authorization', `Token ${key}`)
          .expect(200, me('alice', 'token'));
        await request(http)
          .get('/chain/token-basic')
          .set('Authorization', basic(`${name('josé')}:pä:ss:wörd`))
          .expect(200, me('josé'));
      });

      it('bad Basic credentials fail even when a later authenticator (the session) would accept', async () => {
        const { cookie, csrfToken } = await login(name('alice'), 'alice-password');
        await request(http)
          .post('/chain/basic-token-session')
          .set('Cookie', cookie)
          .set('X-CSRFToken', csrfToken)
          .expect(200, me('alice'));
        await request(http)
          .post('/chain/basic-token-session')
          .set('Cookie', cookie)
          .set('X-CSRFToken', csrfToken)
          .set('Authorization', basic(`${name('alice')}:wrong`))
          .expect(401, failed('Invalid username/password.'))
          .expect('WWW-Authenticate', BASIC_CHALLENGE);
      });

      it("the first authenticator's challenge decides 401 or 403", async () => {
        const wrong = basic(`${name('alice')}:wrong`);
        await request(http)
          .get('/chain/token-basic')
          .expect(401, NOT_PROVIDED)
          .expect('WWW-Authenticate', 'Token');
        await request(http)
          .get('/chain/token-basic')
          .set('Authorization', wrong)
          .expect(401, failed('Invalid username/password.'))
          .expect('WWW-Authenticate', 'Token');
        for (const [authorization, body] of [
          [undefined, NOT_PROVIDED],
          [wrong, failed('Invalid username/password.')],
        ] as const) {
          const call = request(http).get('/chain/session-basic');
          if (authorization) call.set('Authorization', authorization);
          const response = await call.expect(403, body);
          expect(response.headers['www-authenticate']).toBeUndefined();
        }
      });

      it('an action without authenticators recognises nobody (403)', async () => {
        await request(http)
          .get('/chain/none')
          .set('Authorization', basic(`${name('alice')}:alice-password`))
          .expect(403, NOT_PROVIDED);
      });

      it('an action without authenticationClasses uses the forRoot defaults', async () => {
        await request(http)
          .get('/chain/defaults')
          .set('Authorization', basic(`${name('alice')}:alice-password`))
          .expect(200, me('alice'));
        await request(http)
          .get('/chain/defaults')
          .expect(401, NOT_PROVIDED)
          .expect('WWW-Authenticate', 'Token');
      });

      it('without a permission, anonymous requests pass but wrong credentials still fail', async () => {
        await request(http).get('/open/whoami').expect(200, { user: null, auth: null });
        await request(http)
          .get('/open/whoami')
          .set('Authorization', basic(`${name('alice')}:wrong`))
          .expect(401, failed('Invalid username/password.'))
          .expect('WWW-Authenticate', BASIC_CHALLENGE);
      });
    });

    describe('RemoteUserAuthentication off (remoteUserHeader: null, the default)', () => {
      const off = useAuthenticationApp(
        adapterName,
        database,
        (db) => [
          AuthenticationTestModule.forDatabase(db.options(AUTHENTICATION_ENTITIES), {
            remoteUserHeader: null,
          }),
        ],
        createSessionTestApp,
      );

      it('recognises nobody, whatever the header says', async () => {
        await request(off.http())
          .get('/remote/me')
          .set(REMOTE_USER_HEADER, name('alice'))
          .expect(403, NOT_PROVIDED);
      });
    });

    describe('misconfiguration fails loudly (500, RestflowConfigError with the fix)', () => {
      const broken = useAuthenticationApp(
        adapterName,
        database,
        (db) => [
          AuthenticationTestModule.misconfigured(db.options([User]), {
            remoteUserHeader: REMOTE_USER_HEADER,
          }),
        ],
        createTestApp,
      );
      const noLookup = useAuthenticationApp(
        adapterName,
        database,
        (db) => [
          AuthenticationTestModule.misconfigured(
            db.options([User]),
            { userProvider: NoUsernameLookupProvider, remoteUserHeader: REMOTE_USER_HEADER },
            [NoUsernameLookupProvider],
          ),
        ],
        createTestApp,
      );

      /** Calls an authenticator created by the app's injector on a bare request. */
      const directly = async (
        app: INestApplication,
        type: Type<{ authenticate(request: RestflowRequest): unknown }>,
        headers: Record<string, string>,
      ) => {
        const authenticator = await app.get(ModuleRef).create(type);
        const bare = { method: 'GET', url: '/', headers, query: {}, params: {} };
        return Promise.resolve().then(() => authenticator.authenticate(bare));
      };

      it('no userProvider', async () => {
        const header = basic('alice:alice-password');
        await request(broken.http())
          .get('/basic/me')
          .set('Authorization', header)
          .expect(500, SERVER_ERROR);
        await request(broken.http())
          .get('/remote/me')
          .set(REMOTE_USER_HEADER, 'alice')
          .expect(500, SERVER_ERROR);
        const error = await directly(broken.app(), BasicAuthentication, {
          authorization: header,
        }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(RestflowConfigError);
        expect(error).toMatchObject({
          option: 'authentication.userProvider',
          message: expect.stringContaining(
            'Fix: implement UserProvider (findById, verifyCredentials, isActive, getId)',
          ),
        });
      });

      it('no AuthToken entity', async () => {
        const header = `Token ${'0'.repeat(40)}`;
        await request(broken.http())
          .get('/token/me')
          .set('Authorization', header)
          .expect(500, SERVER_ERROR);
        await expect(
          directly(broken.app(), TokenAuthentication, { authorization: header }),
        ).rejects.toThrow(/Fix: add AuthToken \(from nestjs-restflow\) to the entities/);
      });

      it('no session middleware', async () => {
        await request(broken.http()).get('/session/me').expect(500, SERVER_ERROR);
        await expect(directly(broken.app(), SessionAuthentication, {})).rejects.toThrow(
          /found no session on the request\. Fix: register the session middleware/,
        );
      });

      it('a user provider without findByUsername() for RemoteUserAuthentication', async () => {
        await request(noLookup.http())
          .get('/remote/me')
          .set(REMOTE_USER_HEADER, 'alice')
          .expect(500, SERVER_ERROR);
        await expect(
          directly(noLookup.app(), RemoteUserAuthentication, {
            [REMOTE_USER_HEADER.toLowerCase()]: 'alice',
          }),
        ).rejects.toThrow(/has no findByUsername\(\) method\. Fix: implement findByUsername/);
      });
    });
  });
});
