import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Test } from '@nestjs/testing';
import {
  createHmac,
  createPublicKey,
  generateKeyPairSync,
  sign as cryptoSign,
  verify as cryptoVerify,
  type KeyObject,
} from 'node:crypto';
import { RestflowConfigError, RestflowModule, type RestflowModuleOptions } from 'nestjs-restflow';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  AccessToken,
  EntityTokenBlacklist,
  JwtAuthModule,
  RefreshToken,
  TokenError,
  TokenService,
} from '../libs/restflow/src/authentication/jwt';
import { BlacklistedToken } from '../libs/restflow/src/authentication/jwt/blacklisted-token.entity';
import { CustomAuthController } from './fixtures/jwt/custom-auth.controller';
import { encode, forgeToken, nowSeconds, peek } from './fixtures/jwt/forge';
import {
  createUser,
  failed,
  obtain,
  PASSWORD,
  SECRET,
  type Http,
} from './fixtures/jwt/jwt-test-helpers';
import { User } from './fixtures/users/user.entity';
import { UsersProvider } from './fixtures/users/users.provider';
import { JWT_ENTITIES, JwtFixtureModule, type JwtScenario } from './fixtures/jwt/jwt.module';
import { ADAPTERS, createTestApp, type AdapterName } from './utils/adapters';
import { createTestDatabase, testDatabases, type TestDatabase } from './utils/databases';
import { useTestApp, useTestDatabase } from './utils/e2e-hooks';

const ISSUER = 'https://issuer.restflow.test';
const AUDIENCE = 'restflow-api';
const CHALLENGE = 'Bearer realm="api"';
const CLAIM_ORDER = ['token_type', 'iat', 'exp', 'jti', 'user_id', 'iss', 'aud'];

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed = generateKeyPairSync('ed25519');
const pem = (key: KeyObject) =>
  key.type === 'private'
    ? key.export({ type: 'pkcs8', format: 'pem' }).toString()
    : key.export({ type: 'spki', format: 'pem' }).toString();

const me = (http: Http, authorization?: string) => {
  const call = request(http).get('/me');
  return authorization === undefined ? call : call.set('Authorization', authorization);
};

/** Valid claims for `userId`, as the HS256 scenario's server would issue them. */
function claims(userId: number, overrides: Record<string, unknown> = {}) {
  const iat = nowSeconds();
  return {
    token_type: 'access',
    iat,
    exp: iat + 300,
    jti: 'forged-jti-000000000000',
    user_id: userId,
    iss: ISSUER,
    aud: AUDIENCE,
    ...overrides,
  };
}

const HS256 = { alg: 'HS256', typ: 'JWT' };

