import { Logger, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { connect } from 'node:net';
import { request as httpRequest } from 'node:http';
import { DataSource } from 'typeorm';
import { ADAPTERS, createTestApp, type AdapterName } from './utils/adapters';
import { createTestDatabase, testDatabases, type TestDatabase } from './utils/databases';
import {
  createPostgresTestDatabase,
  postgresTestDatabases,
  type PostgresTestDatabase,
} from './utils/pglite';
import { portOf, rawGet } from './utils/raw-http';
import { StreamRecord } from './fixtures/streaming/record.entity';
import { probe } from './fixtures/streaming/stream-probe';
import { STREAMING_ENTITIES, StreamingModule } from './fixtures/streaming/streaming.module';

const INTERNAL =
  '{"error": {"code": "internal_error", "message": "A server error occurred.", "details": {}}}';

async function boot(
  adapter: AdapterName,
  database: Pick<TestDatabase, 'options'>,
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [StreamingModule.forDatabase(database.options(STREAMING_ENTITIES))],
  }).compile();
  const app = await createTestApp(moduleRef, adapter);
  await app.listen(0, '127.0.0.1');
  return app;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await sleep(10);
  }
  return check();
}

/**
 * Opens `path`, reads until `lines` lines (or SSE frames) arrived, then destroys the socket.
 * Resolves the moment of the disconnect.
 */
function readThenDisconnect(
  port: number,
  path: string,
  lines: number,
  separator = '\n',
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (text.split(separator).length - 1 >= lines) {
          req.destroy();
          resolve(Date.now());
        }
      });
    });
    req.on('error', () => undefined);
    req.on('close', () => resolve(Date.now()));
    req.setTimeout(5000, () => reject(new Error('no data')));
    req.end();
  });
}

