import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { RestflowConfigError, RestflowModule } from 'nestjs-restflow';
import request from 'supertest';
import {
  MemoryThrottleStore,
  UserRateThrottle,
  type ThrottlingOptions,
} from '../libs/restflow/src/throttling';
import { ManualClock } from './fixtures/throttling/manual-clock';
import {
  AnonThrottledView,
  BurstView,
  DefaultThrottledView,
  ScopeCheckView,
} from './fixtures/throttling/throttled.views';
import { ThrottlingTestModule } from './fixtures/throttling/throttling-test.module';
import { ADAPTERS, createTestApp, type AdapterName } from './utils/adapters';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

async function boot(
  adapter: AdapterName,
  throttling: ThrottlingOptions,
  controllers?: Parameters<typeof ThrottlingTestModule.with>[1],
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [ThrottlingTestModule.with(throttling, controllers)],
  }).compile();
  return createTestApp(moduleRef, adapter);
}

/** The 429 envelope of a throttled request. */
const throttled = (seconds: number) => ({
  error: {
    code: 'throttled',
    message: `Request was throttled. Expected available in ${seconds} second${seconds === 1 ? '' : 's'}.`,
    details: { retry_after_seconds: seconds },
  },
});

/** The RateLimit-* headers of a response, as numbers. */
const rateLimit = (response: request.Response) => ({
  limit: Number(response.headers['ratelimit-limit']),
  remaining: Number(response.headers['ratelimit-remaining']),
  reset: Number(response.headers['ratelimit-reset']),
});