describe.each(testDatabases())('JWT on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  describe.each(ADAPTERS)('over %s', (adapterName) => {
    describe('HS256 with the in-memory blacklist, iss and aud', () => {
      const handle = useTestApp(adapterName, database, (options) => [
        JwtFixtureModule.forDatabase(options(JWT_ENTITIES), {
          jwt: { signingKey: SECRET, issuer: ISSUER, audience: AUDIENCE },
          controllers: [CustomAuthController],
        }),
      ]);
      let app: INestApplication;
      let http: Http;
      let ada: User;
      const forge = (payload: Record<string, unknown>, header: object = HS256) =>
        forgeToken(header as Record<string, unknown>, payload, { hmac: SECRET });

      beforeAll(async () => {
        app = handle.app();
        http = handle.http() as Http;
        ada = await createUser(app, 'ada');
      });

      it('runs the whole flow: obtain, use, refresh with rotation, blacklist', async () => {
        const first = await obtain(http, ada);
        expect(Object.keys(first)).toEqual(['access', 'refresh']);

        const mine = await me(http, `Bearer ${first.access}`).expect(200);
        expect(mine.body).toMatchObject({
          id: ada.id,
          username: ada.username,
          isAccessToken: true,
        });
        expect(mine.body.claims).toEqual(peek(first.access).payload);

        const refreshed = await request(http)
          .post('/api/auth/refresh')
          .send({ refresh: first.refresh })
          .expect(200);
        expect(Object.keys(refreshed.body)).toEqual(['access', 'refresh']);
        expect(refreshed.body.refresh).not.toBe(first.refresh);
        expect(peek(refreshed.body.refresh).payload.jti).not.toBe(peek(first.refresh).payload.jti);
        await me(http, `Bearer ${refreshed.body.access}`).expect(200);

        // The rotated refresh token was blacklisted.
        await request(http)
          .post('/api/auth/refresh')
          .send({ refresh: first.refresh })
          .expect(401, failed('Token has been blacklisted.', 'token_blacklisted'))
          .expect('WWW-Authenticate', CHALLENGE);

        const logout = await request(http)
          .post('/api/auth/blacklist')
          .send({ refresh: refreshed.body.refresh })
          .expect(204);
        expect(logout.text).toBe('');
        await request(http)
          .post('/api/auth/blacklist')
          .send({ refresh: refreshed.body.refresh })
          .expect(204);
        await request(http)
          .post('/api/auth/refresh')
          .send({ refresh: refreshed.body.refresh })
          .expect(401, failed('Token has been blacklisted.', 'token_blacklisted'));

        // Access tokens are not revoked by logging out: they expire.
        await me(http, `Bearer ${first.access}`).expect(200);
      });

      it('issues tokens with the reference header, claims and lifetimes', async () => {
        const pair = await obtain(http, ada);
        const access = peek(pair.access);
        const refresh = peek(pair.refresh);
        expect(Object.keys(access.header)).toEqual(['alg', 'typ']);
        expect(access.header).toEqual({ alg: 'HS256', typ: 'JWT' });
        expect(Object.keys(access.payload)).toEqual(CLAIM_ORDER);
        expect(Object.keys(refresh.payload)).toEqual(CLAIM_ORDER);
        expect(access.payload).toMatchObject({
          token_type: 'access',
          user_id: ada.id,
          iss: ISSUER,
          aud: AUDIENCE,
        });
        expect(refresh.payload.token_type).toBe('refresh');
        expect(Number(access.payload.exp) - Number(access.payload.iat)).toBe(300);
        expect(Number(refresh.payload.exp) - Number(refresh.payload.iat)).toBe(86_400);
        expect(access.payload.jti).toMatch(/^[A-Za-z0-9_-]{22}$/);
        expect(access.payload.jti).not.toBe(refresh.payload.jti);
        // An independent HMAC over the signing input gives the same signature.
        const input = pair.access.slice(0, pair.access.lastIndexOf('.'));
        expect(access.signature).toEqual(createHmac('sha256', SECRET).update(input).digest());
      });

      it('accepts the scheme in any case, and tokens signed by another HS256 issuer with the key', async () => {
        const pair = await obtain(http, ada);
        await me(http, `bearer ${pair.access}`).expect(200);
        await me(http, `BEARER   ${pair.access}`).expect(200);
        await me(http, `Bearer ${forge(claims(ada.id))}`).expect(200);
      });

      it('issues, derives, rotates and revokes tokens from code through TokenService', async () => {
        const tokens = app.get(TokenService);
        const refresh = await tokens.forUser(RefreshToken, ada);
        expect(refresh).toBeInstanceOf(RefreshToken);
        expect(String(refresh)).toBe(refresh.raw);
        expect(refresh.tokenType).toBe('refresh');
        expect(refresh.jti).toBe(peek(refresh.raw).payload.jti);
        expect(refresh.exp).toBe(Number(refresh.payload.iat) + 86_400);
        expect(Object.isFrozen(refresh.payload)).toBe(true);

        const access = refresh.accessToken();
        expect(access).toBeInstanceOf(AccessToken);
        expect(access.payload).toMatchObject({ user_id: ada.id, iss: ISSUER, aud: AUDIENCE });
        await me(http, `Bearer ${access.raw}`).expect(200);

        const rotated = refresh.rotate();
        expect(rotated.jti).not.toBe(refresh.jti);
        expect(tokens.verify(RefreshToken, rotated.raw).payload).toEqual(rotated.payload);
        expect(() => tokens.verify(AccessToken, rotated.raw)).toThrow(
          new TokenError("Wrong token type, expected 'access'."),
        );

        await refresh.blacklist();
        expect(await tokens.isBlacklisted(refresh)).toBe(true);
        expect(await tokens.isBlacklisted(rotated)).toBe(false);
      });

      it('also serves the endpoints from a JwtAuthController subclass', async () => {
        const pair = await obtain(http, ada, '/custom/auth');
        await me(http, `Bearer ${pair.access}`).expect(200);
      });

      describe('refuses on the protected route', () => {
        it('a request without credentials (401 not_authenticated with the challenge)', async () => {
          await me(http)
            .expect(401, {
              error: {
                code: 'not_authenticated',
                message: 'Authentication credentials were not provided.',
                details: {},
              },
            })
            .expect('WWW-Authenticate', CHALLENGE);
        });

        it('another scheme, which is not its kind (anonymous, so 401 not_authenticated)', async () => {
          const pair = await obtain(http, ada);
          const response = await me(http, `Token ${pair.access}`).expect(401);
          expect(response.body.error.code).toBe('not_authenticated');
        });

        it('a token signed with alg "none"', async () => {
          const token = forgeToken({ alg: 'none', typ: 'JWT' }, claims(ada.id), null);
          await me(http, `Bearer ${token}`)
            .expect(401, failed('The specified alg value is not allowed'))
            .expect('WWW-Authenticate', CHALLENGE);
        });

        it('a token whose header has no alg', async () => {
          await me(http, `Bearer ${forge(claims(ada.id), { typ: 'JWT' })}`).expect(
            401,
            failed('The specified alg value is not allowed'),
          );
        });

        it('a token signed with another algorithm (HS512) and the right key', async () => {
          const token = forgeToken({ alg: 'HS512', typ: 'JWT' }, claims(ada.id), {
            hmac: SECRET,
            hash: 'sha512',
          });
          await me(http, `Bearer ${token}`).expect(
            401,
            failed('The specified alg value is not allowed'),
          );
        });

        it('an expired token', async () => {
          const past = nowSeconds() - 600;
          await me(http, `Bearer ${forge(claims(ada.id, { iat: past, exp: past + 300 }))}`)
            .expect(401, failed('Token has expired.'))
            .expect('WWW-Authenticate', CHALLENGE);
        });

        it('a token issued in the future', async () => {
          const future = nowSeconds() + 600;
          await me(
            http,
            `Bearer ${forge(claims(ada.id, { iat: future, exp: future + 300 }))}`,
          ).expect(401, failed('The token is not yet valid (iat)'));
        });

        it('a token for another audience', async () => {
          await me(http, `Bearer ${forge(claims(ada.id, { aud: 'another-api' }))}`).expect(
            401,
            failed('Invalid audience'),
          );
        });

        it('a token without an audience', async () => {
          await me(http, `Bearer ${forge(claims(ada.id, { aud: undefined }))}`).expect(
            401,
            failed('Token is missing the "aud" claim'),
          );
        });

        it('a token from another issuer', async () => {
          await me(http, `Bearer ${forge(claims(ada.id, { iss: 'https://evil.test' }))}`).expect(
            401,
            failed('Invalid issuer'),
          );
        });

        it('a token without exp, or without iat', async () => {
          await me(http, `Bearer ${forge(claims(ada.id, { exp: undefined }))}`).expect(
            401,
            failed('Token is missing the "exp" claim'),
          );
          await me(http, `Bearer ${forge(claims(ada.id, { iat: undefined }))}`).expect(
            401,
            failed('Token is missing the "iat" claim'),
          );
        });

        it('a token with a tampered signature', async () => {
          const pair = await obtain(http, ada);
          const [header, payload, signature] = pair.access.split('.') as [string, string, string];
          const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
          await me(http, `Bearer ${header}.${payload}.${flipped}`)
            .expect(401, failed('Signature verification failed'))
            .expect('WWW-Authenticate', CHALLENGE);
        });

        it('a token with a tampered payload', async () => {
          const other = await createUser(app, 'mallory');
          const pair = await obtain(http, ada);
          const [header, , signature] = pair.access.split('.') as [string, string, string];
          const payload = encode({ ...peek(pair.access).payload, user_id: other.id });
          await me(http, `Bearer ${header}.${payload}.${signature}`).expect(
            401,
            failed('Signature verification failed'),
          );
        });

        it('a refresh token used as an access token', async () => {
          const pair = await obtain(http, ada);
          await me(http, `Bearer ${pair.refresh}`).expect(
            401,
            failed("Wrong token type, expected 'access'."),
          );
        });

        it.each([
          [
            'Bearer',
            "Authorization header must be 'Bearer <token>'.",
            'invalid_authorization_header',
          ],
          [
            'Bearer a b',
            "Authorization header must be 'Bearer <token>'.",
            'invalid_authorization_header',
          ],
          ['Bearer abc', 'Not enough segments', 'invalid_token'],
          ['Bearer a.b', 'Not enough segments', 'invalid_token'],
          ['Bearer !!!.???.***', 'Invalid header padding', 'invalid_token'],
          ['Bearer a.b.c', 'Invalid header padding', 'invalid_token'],
          [
            `Bearer ${encode('{"alg":"HS256"')}.${encode('{}')}.c2ln`,
            'Invalid header string:',
            'invalid_token',
          ],
          [
            `Bearer ${encode('[1]')}.${encode('{}')}.c2ln`,
            'Invalid header string: must be a json object',
            'invalid_token',
          ],
          [`Bearer ${encode(HS256)}.a+b.c2ln`, 'Invalid payload padding', 'invalid_token'],
          [
            `Bearer ${encode(HS256)}.${encode('{}')}.a/b`,
            'Invalid crypto padding',
            'invalid_token',
          ],
          ['Bearer tok\u00e9n', 'Token contains invalid characters.', 'invalid_token'],
        ])('a malformed header: %j', async (authorization, message, code) => {
          const response = await me(http, authorization)
            .expect(401)
            .expect('WWW-Authenticate', CHALLENGE);
          expect(response.body.error.code).toBe('authentication_failed');
          expect(response.body.error.message).toContain(message);
          expect(response.body.error.details).toEqual({ code });
        });

        it('a validly signed token whose payload is not JSON', async () => {
          const input = `${encode(HS256)}.${encode('not json')}`;
          const token = `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
          const response = await me(http, `Bearer ${token}`).expect(401);
          expect(response.body.error.message).toMatch(/^Invalid payload string: /);
        });

        it('a token without a user id, or for a user that does not exist', async () => {
          await me(http, `Bearer ${forge(claims(ada.id, { user_id: undefined }))}`).expect(
            401,
            failed('Token contained no recognizable user identification.'),
          );
          await me(http, `Bearer ${forge(claims(999_999))}`).expect(
            401,
            failed('User not found.', 'user_not_found'),
          );
        });

        it('a token of a user who has become inactive', async () => {
          const user = await createUser(app, 'leaver');
          const pair = await obtain(http, user);
          await app.get(DataSource).getRepository(User).update(user.id, { isActive: false });
          await me(http, `Bearer ${pair.access}`).expect(
            401,
            failed('User is inactive.', 'user_inactive'),
          );
        });

        it('a blacklisted access token', async () => {
          const pair = await obtain(http, ada);
          const tokens = app.get(TokenService);
          await tokens.verify(AccessToken, pair.access).blacklist();
          await me(http, `Bearer ${pair.access}`).expect(
            401,
            failed('Token has been blacklisted.', 'token_blacklisted'),
          );
        });
      });

      describe('the obtain endpoint', () => {
        it('refuses a wrong password, an unknown user and an inactive user alike', async () => {
          const inactive = await createUser(app, 'inactive', false);
          const attempts = [
            { username: ada.username, password: 'wrong' },
            { username: 'nobody-at-all', password: PASSWORD },
            { username: inactive.username, password: PASSWORD },
          ];
          for (const body of attempts) {
            await request(http)
              .post('/api/auth/token')
              .send(body)
              .expect(
                401,
                failed('No active account found with the given credentials.', 'no_active_account'),
              )
              .expect('WWW-Authenticate', CHALLENGE);
          }
        });

        it('answers missing fields with the validation envelope', async () => {
          await request(http)
            .post('/api/auth/token')
            .send({})
            .expect(400, {
              error: {
                code: 'validation_error',
                message: 'Request validation failed.',
                details: {
                  username: ['This field is required.'],
                  password: ['This field is required.'],
                },
              },
            });
          const blank = await request(http)
            .post('/api/auth/token')
            .send({ username: '', password: PASSWORD })
            .expect(400);
          expect(blank.body.error.details).toEqual({ username: ['This field may not be blank.'] });
        });

        it('does not trim passwords', async () => {
          await request(http)
            .post('/api/auth/token')
            .send({ username: ada.username, password: ` ${PASSWORD} ` })
            .expect(401);
        });

        it.each([
          ['get', '/api/auth/token'],
          ['put', '/api/auth/refresh'],
          ['delete', '/api/auth/blacklist'],
          ['patch', '/api/auth/token'],
        ] as const)('answers %s %s with 405 and Allow: POST, OPTIONS', async (method, url) => {
          const response = await request(http)
            [method](url)
            .expect(405)
            .expect('Allow', 'POST, OPTIONS');
          expect(response.body.error.code).toBe('method_not_allowed');
        });
      });

      describe('the refresh and blacklist endpoints', () => {
        it('refuse an access token', async () => {
          const pair = await obtain(http, ada);
          for (const url of ['/api/auth/refresh', '/api/auth/blacklist']) {
            await request(http)
              .post(url)
              .send({ refresh: pair.access })
              .expect(401, failed("Wrong token type, expected 'refresh'."))
              .expect('WWW-Authenticate', CHALLENGE);
          }
        });

        it('refuse malformed and expired tokens, and a missing field', async () => {
          await request(http)
            .post('/api/auth/refresh')
            .send({ refresh: 'abc' })
            .expect(401, failed('Not enough segments'));
          const past = nowSeconds() - 100_000;
          const expired = forge(
            claims(ada.id, { token_type: 'refresh', iat: past, exp: past + 86_400 }),
          );
          await request(http)
            .post('/api/auth/refresh')
            .send({ refresh: expired })
            .expect(401, failed('Token has expired.'));
          const missing = await request(http).post('/api/auth/blacklist').send({}).expect(400);
          expect(missing.body.error.details).toEqual({ refresh: ['This field is required.'] });
        });

        it('refuse to refresh for a user who has become inactive', async () => {
          const user = await createUser(app, 'suspended');
          const pair = await obtain(http, user);
          await app.get(DataSource).getRepository(User).update(user.id, { isActive: false });
          await request(http)
            .post('/api/auth/refresh')
            .send({ refresh: pair.refresh })
            .expect(401, failed('User is inactive.', 'user_inactive'))
            .expect('WWW-Authenticate', CHALLENGE);
        });

        it('refuse to refresh for a user who has been deleted', async () => {
          const user = await createUser(app, 'deleted');
          const pair = await obtain(http, user);
          await app.get(DataSource).getRepository(User).delete(user.id);
          await request(http)
            .post('/api/auth/refresh')
            .send({ refresh: pair.refresh })
            .expect(401, failed('User not found.', 'user_not_found'));
        });
      });
    });

    describe('RS256 with the entity blacklist', () => {
      const handle = useTestApp(adapterName, database, (options) => [
        JwtFixtureModule.forDatabase(options(JWT_ENTITIES), {
          jwt: {
            algorithm: 'RS256',
            signingKey: pem(rsa.privateKey),
            verifyingKey: pem(rsa.publicKey),
            blacklist: EntityTokenBlacklist,
          },
        }),
      ]);
      let app: INestApplication;
      let http: Http;

      beforeAll(() => {
        app = handle.app();
        http = handle.http() as Http;
      });

      it('runs the whole flow, the revocations stored as rows', async () => {
        const user = await createUser(app, 'rsa');
        const first = await obtain(http, user);
        const { header, signature } = peek(first.access);
        expect(header).toEqual({ alg: 'RS256', typ: 'JWT' });
        const input = Buffer.from(first.access.slice(0, first.access.lastIndexOf('.')));
        expect(cryptoVerify('sha256', input, rsa.publicKey, signature)).toBe(true);
        await me(http, `Bearer ${first.access}`).expect(200);

        const second = await request(http)
          .post('/api/auth/refresh')
          .send({ refresh: first.refresh })
          .expect(200);
        await request(http)
          .post('/api/auth/refresh')
          .send({ refresh: first.refresh })
          .expect(401, failed('Token has been blacklisted.', 'token_blacklisted'));
        await request(http)
          .post('/api/auth/blacklist')
          .send({ refresh: second.body.refresh })
          .expect(204);
        await request(http)
          .post('/api/auth/blacklist')
          .send({ refresh: second.body.refresh })
          .expect(204);
        await request(http)
          .post('/api/auth/refresh')
          .send({ refresh: second.body.refresh })
          .expect(401, failed('Token has been blacklisted.', 'token_blacklisted'));

        const rows = app.get(DataSource).getRepository(BlacklistedToken);
        const jtis = [first.refresh, second.body.refresh as string].map((token) =>
          String(peek(token).payload.jti),
        );
        for (const jti of jtis) {
          const row = await rows.findOneByOrFail({ jti });
          expect(Math.abs(row.expiresAt.getTime() / 1000 - nowSeconds() - 86_400)).toBeLessThan(5);
        }
        expect(await rows.countBy(jtis.map((jti) => ({ jti })))).toBe(2);
      });

      it('deletes the rows of expired tokens with cleanupExpired()', async () => {
        const blacklist = new EntityTokenBlacklist(app.get(DataSource));
        const stale = `stale-${adapterName}-${Date.now()}`;
        await blacklist.add(stale, nowSeconds() - 10);
        await blacklist.add(stale, nowSeconds() - 10);
        expect(await blacklist.has(stale)).toBe(true);
        expect(await blacklist.cleanupExpired()).toBeGreaterThanOrEqual(1);
        expect(await blacklist.has(stale)).toBe(false);
      });

      it('refuses an HS256 token signed with the RS256 public key as the secret', async () => {
        const user = await createUser(app, 'confused');
        const token = forgeToken(HS256, claims(user.id, { iss: undefined, aud: undefined }), {
          hmac: pem(rsa.publicKey),
        });
        await me(http, `Bearer ${token}`).expect(
          401,
          failed('The specified alg value is not allowed'),
        );
        const header = { alg: 'RS256', typ: 'JWT' };
        const relabelled = forgeToken(header, claims(user.id, { iss: undefined, aud: undefined }), {
          hmac: pem(rsa.publicKey),
        });
        await me(http, `Bearer ${relabelled}`).expect(401, failed('Signature verification failed'));
      });
    });

    describe.each([
      ['ES256', ec, 'sha256'],
      ['EdDSA', ed, null],
    ] as const)('%s without rotation, two header types', (algorithm, pair, hash) => {
      const handle = useTestApp(adapterName, database, (options) => [
        JwtFixtureModule.forDatabase(options(JWT_ENTITIES), {
          jwt: {
            algorithm,
            signingKey: pair.privateKey,
            rotateRefreshTokens: false,
            authHeaderTypes: ['Bearer', 'JWT'],
          },
        }),
      ]);
      let app: INestApplication;
      let http: Http;

      beforeAll(() => {
        app = handle.app();
        http = handle.http() as Http;
      });

      it('issues tokens that verify with the public key and authenticate', async () => {
        const user = await createUser(app, algorithm);
        const tokens = await obtain(http, user);
        const { header, payload, signature } = peek(tokens.access);
        expect(header).toEqual({ alg: algorithm, typ: 'JWT' });
        expect(Object.keys(payload)).toEqual(['token_type', 'iat', 'exp', 'jti', 'user_id']);
        const input = Buffer.from(tokens.access.slice(0, tokens.access.lastIndexOf('.')));
        const key = { key: createPublicKey(pair.privateKey), dsaEncoding: 'ieee-p1363' as const };
        expect(cryptoVerify(hash, input, key, signature)).toBe(true);
        await me(http, `Bearer ${tokens.access}`).expect(200);
        await me(http, `jwt ${tokens.access}`).expect(200);
      });

      it('refreshes with { access } only and keeps the refresh token usable', async () => {
        const user = await createUser(app, `${algorithm}-refresh`);
        const tokens = await obtain(http, user);
        for (let round = 0; round < 2; round++) {
          const response = await request(http)
            .post('/api/auth/refresh')
            .send({ refresh: tokens.refresh })
            .expect(200);
          expect(Object.keys(response.body)).toEqual(['access']);
          await me(http, `JWT ${response.body.access}`).expect(200);
        }
      });

      it('refuses a token signed with another key of the same kind', async () => {
        const user = await createUser(app, `${algorithm}-other-key`);
        const other =
          algorithm === 'ES256'
            ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
            : generateKeyPairSync('ed25519');
        const input = `${encode({ alg: algorithm, typ: 'JWT' })}.${encode(claims(user.id, { iss: undefined, aud: undefined }))}`;
        const signature = cryptoSign(hash, Buffer.from(input), {
          key: other.privateKey,
          dsaEncoding: 'ieee-p1363',
        });
        await me(http, `Bearer ${input}.${signature.toString('base64url')}`).expect(
          401,
          failed('Signature verification failed'),
        );
      });
    });
  });
});

describe('JWT options at boot', () => {
  const boot = async (metadata: ModuleMetadata, adapter: AdapterName = 'express') => {
    const moduleRef = await Test.createTestingModule(metadata).compile();
    return createTestApp(moduleRef, adapter);
  };
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqljs');
  });
  const appWith = (jwt: RestflowModuleOptions['jwt'], scenario: Partial<JwtScenario> = {}) => ({
    imports: [JwtFixtureModule.forDatabase(database.options(JWT_ENTITIES), { jwt, ...scenario })],
  });
  const hsPem = pem(rsa.privateKey);

  it.each<[string, RestflowModuleOptions['jwt'], string]>([
    [
      'the "none" algorithm',
      { signingKey: SECRET, algorithm: 'none' as never },
      'Invalid RestflowModule option "jwt.algorithm": it is "none". The \'none\' algorithm disables signature verification and is unsafe. Fix: pin a signing algorithm, one of HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384, ES512, EdDSA.',
    ],
    [
      'an unknown algorithm',
      { signingKey: SECRET, algorithm: 'HS999' as never },
      'Invalid RestflowModule option "jwt.algorithm": expected one of HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384, ES512, EdDSA, got "HS999".',
    ],
    [
      'an empty signing key',
      { signingKey: '' },
      'Invalid RestflowModule option "jwt.signingKey": expected a non-empty secret string, a PEM private key, a KeyObject, or null, got "".',
    ],
    [
      'a zero lifetime',
      { signingKey: SECRET, accessTokenLifetime: 0 },
      'Invalid RestflowModule option "jwt.accessTokenLifetime": expected a whole number of seconds from 1 to 315360000, got 0.',
    ],
    [
      'a registered claim as the user id claim',
      { signingKey: SECRET, userIdClaim: 'exp' },
      'Invalid RestflowModule option "jwt.userIdClaim": expected a claim name such as "user_id" or "sub"',
    ],
    [
      'a header type with a space',
      { signingKey: SECRET, authHeaderTypes: ['Bearer token'] },
      'Invalid RestflowModule option "jwt.authHeaderTypes": expected a non-empty list of authorization schemes',
    ],
    [
      'a blacklist that is not one',
      { signingKey: SECRET, blacklist: new Map() as never },
      'Invalid RestflowModule option "jwt.blacklist": expected a TokenBlacklist instance or class',
    ],
  ])('fails the boot for %s', async (_case, jwt, message) => {
    const compiling = Test.createTestingModule(appWith(jwt)).compile();
    await expect(compiling).rejects.toBeInstanceOf(RestflowConfigError);
    await expect(Test.createTestingModule(appWith(jwt)).compile()).rejects.toThrow(message);
  });

  it.each<[string, RestflowModuleOptions['jwt'], string]>([
    [
      'the token endpoints without a signing key',
      {},
      'Missing RestflowModule option "jwt.signingKey": the JWT stack needs a key to issue and verify tokens. Fix: configure a signing key before issuing or verifying tokens',
    ],
    [
      'an HMAC algorithm with a PEM key',
      { signingKey: hsPem },
      'Invalid RestflowModule option "jwt.signingKey": jwt.algorithm "HS256" expects an HMAC secret but signingKey looks like a PEM-encoded asymmetric key.',
    ],
    [
      'RS256 with a secret',
      { algorithm: 'RS256', signingKey: SECRET },
      'Invalid RestflowModule option "jwt.signingKey": jwt.algorithm "RS256" needs a PEM private key (an RSA key), got a string that is not PEM-encoded.',
    ],
    [
      'ES256 with an RSA key',
      { algorithm: 'ES256', signingKey: rsa.privateKey },
      'Invalid RestflowModule option "jwt.signingKey": jwt.algorithm "ES256" needs an EC P-256 key, got an rsa key.',
    ],
    [
      'ES256 with a P-384 key',
      {
        algorithm: 'ES256',
        signingKey: generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey,
      },
      'Invalid RestflowModule option "jwt.signingKey": jwt.algorithm "ES256" needs an EC P-256 key, got an EC key on secp384r1.',
    ],
    [
      'a verifying key of another pair',
      {
        algorithm: 'RS256',
        signingKey: rsa.privateKey,
        verifyingKey: pem(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey),
      },
      'Invalid RestflowModule option "jwt.verifyingKey": does not verify what jwt.signingKey signs.',
    ],
    [
      'a private key as the verifying key',
      { algorithm: 'EdDSA', signingKey: ed.privateKey, verifyingKey: pem(ed.privateKey) },
      'Invalid RestflowModule option "jwt.verifyingKey": jwt.algorithm "EdDSA" verifies with a public key, got a PEM private key.',
    ],
    [
      'the token endpoints with only a verifying key',
      { algorithm: 'EdDSA', verifyingKey: pem(ed.publicKey) },
      'Missing RestflowModule option "jwt.signingKey": this app has only a verifying key, so it can check tokens but not issue them.',
    ],
  ])('fails the start for %s', async (_case, jwt, message) => {
    const starting = boot(appWith(jwt));
    await expect(starting).rejects.toBeInstanceOf(RestflowConfigError);
    await expect(boot(appWith(jwt))).rejects.toThrow(message);
  });

  it('fails the start without a user provider', async () => {
    const starting = boot({
      imports: [
        TypeOrmModule.forRoot(database.options(JWT_ENTITIES)),
        RestflowModule.forRoot({ jwt: { signingKey: SECRET } }),
        JwtAuthModule.register(),
      ],
    });
    await expect(starting).rejects.toThrow(
      'Missing RestflowModule option "authentication.userProvider": the JWT stack looks users up by the id in their tokens',
    );
  });

  it('fails the start when EntityTokenBlacklist lacks its entity', async () => {
    const withoutEntity = boot({
      imports: [
        TypeOrmModule.forRoot(database.options([User])),
        TypeOrmModule.forFeature([User]),
        RestflowModule.forRoot({
          authentication: { userProvider: UsersProvider },
          jwt: { signingKey: SECRET, blacklist: EntityTokenBlacklist },
        }),
        JwtAuthModule.register(),
      ],
      providers: [UsersProvider],
    });
    await expect(withoutEntity).rejects.toThrow(
      'EntityTokenBlacklist needs the BlacklistedToken entity, which is not part of the TypeORM data source.',
    );
  });

  it('answers with a logged 500 when JWTAuthentication is used without a key and without the endpoints', async () => {
    const app = await boot(appWith({}, { path: false }));
    try {
      const response = await request(app.getHttpServer())
        .get('/me')
        .set('Authorization', 'Bearer a.b.c')
        .expect(500);
      expect(response.body.error.code).toBe('internal_error');
      await me(app.getHttpServer() as Http).expect(401);
    } finally {
      await app.close();
    }
  });
});