describe.each(ADAPTERS)('streaming responses (%s)', (adapter) => {
  let database: TestDatabase;
  let app: INestApplication;
  let port: number;

  beforeAll(async () => {
    database = await createTestDatabase('sqljs');
    app = await boot(adapter, database);
    port = portOf(app);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  describe('bytes', () => {
    it('writes the reference SSE stream with its headers', async () => {
      const response = await rawGet(port, '/stream/sse-reference');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/event-stream');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['x-accel-buffering']).toBe('no');
      expect(response.body).toBe(
        'data: hello\n\n' +
          'id: 7\nevent: update\nretry: 3000\ndata: {"x": 1}\n\n' +
          'data: line1\ndata: line2\n\n' +
          'event: ping\n\n',
      );
    });

    it('writes empty events, empty and null data, CR/CRLF line breaks and JSON data', async () => {
      const response = await rawGet(port, '/stream/sse-edge');
      expect(response.body).toBe(
        '\n\n' +
          'data: \n\n' +
          'data: null\n\n' +
          'data: a\ndata: b\ndata: c\ndata: \n\n' +
          'id: x\ndata: [1, "\\u00e9"]\n\n',
      );
    });

    it('sends heartbeat comments while no event comes, and starts with one', async () => {
      const response = await rawGet(port, '/stream/sse-heartbeat');
      expect(response.status).toBe(200);
      expect(response.body).toMatch(
        /^(: keep-alive\n\n)+event: late\ndata: one\n\n(: keep-alive\n\n)+data: two\n\n$/,
      );
    });

    it('writes one JSON array element by element, with the reference spacing', async () => {
      const response = await rawGet(port, '/stream/items/json');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/json');
      expect(response.body).toBe(
        '[{"a": 1, "d": "2024-01-02", "dec": "1.50"},' +
          '{"text": "caf\\u00e9 \\"quoted\\" \\\\ tab\\t", "nested": [1, 2.5, null, true], ' +
          '"at": "2024-01-02T03:04:05.678Z"}]',
      );
      expect(JSON.parse(response.body)).toHaveLength(2);
    });

    it('writes NDJSON, one line per item', async () => {
      const response = await rawGet(port, '/stream/items/ndjson');
      expect(response.headers['content-type']).toBe('application/x-ndjson');
      expect(response.body).toBe(
        '{"a": 1, "d": "2024-01-02", "dec": "1.50"}\n' +
          '{"text": "caf\\u00e9 \\"quoted\\" \\\\ tab\\t", "nested": [1, 2.5, null, true], ' +
          '"at": "2024-01-02T03:04:05.678Z"}\n',
      );
    });

    it.each([
      ['json', '[]'],
      ['ndjson', ''],
      ['sse', ''],
    ])('writes an empty %s iterable as %j', async (format, body) => {
      const response = await rawGet(port, `/stream/empty/${format}`);
      expect(response.status).toBe(200);
      expect(response.body).toBe(body);
      expect(response.aborted).toBe(false);
    });

    it('streams sync iterables too', async () => {
      expect((await rawGet(port, '/stream/sync/json')).body).toBe('[{"n": 1},{"n": 2}]');
      expect((await rawGet(port, '/stream/sync/ndjson')).body).toBe('{"n": 1}\n{"n": 2}\n');
    });

    it('takes a content type, headers and an encoder', async () => {
      const response = await rawGet(port, '/stream/options');
      expect(response.headers['content-type']).toBe('application/jsonl');
      expect(response.headers['content-disposition']).toBe('attachment; filename="a.jsonl"');
      expect(response.body).toBe('{"a":1}\n');
    });

    it('streams with StreamingResponseInterceptor on the route too (one start)', async () => {
      const response = await rawGet(port, '/stream/with-interceptor');
      expect(response.status).toBe(200);
      expect(response.headers['x-started']).toBe('once');
      expect(response.body).toBe('{"pulls": 1}\n{"pulls": 1}\n');
    });

    it('passes through ClassSerializerInterceptor untouched', async () => {
      const plain = await rawGet(port, '/stream/items/ndjson');
      const wrapped = await rawGet(port, '/stream/class-serializer');
      expect(wrapped.body).toBe(plain.body);
    });
  });

  describe('errors', () => {
    let errors: jest.SpyInstance;
    beforeEach(() => {
      errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    });
    afterEach(() => errors.mockRestore());

    const streamFailures = () =>
      errors.mock.calls.filter((call) => String(call[0]).includes('the stream failed')).length;

    it.each(['json', 'ndjson', 'sse'])(
      'answers an error before the first byte (%s) with the envelope, no stack',
      async (format) => {
        const response = await rawGet(port, `/stream/fail-first/${format}`);
        expect(response.status).toBe(500);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(JSON.parse(response.body)).toEqual({
          error: { code: 'internal_error', message: 'A server error occurred.', details: {} },
        });
        expect(response.body).not.toMatch(/secret|\/srv|at /);
        const notFound = await rawGet(port, `/stream/fail-first/${format}?kind=not-found`);
        expect(notFound.status).toBe(404);
        expect(JSON.parse(notFound.body)).toEqual({
          error: { code: 'not_found', message: 'No such export.', details: {} },
        });
      },
    );

    it('ends NDJSON with an error line after the first byte, logged once', async () => {
      const response = await rawGet(port, '/stream/fail-mid/ndjson');
      expect(response.status).toBe(200);
      expect(response.body).toBe(`{"n": 1}\n{"n": 2}\n${INTERNAL}\n`);
      expect(response.aborted).toBe(false);
      expect(streamFailures()).toBe(1);
    });

    it('ends SSE with an error event after the first byte, logged once', async () => {
      const response = await rawGet(port, '/stream/fail-mid/sse');
      expect(response.body).toBe(
        `data: {"n": 1}\n\ndata: {"n": 2}\n\nevent: error\ndata: ${INTERNAL}\n\n`,
      );
      expect(response.aborted).toBe(false);
      expect(streamFailures()).toBe(1);
    });

    it('leaves a JSON array open and aborts the connection after the first byte', async () => {
      const response = await rawGet(port, '/stream/fail-mid/json');
      expect(response.status).toBe(200);
      expect(response.body).toBe('[{"n": 1},{"n": 2}');
      expect(response.aborted).toBe(true);
      expect(streamFailures()).toBe(1);
    });

    it('refuses an SSE id with a line break as a mid-stream error', async () => {
      const response = await rawGet(port, '/stream/sse-bad-id');
      expect(response.body).toBe(`data: ok\n\nevent: error\ndata: ${INTERNAL}\n\n`);
      const logged = errors.mock.calls.map((call) => String(call[0])).join('\n');
      expect(logged).toContain("SSE event field 'id' must not contain CR or LF characters.");
    });
  });

  describe('backpressure and disconnects', () => {
    it('pulls only what a client reading 1 KB/s takes (bounded server buffer)', async () => {
      const socket = connect(port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write('GET /stream/endless/ndjson HTTP/1.1\r\nHost: localhost\r\n\r\n');
      socket.pause();
      let received = 0;
      const reader = setInterval(() => {
        const chunk = socket.read(100) as Buffer | null;
        received += chunk?.length ?? 0;
      }, 100);
      // Until the socket buffers are full: production stalls (bounded: the test's own timeout).
      let seen = -1;
      while (probe.producedBytes !== seen) {
        seen = probe.producedBytes;
        await sleep(500);
      }
      const producedEarly = probe.producedBytes;
      const receivedEarly = received;
      await sleep(3000);
      const producedLate = probe.producedBytes;
      clearInterval(reader);
      socket.destroy();
      const grown = producedLate - producedEarly;
      const read = received - receivedEarly;
      // Once the socket buffers are full, production follows the client's reading.
      expect(read).toBeGreaterThan(2000);
      expect(read).toBeLessThan(4500);
      expect(grown).toBeLessThan(read + 64 * 1024);
      // What waits in the process: the response's buffer, never the whole stream.
      expect(probe.maxServerBuffer).toBeLessThan(64 * 1024);
      process.stdout.write(
        `[${adapter}] backpressure: produced ${producedLate} B until 3 s after the buffers filled, ` +
          `+${grown} B while the client read ${read} B; max server buffer ${probe.maxServerBuffer} B\n`,
      );
    });

    it.each(['ndjson', 'json', 'sse'])(
      'closes the iterator of an endless %s stream within 1 s of a disconnect after 10 items',
      async (format) => {
        const separator = { ndjson: '\n', json: ',', sse: '\n\n' }[format];
        const disconnectedAt = await readThenDisconnect(
          port,
          `/stream/endless/${format}`,
          10,
          separator,
        );
        expect(await waitFor(() => probe.closedAt !== undefined, 1000)).toBe(true);
        expect((probe.closedAt ?? Infinity) - disconnectedAt).toBeLessThan(1000);
      },
    );

    it('lets other requests run while it streams an iterator that never waits for I/O', async () => {
      // The client reads in this process: if the stream never let the event loop turn, neither
      // it nor a second request would be served until the kernel's socket buffers were full.
      const started = Date.now();
      const streaming = readThenDisconnect(port, '/stream/busy', 10);
      await sleep(50);
      const other = await rawGet(port, '/stream/items/ndjson');
      const otherDoneIn = Date.now() - started;
      const disconnectedAt = await streaming;
      expect(other.status).toBe(200);
      expect(otherDoneIn).toBeLessThan(3000);
      expect(disconnectedAt - started).toBeLessThan(3000);
      expect(await waitFor(() => probe.closedAt !== undefined, 1000)).toBe(true);
      expect((probe.closedAt ?? Infinity) - disconnectedAt).toBeLessThan(1000);
    });

    it('closes an iterator that waits on its signal', async () => {
      const disconnectedAt = await readThenDisconnect(port, '/stream/waiting', 1, '\n\n');
      expect(await waitFor(() => probe.closedAt !== undefined, 1000)).toBe(true);
      expect((probe.closedAt ?? Infinity) - disconnectedAt).toBeLessThan(1000);
    });
  });
});

describe.each(ADAPTERS)('streaming responses at shutdown (%s)', (adapter) => {
  it('ends an open SSE stream cleanly and lets app.close() finish at once', async () => {
    const database = await createTestDatabase('sqljs');
    const app = await boot(adapter, database);
    const response = rawGet(portOf(app), '/stream/waiting');
    expect(
      await waitFor(() => probe.producedItems === 0 && probe.closedAt === undefined, 1000),
    ).toBe(true);
    await sleep(200);
    const started = Date.now();
    await app.close();
    const closedIn = Date.now() - started;
    const { body, aborted } = await response;
    expect(body).toBe('event: open\n\n');
    expect(aborted).toBe(false);
    expect(probe.closedAt).toBeDefined();
    expect(closedIn).toBeLessThan(1500);
    await database.drop();
  });
});

describe.each(testDatabases())('database iteration (%s)', (databaseName) => {
  describe.each(ADAPTERS)('on %s', (adapter) => {
    let database: TestDatabase;
    let app: INestApplication;
    let port: number;

    beforeAll(async () => {
      database = await createTestDatabase(databaseName);
      app = await boot(adapter, database);
      port = portOf(app);
      const records = app.get(DataSource).getRepository(StreamRecord);
      await records.save(
        Array.from({ length: 25 }, (_, index) => ({
          name: `r${index + 1}`,
          score: (index * 7) % 10,
        })),
      );
    });
    afterAll(async () => {
      await app?.close();
      await database?.drop();
    });

    const lines = (body: string) =>
      body
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { id: number; score: number; name: string });

    it('exports every row in batches, by the primary key', async () => {
      for (const batch of ['1', '4', '25', '500']) {
        const response = await rawGet(port, `/stream/records?batch=${batch}`);
        expect(response.status).toBe(200);
        expect(lines(response.body).map((row) => row.id)).toEqual(
          Array.from({ length: 25 }, (_, index) => index + 1),
        );
      }
    });

    it('keeps the query conditions and takes any cursor ordering', async () => {
      const response = await rawGet(port, '/stream/records?batch=3&ordering=-score&min=5');
      const rows = lines(response.body);
      const expected = Array.from({ length: 25 }, (_, index) => ({
        id: index + 1,
        score: (index * 7) % 10,
      }))
        .filter((row) => row.score >= 5)
        .sort((a, b) => b.score - a.score || b.id - a.id)
        .map((row) => row.id);
      expect(rows.map((row) => row.id)).toEqual(expected);
    });

    it('refuses an unusable ordering before the first byte', async () => {
      const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const response = await rawGet(port, '/stream/records?ordering=nope');
      errors.mockRestore();
      expect(response.status).toBe(500);
      expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'internal_error' } });
    });

    it('serializes each row by the view response serializer (view helper)', async () => {
      const response = await rawGet(port, '/stream-view/rows');
      const rows = lines(response.body) as unknown as {
        id: number;
        name: string;
        double: number;
      }[];
      expect(rows).toHaveLength(25);
      expect(Object.keys(rows[0] ?? {})).toEqual(['id', 'name', 'double']);
      // Highest score 9 (ids 8 and 18), the key descending breaks the tie.
      expect(rows[0]).toEqual({ id: 18, name: 'r18', double: 18 });
    });

    it('runs permissions before the first byte', async () => {
      const response = await rawGet(port, '/stream-private');
      // The permission guard's refusal, not a 200 stream: no authenticator, so 403
      // `permission_denied` with the permission's message, as in DRF.
      expect(response.status).toBe(403);
      expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'permission_denied' } });
    });

    it('closes an endless database stream within 1 s and gives its connection back', async () => {
      const dataSource = app.get(DataSource);
      const pool = (
        dataSource.driver as unknown as { master?: { idleCount?: number; totalCount?: number } }
      ).master;
      const idleBefore = pool?.idleCount;
      const started = Date.now();
      const disconnectedAt = await readThenDisconnect(port, '/stream/records-endless', 10);
      // The rows never wait for I/O on sql.js: the stream still lets the client be served.
      expect(disconnectedAt - started).toBeLessThan(3000);
      expect(await waitFor(() => probe.closedAt !== undefined, 1000)).toBe(true);
      expect((probe.closedAt ?? Infinity) - disconnectedAt).toBeLessThan(1000);
      if (databaseName === 'postgres') {
        expect(typeof idleBefore).toBe('number');
        expect(await waitFor(() => pool?.idleCount === idleBefore, 1000)).toBe(true);
        expect(pool?.idleCount).toBe(idleBefore);
      }
    });
  });
});