describe.each(ADAPTERS)('throttling over %s', (adapter) => {
  describe('with the rates of a small API and a hand-moved clock', () => {
    const clock = new ManualClock();
    const store = new MemoryThrottleStore({ clock: clock.now });
    let app: INestApplication;
    let http: Parameters<typeof request>[0];

    beforeAll(async () => {
      app = await boot(adapter, {
        defaultThrottleClasses: [UserRateThrottle],
        rates: { anon: '3/min', user: '5/hour', uploads: '2/min', custom: '1/min' },
        store,
      });
      http = app.getHttpServer() as Parameters<typeof request>[0];
    });
    afterAll(() => app.close());
    // Every window of the previous test is over.
    beforeEach(() => clock.advance(DAY));

    it('lets exactly `limit` requests through, then answers 429 with the envelope and headers', async () => {
      for (const remaining of [2, 1, 0]) {
        const response = await request(http).get('/throttle/anon').expect(200, { ok: true });
        expect(rateLimit(response)).toEqual({ limit: 3, remaining, reset: 60 });
        expect(response.headers['retry-after']).toBeUndefined();
      }
      const refused = await request(http).get('/throttle/anon').expect(429, throttled(60));
      expect(refused.headers['retry-after']).toBe('60');
      expect(rateLimit(refused)).toEqual({ limit: 3, remaining: 0, reset: 60 });

      clock.advance(15_000);
      const later = await request(http).get('/throttle/anon').expect(429, throttled(45));
      expect(later.headers['retry-after']).toBe('45');
    });

    it('slides the window: a slot frees when the oldest request is a full period old', async () => {
      await request(http).get('/throttle/anon').expect(200);
      clock.advance(20_000);
      await request(http).get('/throttle/anon').expect(200);
      clock.advance(20_000);
      await request(http).get('/throttle/anon').expect(200);
      clock.advance(12_300);
      // DRF's wait: (60 - 52.3) / (3 - 3 + 1) = 7.7 s, rounded up.
      await request(http).get('/throttle/anon').expect(429, throttled(8));
      clock.advance(7_700);
      const response = await request(http).get('/throttle/anon').expect(200);
      // The remaining two hits are 40 s and 20 s old: the next slot frees in 20 s.
      expect(rateLimit(response)).toEqual({ limit: 3, remaining: 0, reset: 20 });
    });

    it('AnonRateThrottle leaves authenticated requests alone', async () => {
      for (let index = 0; index < 6; index++) {
        const response = await request(http)
          .get('/throttle/anon')
          .set('X-Test-User', 'alice')
          .expect(200);
        expect(response.headers['ratelimit-limit']).toBeUndefined();
      }
      await request(http).get('/throttle/anon').expect(200);
    });

    it('UserRateThrottle limits each user by id, and anonymous clients by address', async () => {
      for (const remaining of [4, 3, 2, 1, 0]) {
        const response = await request(http)
          .get('/throttle/user')
          .set('X-Test-User', 'alice')
          .expect(200);
        expect(rateLimit(response)).toEqual({ limit: 5, remaining, reset: 3600 });
      }
      await request(http)
        .get('/throttle/user')
        .set('X-Test-User', 'alice')
        .expect(429, throttled(3600));
      await request(http).get('/throttle/user').set('X-Test-User', 'bob').expect(200);
      for (let index = 0; index < 5; index++) {
        await request(http).get('/throttle/user').expect(200);
      }
      await request(http).get('/throttle/user').expect(429, throttled(3600));
    });

    it('counts a request in every throttle, even one that another throttle refuses', async () => {
      // anon: 3/min and user: 5/hour both apply to an anonymous client.
      for (const remaining of [2, 1, 0]) {
        const response = await request(http).get('/throttle/both').expect(200);
        // The most restrictive throttle's numbers: anon's.
        expect(rateLimit(response)).toEqual({ limit: 3, remaining, reset: 60 });
      }
      await request(http).get('/throttle/both').expect(429, throttled(60));
      await request(http).get('/throttle/both').expect(429, throttled(60));
      clock.advance(MINUTE);
      // anon has room again, but the two refused requests were counted by user: 5 of 5.
      const refused = await request(http).get('/throttle/both').expect(429, throttled(3540));
      expect(refused.headers['retry-after']).toBe('3540');
      expect(rateLimit(refused)).toEqual({ limit: 5, remaining: 0, reset: 3540 });
    });

    it('ScopedRateThrottle throttles only the actions that have a scope', async () => {
      await request(http).get('/throttle/scoped/upload').expect(200, { uploaded: true });
      await request(http).get('/throttle/scoped/upload').expect(200);
      await request(http).get('/throttle/scoped/upload').expect(429, throttled(60));
      for (let index = 0; index < 5; index++) {
        const response = await request(http)
          .get('/throttle/scoped/browse')
          .expect(200, { browsed: true });
        expect(response.headers['ratelimit-limit']).toBeUndefined();
      }
      // The same scope on another view is the same limit (DRF keys by scope and client).
      await request(http).get('/throttle/more-uploads').expect(429, throttled(60));
      // A user has a limit of their own.
      await request(http)
        .get('/throttle/more-uploads')
        .set('X-Test-User', 'carol')
        .expect(200, { uploaded: true });
    });

    it('works on a plain controller with @UseGuards and @ActionConfig', async () => {
      await request(http).get('/throttle/custom').expect(200, { custom: true });
      await request(http).get('/throttle/custom').expect(429, throttled(60));
    });

    it('applies forRoot defaultThrottleClasses to views that set none', async () => {
      for (let index = 0; index < 5; index++) {
        await request(http).get('/throttle/default').set('X-Test-User', 'dave').expect(200);
      }
      await request(http)
        .get('/throttle/default')
        .set('X-Test-User', 'dave')
        .expect(429, throttled(3600));
    });

    it('keeps the RateLimit headers on error responses of allowed requests', async () => {
      const response = await request(http).get('/throttle/anon/missing').expect(404);
      expect(response.body).toEqual({
        error: { code: 'not_found', message: 'Not found.', details: {} },
      });
      expect(rateLimit(response)).toEqual({ limit: 3, remaining: 2, reset: 60 });
    });
  });

  describe('client addresses', () => {
    let app: INestApplication | undefined;
    afterEach(async () => {
      await app?.close();
      app = undefined;
    });

    it('ignore X-Forwarded-For by default (numProxies: null): clients cannot pick a fresh identity', async () => {
      app = await boot(adapter, { rates: { anon: '2/min' } }, [AnonThrottledView]);
      const http = app.getHttpServer() as Parameters<typeof request>[0];
      await request(http).get('/throttle/anon').set('X-Forwarded-For', '203.0.113.1').expect(200);
      await request(http).get('/throttle/anon').set('X-Forwarded-For', '203.0.113.2').expect(200);
      await request(http)
        .get('/throttle/anon')
        .set('X-Forwarded-For', '203.0.113.3')
        .expect(429, throttled(60));
    });

    it('read the numProxies-th address from the end of X-Forwarded-For', async () => {
      app = await boot(adapter, { rates: { anon: '2/min' }, numProxies: 2 }, [AnonThrottledView]);
      const http = app.getHttpServer() as Parameters<typeof request>[0];
      // Two proxies: the client is the entry the outer proxy appended, before the inner one.
      const from = (client: string, spoofed?: string) =>
        request(http)
          .get('/throttle/anon')
          .set('X-Forwarded-For', [spoofed, client, '10.0.0.1'].filter(Boolean).join(', '));
      await from('203.0.113.1').expect(200);
      await from('203.0.113.1').expect(200);
      await from('203.0.113.1').expect(429, throttled(60));
      // What the client itself wrote in front does not change who it is.
      await from('203.0.113.1', '198.51.100.99').expect(429);
      await from('203.0.113.2').expect(200);
    });
  });

  describe('with the default store, on the real clock', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await boot(adapter, {}, [BurstView]);
    });
    afterAll(() => app.close());

    it('opens again once the window has passed (rate set on the class: 2/s)', async () => {
      const http = app.getHttpServer() as Parameters<typeof request>[0];
      await request(http).get('/throttle/burst').expect(200);
      await request(http).get('/throttle/burst').expect(200);
      const bothCounted = Date.now();
      const refused = await request(http).get('/throttle/burst').expect(429);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.body).toEqual(throttled(1));
      // Past the second of both counted requests, however slow this machine is today.
      await new Promise((resolve) => setTimeout(resolve, bothCounted + 1_050 - Date.now()));
      const response = await request(http).get('/throttle/burst').expect(200);
      expect(rateLimit(response)).toEqual({ limit: 2, remaining: 1, reset: 1 });
    });
  });
});

