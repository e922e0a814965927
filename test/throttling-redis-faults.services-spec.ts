import type { INestApplication, LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { createClient, type RedisClientOptions } from 'redis';
import request from 'supertest';
import { RedisThrottleStore, type ThrottleStoreFailure } from '../libs/restflow/src/throttling';
import { AnonThrottledView } from './fixtures/throttling/throttled.views';
import { ThrottlingTestModule } from './fixtures/throttling/throttling-test.module';
import { ADAPTERS, createTestApp } from './utils/adapters';
import { startPrivateRedis, type PrivateRedis } from './utils/private-redis';

// Redis killed under a running app: a private redis-server of this file, killed and restarted
// on the same port. The bound of every request is the store's command timeout.
const COMMAND_TIMEOUT_MS = 300;
/** Scheduling and HTTP slack on a busy two-core machine. */
const MARGIN_MS = 300;

/** The client settings the README recommends, and node-redis's defaults (offline queue on). */
const CLIENTS: Record<'defaults' | 'recommended', RedisClientOptions> = {
  defaults: {},
  recommended: {
    disableOfflineQueue: true,
    socket: { connectTimeout: 1000, reconnectStrategy: (retries) => Math.min(retries * 100, 500) },
  },
};

/** A log sink of the app, to count the outage warnings. */
class LogSink implements LoggerService {
  readonly lines: Array<{ level: string; message: string }> = [];
  log(message: unknown) {
    this.lines.push({ level: 'log', message: String(message) });
  }
  warn(message: unknown) {
    this.lines.push({ level: 'warn', message: String(message) });
  }
  error(message: unknown) {
    this.lines.push({ level: 'error', message: String(message) });
  }
}

let redis: PrivateRedis;

beforeAll(async () => {
  redis = await startPrivateRedis();
});

afterAll(async () => {
  await redis?.destroy();
});

const CASES: Array<[(typeof ADAPTERS)[number], ThrottleStoreFailure, keyof typeof CLIENTS]> =
  ADAPTERS.flatMap((adapter) => [
    [adapter, 'open', 'defaults'] as const,
    [adapter, 'open', 'recommended'] as const,
    [adapter, 'closed', 'defaults'] as const,
    [adapter, 'closed', 'recommended'] as const,
  ]);

describe.each(CASES)(
  'Redis killed mid-run (%s, storeFailure %s, client %s)',
  (adapter, storeFailure, clientKind) => {
    let app: INestApplication;
    let client: ReturnType<typeof createClient>;
    const logs = new LogSink();

    beforeAll(async () => {
      client = createClient({ url: redis.url, ...CLIENTS[clientKind] });
      // node-redis emits an error per failed reconnect; unheard, it would crash the process.
      client.on('error', () => undefined);
      await client.connect();
      const store = new RedisThrottleStore(client, {
        keyPrefix: `restflow:faults:${randomBytes(4).toString('hex')}:`,
        commandTimeoutMs: COMMAND_TIMEOUT_MS,
      });
      const moduleRef = await Test.createTestingModule({
        imports: [
          ThrottlingTestModule.with({ rates: { anon: '3/min' }, store, storeFailure }, [
            AnonThrottledView,
          ]),
        ],
      }).compile();
      app = await createTestApp(moduleRef, adapter);
      app.useLogger(logs);
    });

    afterAll(async () => {
      await app?.close();
      if (client?.isOpen) client.destroy();
    });

    const get = async () => {
      const started = performance.now();
      const response = await request(app.getHttpServer()).get('/throttle/anon');
      return { response, ms: performance.now() - started };
    };

    it('counts, bounds every request while Redis is gone, and counts again once it is back', async () => {
      const before = await get();
      expect(before.response.status).toBe(200);
      expect(before.response.headers['ratelimit-remaining']).toBe('2');

      await redis.kill();
      for (let attempt = 0; attempt < 5; attempt++) {
        const { response, ms } = await get();
        expect(ms).toBeLessThan(COMMAND_TIMEOUT_MS + MARGIN_MS);
        if (storeFailure === 'open') {
          expect(response.status).toBe(200);
          expect(response.headers['ratelimit-limit']).toBeUndefined();
        } else {
          expect(response.status).toBe(503);
          expect(response.body).toEqual({
            error: {
              code: 'service_unavailable',
              message: 'The rate limit store is not available.',
              details: {},
            },
          });
        }
      }
      const warnings = logs.lines.filter((line) => line.level === 'warn');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.message).toMatch(/^RedisThrottleStore failed: .+; /);

      // Back on the same port, empty (no persistence): the client reconnects by itself.
      await redis.start();
      const deadline = Date.now() + 5_000;
      while (!client.isReady && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(client.isReady).toBe(true);
      // A fresh window of 3: nothing queued during the outage was counted afterwards.
      for (const remaining of ['2', '1', '0']) {
        const { response } = await get();
        expect(response.status).toBe(200);
        expect(response.headers['ratelimit-remaining']).toBe(remaining);
      }
      expect((await get()).response.status).toBe(429);
      expect(logs.lines.filter((line) => line.level === 'warn')).toHaveLength(1);
      expect(
        logs.lines.filter((line) => /^RedisThrottleStore answers again/.test(line.message)),
      ).toHaveLength(1);
    }, 30_000);
  },
);
