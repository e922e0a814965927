import { HttpStatus, Logger, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Server } from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { ADAPTERS, createTestApp, TEST_BODY_LIMIT } from './utils/adapters';
import { HttpFixtureModule } from './fixtures/http/http.module';
import { testDatabases } from './utils/databases';
import { useTestDatabase } from './utils/e2e-hooks';
import { bootExample } from './utils/example-app';

/** One raw HTTP exchange: what the client sent and the parsed answer. */
interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function exchange(port: number, data: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(data));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
  });
}

function httpRequest(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body: string | Buffer = '',
): Buffer {
  const head =
    `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n` +
    Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('') +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(body)]);
}

const json = (body: string | Buffer, contentType = 'application/json') =>
  httpRequest('POST', '/api/echo', { 'Content-Type': contentType }, body);
const form = (body: string) =>
  httpRequest('POST', '/api/echo', { 'Content-Type': 'application/x-www-form-urlencoded' }, body);
const fields = (count: number) => Array.from({ length: count }, (_, i) => `f${i}=1`).join('&');
const error = (code: string, message: string) => ({ error: { code, message, details: {} } });
const JSON_PARSE_MESSAGE = (() => {
  try {
    JSON.parse('{bad');
  } catch (caught) {
    return (caught as Error).message;
  }
  return '';
})();

/**
 * Each row: a request that the adapters used to answer differently (or without the envelope),
 * and the one answer both give now. README "Decisions" lists the reasons.
 */