// PGlite (in npm test) is single-session like sql.js, its queries serialized, and answers
// without I/O; the services run checks the PostgreSQL server the same way.
describe.each(postgresTestDatabases())('endless database stream on %s', (databaseName) => {
  let database: PostgresTestDatabase;
  beforeAll(async () => {
    database = await createPostgresTestDatabase(databaseName);
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  });

  it.each(ADAPTERS)(
    'closes an endless database stream within 1 s on %s, serving the client meanwhile',
    async (adapter) => {
      const app = await boot(adapter, database);
      try {
        await app
          .get(DataSource)
          .getRepository(StreamRecord)
          .save(Array.from({ length: 5 }, (_, index) => ({ name: `r${index}`, score: index })));
        const started = Date.now();
        const disconnectedAt = await readThenDisconnect(portOf(app), '/stream/records-endless', 10);
        expect(disconnectedAt - started).toBeLessThan(3000);
        expect(await waitFor(() => probe.closedAt !== undefined, 1000)).toBe(true);
        expect((probe.closedAt ?? Infinity) - disconnectedAt).toBeLessThan(1000);
        expect(probe.producedItems).toBeGreaterThanOrEqual(10);
      } finally {
        await app.close();
      }
    },
    // The first app starts PGlite (initdb in WASM): tens of seconds on a loaded machine.
    120_000,
  );
});
