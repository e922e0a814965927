import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { HEALTH_BUDGET_MS } from '../apps/example/src/health/health.controller';
import { ADAPTERS } from './utils/adapters';
import { bootExample } from './utils/example-app';
import { startPrivatePostgres, type PrivatePostgres } from './utils/private-postgres';

// The example app on a PostgreSQL server of this file only, which the tests freeze (SIGSTOP),
// resume, kill and restart. Short timeouts keep the suite quick; the bounds are what we assert.
// The query bound is longer than the health check's budget, so that the budget is what ends it.
const QUERY_MS = 2_000;
const CONNECT_MS = 1_000;
/** pg's client-side query_timeout is queryMs + 500 (see withDatabaseTimeouts). */
const QUERY_BOUND_MS = QUERY_MS + 500;
/** Scheduling and HTTP slack on a busy two-core machine. */
const MARGIN_MS = 700;

let server: PrivatePostgres;

beforeAll(async () => {
  server = await startPrivatePostgres();
}, 30_000);

afterAll(async () => {
  await server?.destroy();
});

/** Sends `send()` and returns the response with how long it took. */
async function timed(
  send: () => request.Test,
): Promise<{ response: request.Response; ms: number }> {
  const started = performance.now();
  const response = await send();
  return { response, ms: performance.now() - started };
}

function expectUnavailable(response: request.Response): void {
  expect(response.status).toBe(503);
  expect(response.body).toEqual({
    error: {
      code: 'service_unavailable',
      message: 'The database is not available.',
      details: {},
    },
  });
}

/** Polls `path` until it answers 200, for at most `withinMs`. */
async function eventually200(app: INestApplication, path: string, withinMs: number) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const response = await request(app.getHttpServer()).get(path);
    if (response.status === 200 || Date.now() > deadline) return response;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(ADAPTERS)('a database that stops answering (%s)', (adapter) => {
  let app: INestApplication;
  let access: string;
  let productCount = 0;

  beforeAll(async () => {
    app = await bootExample(adapter, server.url, {
      databaseTimeouts: { queryMs: QUERY_MS, connectMs: CONNECT_MS },
      throttleRates: { anon: '100000/min', user: '100000/min' },
    });
    const token = await request(app.getHttpServer())
      .post('/api/auth/token')
      .send({ username: 'admin', password: 'admin-password' })
      .expect(200);
    access = (token.body as { access: string }).access;
  }, 60_000);

  afterAll(async () => {
    server.resume();
    await app?.close();
  });

  const http = () => request(app.getHttpServer());
  const newProduct = () =>
    http()
      .post('/api/products')
      .set('Authorization', `Bearer ${access}`)
      .send({
        name: `Frozen ${adapter} ${++productCount}`,
        price: '1.50',
        tags: [],
        categoryId: 1,
      });

  it('answers normally while the server runs', async () => {
    await http().get('/api/health').expect(200, { status: 'ok', database: 'postgres' });
    await http().get('/api/products').expect(200);
  });

  it('answers 503 within the budgets while the server is frozen, and recovers without restart', async () => {
    server.freeze();
    try {
      const health = await timed(() => http().get('/api/health'));
      expectUnavailable(health.response);
      expect(health.ms).toBeLessThan(HEALTH_BUDGET_MS + MARGIN_MS);

      const list = await timed(() => http().get('/api/products'));
      expectUnavailable(list.response);
      expect(list.ms).toBeLessThan(QUERY_BOUND_MS + MARGIN_MS);

      const one = await timed(() => http().get('/api/products/1'));
      expectUnavailable(one.response);
      expect(one.ms).toBeLessThan(QUERY_BOUND_MS + MARGIN_MS);

      const created = await timed(newProduct);
      expectUnavailable(created.response);
      expect(created.ms).toBeLessThan(QUERY_BOUND_MS + MARGIN_MS);

      // More requests at once than the pool has connections (pg's default 10): the ones that
      // wait for a connection give up after connectMs, the others after the query bound.
      const burst = await Promise.all(
        Array.from({ length: 25 }, () => timed(() => http().get('/api/products?page=2'))),
      );
      for (const { response, ms } of burst) {
        expectUnavailable(response);
        expect(ms).toBeLessThan(CONNECT_MS + QUERY_BOUND_MS + MARGIN_MS);
      }
    } finally {
      server.resume();
    }
    const health = await eventually200(app, '/api/health', 5_000);
    expect(health.body).toEqual({ status: 'ok', database: 'postgres' });
    await http().get('/api/products').expect(200);
    const created = await newProduct();
    expect(created.status).toBe(201);
  }, 30_000);

  it('answers 503, not 500, while the server is down, and recovers once it is back', async () => {
    await server.kill();
    try {
      for (const send of [
        () => http().get('/api/health'),
        () => http().get('/api/products'),
        () => http().get('/api/categories/1'),
        newProduct,
      ]) {
        const { response, ms } = await timed(send);
        expectUnavailable(response);
        expect(ms).toBeLessThan(CONNECT_MS + MARGIN_MS);
      }
    } finally {
      await server.start();
    }
    const health = await eventually200(app, '/api/health', 5_000);
    expect(health.status).toBe(200);
    await http().get('/api/products').expect(200);
  }, 30_000);
});