describe('throttling checks at boot', () => {
  const failure = async (
    throttling: ThrottlingOptions,
    controllers: Parameters<typeof boot>[2],
  ) => {
    try {
      const app = await boot('express', throttling, controllers);
      await app.close();
    } catch (error) {
      return error;
    }
    throw new Error('The app booted.');
  };

  it('fails the boot when an action scope has no rate', async () => {
    const error = await failure({ rates: { anon: '10/min' } }, [ScopeCheckView]);
    expect(error).toBeInstanceOf(RestflowConfigError);
    expect((error as RestflowConfigError).option).toBe('throttling.rates.reports');
    expect((error as Error).message).toBe(
      'No throttle rate set for the "reports" scope (used by ScopedRateThrottle on ScopeCheckView.get). ' +
        "Fix: add it to RestflowModule.forRoot({ throttling: { rates: { reports: '100/min' } } }), " +
        'or set a rate on the throttle class.',
    );
  });

  it('fails the boot when a default throttle has no rate', async () => {
    const error = await failure({ defaultThrottleClasses: [UserRateThrottle] }, [
      DefaultThrottledView,
    ]);
    expect(error).toBeInstanceOf(RestflowConfigError);
    expect((error as Error).message).toContain(
      'No throttle rate set for the "user" scope (used by UserRateThrottle on DefaultThrottledView.get).',
    );
  });

  it('fails the boot on a malformed rate, naming the scope', async () => {
    await expect(
      Test.createTestingModule({
        imports: [RestflowModule.forRoot({ throttling: { rates: { anon: '10/x' } } })],
      }).compile(),
    ).rejects.toThrow('Invalid RestflowModule option "throttling.rates.anon"');
  });

  it.each(ADAPTERS)('turns a scope off with a null rate (%s)', async (adapter) => {
    const app = await boot(adapter, { rates: { reports: null } }, [ScopeCheckView]);
    try {
      const http = app.getHttpServer() as Parameters<typeof request>[0];
      for (let index = 0; index < 5; index++) {
        const response = await request(http).get('/throttle/scope-check').expect(200);
        expect(response.headers['ratelimit-limit']).toBeUndefined();
      }
    } finally {
      await app.close();
    }
  });
});