const CASES: [name: string, request: Buffer | string, status: number, body: unknown][] = [
  [
    'a form with more than 1000 fields',
    form(fields(1001)),
    400,
    error('parse_error', 'Form parse error - too many fields: the limit is 1000.'),
  ],
  [
    'a malformed request line',
    'GARBAGE\r\n\r\n',
    400,
    error('parse_error', 'Malformed HTTP request.'),
  ],
  [
    'headers over the size limit',
    `GET /api/products/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    431,
    error('parse_error', 'Request header fields are too large.'),
  ],
  [
    'a latin1 JSON charset',
    json('{"a":"b"}', 'application/json; charset=latin1'),
    415,
    error(
      'unsupported_media_type',
      'Unsupported media type "application/json; charset=latin1" in request.',
    ),
  ],
  [
    'an unknown JSON charset',
    json('{"a":"b"}', 'application/json; charset=foo'),
    415,
    error(
      'unsupported_media_type',
      'Unsupported media type "application/json; charset=foo" in request.',
    ),
  ],
  [
    'a UTF-16 JSON charset',
    json('{"a":"b"}', 'application/json; charset=utf-16'),
    415,
    error(
      'unsupported_media_type',
      'Unsupported media type "application/json; charset=utf-16" in request.',
    ),
  ],
  [
    'a gzip-encoded body',
    httpRequest(
      'POST',
      '/api/echo',
      { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      '{}',
    ),
    415,
    error('unsupported_media_type', 'Unsupported content encoding "gzip" in request.'),
  ],
  [
    'a JSON null body',
    json('null'),
    400,
    error('parse_error', 'JSON parse error - the body must be an object or an array, got null.'),
  ],
  [
    'a JSON number body',
    json('42'),
    400,
    error(
      'parse_error',
      'JSON parse error - the body must be an object or an array, got a number.',
    ),
  ],
  ['an empty JSON body', json(''), 201, { body: {}, type: 'object' }],
  ['an empty form body', form(''), 201, { body: {}, type: 'object' }],
  [
    'malformed JSON',
    json('{bad'),
    400,
    error('parse_error', `JSON parse error - ${JSON_PARSE_MESSAGE}`),
  ],
  [
    'JSON that is not UTF-8',
    json(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])),
    400,
    error('parse_error', 'JSON parse error - the body is not valid UTF-8.'),
  ],
  [
    'a JSON __proto__ key',
    json('{"__proto__":{"admin":true},"a":1}'),
    400,
    error('parse_error', 'JSON parse error - the key "__proto__" is not allowed.'),
  ],
  [
    'an escaped JSON __proto__ key',
    json('{"a":{"\\u005f_proto__":{"admin":true}}}'),
    400,
    error('parse_error', 'JSON parse error - the key "__proto__" is not allowed.'),
  ],
  [
    'a JSON constructor.prototype key',
    json('{"constructor":{"prototype":{"admin":true}}}'),
    400,
    error('parse_error', 'JSON parse error - the key "constructor.prototype" is not allowed.'),
  ],
  [
    'a form __proto__ field',
    form('__proto__=1&a=1'),
    400,
    error('parse_error', 'Form parse error - the field "__proto__" is not allowed.'),
  ],
  [
    'bracketed form names',
    form('a[]=1&a[]=2&b[c]=3'),
    201,
    { body: { 'a[]': ['1', '2'], 'b[c]': '3' }, type: 'object' },
  ],
  [
    'an Expect header other than 100-continue',
    httpRequest('GET', '/api/products/1', { Expect: 'teapot' }),
    417,
    error('parse_error', 'Unsupported Expect header "teapot".'),
  ],
  [
    'a route in another case',
    httpRequest('GET', '/API/PRODUCTS/1'),
    404,
    error('not_found', 'Not found.'),
  ],
  ['the route in its own case', httpRequest('GET', '/api/products/1'), 200, { id: '1' }],
  [
    'a body over the limit',
    json(`{"a":"${'x'.repeat(TEST_BODY_LIMIT)}"}`),
    413,
    error('parse_error', `Request body is too large: the limit is ${TEST_BODY_LIMIT} bytes.`),
  ],
];

describe.each(ADAPTERS)('HTTP parity over %s', (adapter) => {
  let app: INestApplication;
  let port: number;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [HttpFixtureModule.withOptions()],
    }).compile();
    app = await createTestApp(moduleRef, adapter);
    await app.listen(0, '127.0.0.1');
    port = ((app.getHttpServer() as Server).address() as AddressInfo).port;
  });
  afterAll(() => app.close());
  afterEach(() => jest.restoreAllMocks());

  it.each(CASES)('answers %s the same way', async (_name, request, status, body) => {
    const answer = await exchange(port, request);
    expect({ status: answer.status, body: JSON.parse(answer.body) as unknown }).toEqual({
      status,
      body,
    });
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['x-powered-by']).toBeUndefined();
  });

  it('accepts a form with exactly 1000 fields', async () => {
    const answer = await exchange(port, form(fields(1000)));
    expect(answer.status).toBe(201);
    expect(Object.keys((JSON.parse(answer.body) as { body: object }).body)).toHaveLength(1000);
  });

  it('logs nothing when a client drops the connection mid-body, and keeps serving', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error');
    await new Promise<void>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(
          'POST /api/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
            'Content-Length: 100\r\n\r\n{"a":',
        );
        setTimeout(() => socket.destroy(), 100);
      });
      socket.on('close', () => resolve());
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(logged).not.toHaveBeenCalled();
    const answer = await exchange(port, httpRequest('GET', '/api/products/2'));
    expect(answer.status).toBe(200);
  });
});

/**
 * The same refused inputs against the example app on each database of the run (sql.js in
 * `npm test`, PostgreSQL and MariaDB in the services run), posted to a real write route: every
 * one is answered before any query, identically.
 */
const REFUSED_ON_THE_EXAMPLE = CASES.filter(
  ([, , status]) => status >= 400 && status !== HttpStatus.PAYLOAD_TOO_LARGE,
).map(([name, raw, status, body]): [string, Buffer, number, unknown] => [
  name,
  Buffer.from(
    Buffer.from(raw).toString('latin1').replace('POST /api/echo ', 'POST /api/categories '),
    'latin1',
  ),
  status,
  body,
]);

describe.each(testDatabases())('HTTP parity of the example app on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  describe.each(ADAPTERS)('over %s', (adapter) => {
    let app: INestApplication;
    let port: number;

    beforeAll(async () => {
      app = await bootExample(adapter, database().url, { seed: false });
      await app.listen(0, '127.0.0.1');
      port = ((app.getHttpServer() as Server).address() as AddressInfo).port;
    });
    afterAll(() => app.close());

    it.each(REFUSED_ON_THE_EXAMPLE)('answers %s', async (_name, raw, status, body) => {
      const answer = await exchange(port, raw);
      expect({ status: answer.status, body: JSON.parse(answer.body) as unknown }).toEqual({
        status,
        body,
      });
    });
  });
});
