import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../apps/example/src/app.module';
import { corsOrigins, enableCorsFromEnvironment } from '../apps/example/src/config/cors.config';
import { configureApp } from '../apps/example/src/configure-app';
import { createHttpAdapter } from '../apps/example/src/create-http-adapter';
import { ADAPTERS, initTestApp, type AdapterName } from './utils/adapters';
import { bootExample, EXAMPLE_SIGNING_KEY } from './utils/example-app';

/** helmet 8's headers, which Nest's app.useSecurityHeaders() sets. */
const SECURITY_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

function expectSecurityHeaders(headers: Record<string, string>): void {
  expect(headers).toMatchObject(SECURITY_HEADERS);
  expect(headers['x-powered-by']).toBeUndefined();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('upgrade-insecure-requests');
}

/** The example app as main.ts builds it, with `environment` for CORS_ORIGINS. */
async function bootWithCors(
  adapter: AdapterName,
  environment: NodeJS.ProcessEnv,
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forDatabase('sqljs::memory:', { jwtSigningKey: EXAMPLE_SIGNING_KEY })],
  }).compile();
  const app = moduleRef.createNestApplication(createHttpAdapter(adapter), { logger: false });
  configureApp(app);
  enableCorsFromEnvironment(app, environment);
  return initTestApp(app);
}

describe.each(ADAPTERS)('security headers of the example app over %s', (adapter) => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await bootExample(adapter, 'sqljs::memory:');
  });
  afterAll(() => app.close());

  it('sends them with answers and with error envelopes', async () => {
    const ok = await request(app.getHttpServer()).get('/api/products/1').expect(200);
    expectSecurityHeaders(ok.headers);
    const missing = await request(app.getHttpServer()).get('/api/nowhere').expect(404);
    expectSecurityHeaders(missing.headers);
    const badJson = await request(app.getHttpServer())
      .post('/api/products')
      .set('Content-Type', 'application/json')
      .send('{bad')
      .expect(400);
    expectSecurityHeaders(badJson.headers);
    const badHost = await request(app.getHttpServer())
      .get('/api/products')
      .set('Host', 'evil.example')
      .expect(400);
    expectSecurityHeaders(badHost.headers);
  });

  it('serves Swagger UI under its CSP: same-origin scripts and styles, no inline script', async () => {
    const page = await request(app.getHttpServer()).get('/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expectSecurityHeaders(page.headers);
    const html = page.text;
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes = '', body = ''] of scripts) {
      // An inline script would need 'unsafe-inline' in script-src.
      expect(attributes).toMatch(/src="/);
      expect(body.trim()).toBe('');
    }
    // Inline <style> blocks are allowed by style-src 'unsafe-inline' (helmet's default).
    expect(page.headers['content-security-policy']).toContain(
      "style-src 'self' https: 'unsafe-inline'",
    );
    // Resolved as the browser resolves them against the page's URL.
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map(
      ([, url = '']) => new URL(url, 'http://localhost/docs'),
    );
    expect(assets.map((url) => url.pathname)).toEqual(
      expect.arrayContaining([
        '/docs/swagger-ui.css',
        '/docs/swagger-ui-bundle.js',
        '/docs/swagger-ui-standalone-preset.js',
        '/docs/swagger-ui-init.js',
      ]),
    );
    for (const url of assets) {
      // Same origin: script-src 'self' and style-src 'self' allow them.
      expect(url.origin).toBe('http://localhost');
      const response = await request(app.getHttpServer()).get(url.pathname);
      expect({ asset: url.pathname, status: response.status }).toEqual({
        asset: url.pathname,
        status: 200,
      });
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('answers no CORS preflight by default', async () => {
    const response = await request(app.getHttpServer())
      .options('/api/products')
      .set('Origin', 'https://shop.example.com')
      .set('Access-Control-Request-Method', 'POST');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const get = await request(app.getHttpServer())
      .get('/api/products/1')
      .set('Origin', 'https://shop.example.com')
      .expect(200);
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe.each(ADAPTERS)('CORS_ORIGINS in the example app over %s', (adapter) => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await bootWithCors(adapter, {
      CORS_ORIGINS: 'https://shop.example.com, http://localhost:5173',
    });
  });
  afterAll(() => app.close());

  it('answers the preflight of a listed origin', async () => {
    const response = await request(app.getHttpServer())
      .options('/api/products')
      .set('Origin', 'https://shop.example.com')
      .set('Access-Control-Request-Method', 'POST');
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('https://shop.example.com');
  });

  it('allows a listed origin on a simple request and not another', async () => {
    const listed = await request(app.getHttpServer())
      .get('/api/products/1')
      .set('Origin', 'http://localhost:5173')
      .expect(200);
    expect(listed.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const other = await request(app.getHttpServer())
      .get('/api/products/1')
      .set('Origin', 'https://evil.example')
      .expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('corsOrigins', () => {
  it('is empty without CORS_ORIGINS', () => {
    expect(corsOrigins({})).toEqual([]);
  });

  it.each(['*', 'https://shop.example.com/', 'shop.example.com', 'ftp://x.example'])(
    'refuses %j, naming CORS_ORIGINS',
    (entry) => {
      expect(() => corsOrigins({ CORS_ORIGINS: entry })).toThrow(/CORS_ORIGINS has/);
    },
  );
});
