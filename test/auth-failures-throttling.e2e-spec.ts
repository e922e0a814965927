import request from 'supertest';
import { createUser, PASSWORD, type Http } from './fixtures/jwt/jwt-test-helpers';
import {
  ANON_LIMIT,
  AUTH_FAILURES_ENTITIES,
  AuthFailuresModule,
} from './fixtures/auth-failures/auth-failures.module';
import { ADAPTERS } from './utils/adapters';
import { testDatabases } from './utils/databases';
import { useTestApp, useTestDatabase } from './utils/e2e-hooks';

let addressCounter = 0;
/** A client address of its own, so that each test starts with empty windows. */
const newClient = () => `203.0.113.${++addressCounter}`;

const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

describe.each(testDatabases())('failed authentications on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  describe.each(ADAPTERS)('over %s', (adapterName) => {
    const handle = useTestApp(adapterName, database, (options) => [
      AuthFailuresModule.forDatabase(options(AUTH_FAILURES_ENTITIES)),
    ]);
    const guarded = (client: string, authorization?: string) => {
      const call = request(handle.http() as Http)
        .get('/guarded')
        .set('X-Forwarded-For', client);
      return authorization === undefined ? call : call.set('Authorization', authorization);
    };

    it('answers 429 before 401 once wrong Basic passwords exhaust the anon rate', async () => {
      const user = await createUser(handle.app(), 'guessed');
      const attacker = newClient();
      for (let attempt = 0; attempt < ANON_LIMIT; attempt++) {
        await guarded(attacker, basic(user.username, `wrong-${attempt}`))
          .expect(401)
          .expect('WWW-Authenticate', 'Basic realm="api"');
      }
      const refused = await guarded(attacker, basic(user.username, 'wrong-again')).expect(429);
      expect(refused.body.error.code).toBe('throttled');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // The right password answers exactly as a wrong one while the window is full.
      // (The wait may have ticked down a second in between.)
      const right = await guarded(attacker, basic(user.username, PASSWORD)).expect(429);
      expect(right.body.error.code).toBe('throttled');
      expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(right.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(right.headers['ratelimit-remaining']).toBe('0');

      // Another client is not affected, and signs in.
      await guarded(newClient(), basic(user.username, PASSWORD)).expect(200, {
        username: user.username,
      });
    });

    it('does not spend the failure window on anonymous requests or successful sign-ins', async () => {
      const user = await createUser(handle.app(), 'regular');
      const client = newClient();
      for (let attempt = 0; attempt < ANON_LIMIT + 2; attempt++) {
        await guarded(client, basic(user.username, PASSWORD)).expect(200);
      }
      // Anonymous: 401 from the permission (not counted as a failure), then the anon rate.
      const anonymous = newClient();
      await guarded(anonymous).expect(401);
      await guarded(anonymous, basic(user.username, 'wrong')).expect(401);
      await guarded(anonymous, basic(user.username, PASSWORD)).expect(200);
    });

    it('answers 429 before 401 once bad Bearer tokens exhaust the anon rate', async () => {
      const attacker = newClient();
      for (let attempt = 0; attempt < ANON_LIMIT; attempt++) {
        await guarded(attacker, `Bearer forged.token.${attempt}`).expect(401);
      }
      await guarded(attacker, 'Bearer forged.token.again').expect(429);
    });

    it('answers 429 before 401 once wrong logins on /api/auth/token exhaust the anon rate', async () => {
      const user = await createUser(handle.app(), 'login');
      const attacker = newClient();
      const login = (password: string) =>
        request(handle.http() as Http)
          .post('/api/auth/token')
          .set('X-Forwarded-For', attacker)
          .send({ username: user.username, password });
      for (let attempt = 0; attempt < ANON_LIMIT; attempt++) {
        await login(`wrong-${attempt}`).expect(401);
      }
      const refused = await login('wrong-again').expect(429);
      expect(refused.body.error.code).toBe('throttled');
      await login(PASSWORD).expect(429);
    });
  });
});
