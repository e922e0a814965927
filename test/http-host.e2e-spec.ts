import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { RestflowModuleOptions } from 'nestjs-restflow';
import request from 'supertest';
import { ADAPTERS, createTestApp, type AdapterName } from './utils/adapters';
import { bootExample } from './utils/example-app';
import { HttpFixtureModule } from './fixtures/http/http.module';

const invalidHost = (host: string) => ({
  error: {
    code: 'parse_error',
    message: `Invalid Host header ${JSON.stringify(host)}.`,
    details: {},
  },
});

async function bootFixture(
  adapter: AdapterName,
  options: RestflowModuleOptions = {},
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [HttpFixtureModule.withOptions(options)],
  }).compile();
  return createTestApp(moduleRef, adapter);
}

describe.each(ADAPTERS)('Host header check over %s', (adapter) => {
  describe('with the default allowed hosts', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await bootFixture(adapter);
    });
    afterAll(() => app.close());

    it('answers a foreign Host with 400 parse_error before the handler runs', async () => {
      const response = await request(app.getHttpServer())
        .get('/api/link')
        .set('Host', 'evil.example')
        .expect(400);
      expect(response.body).toEqual(invalidHost('evil.example'));
    });

    it('refuses a foreign Host on unrouted URLs and on writes too', async () => {
      await request(app.getHttpServer()).get('/nowhere').set('Host', 'evil.example').expect(400);
      const response = await request(app.getHttpServer())
        .post('/api/echo')
        .set('Host', 'evil.example:80')
        .send({ a: 1 })
        .expect(400);
      expect(response.body).toEqual(invalidHost('evil.example:80'));
    });

    it('refuses a malformed Host and a suffix that only looks like an allowed one', async () => {
      for (const host of ['localhost.evil.example', 'evillocalhost', '127.0.0.1.evil', 'a b']) {
        await request(app.getHttpServer()).get('/api/link').set('Host', host).expect(400);
      }
    });

    it.each(['127.0.0.1', 'localhost:3000', 'LOCALHOST', 'api.localhost', '[::1]:8080'])(
      'builds links from the allowed Host %s',
      async (host) => {
        const response = await request(app.getHttpServer())
          .get('/api/link?x=1')
          .set('Host', host)
          .expect(200);
        expect(response.body).toEqual({
          next: `http://${host.toLowerCase()}/api/link?page=2&x=1`,
        });
      },
    );

    it('ignores X-Forwarded-Host and X-Forwarded-Proto without a trusted proxy', async () => {
      const response = await request(app.getHttpServer())
        .get('/api/link')
        .set('Host', 'localhost')
        .set('X-Forwarded-Host', 'evil.example')
        .set('X-Forwarded-Proto', 'https')
        .expect(200);
      expect(response.body).toEqual({ next: 'http://localhost/api/link?page=2' });
    });
  });

  describe('with a leading-dot pattern and a trusted proxy', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await bootFixture(adapter, {
        http: { allowedHosts: ['.example.com', 'app'], trustProxy: true },
      });
    });
    afterAll(() => app.close());

    it('takes the host and scheme the nearest proxy forwarded', async () => {
      const response = await request(app.getHttpServer())
        .get('/api/link')
        .set('Host', 'app:3000')
        .set('X-Forwarded-Host', 'attacker.test, shop.example.com')
        .set('X-Forwarded-Proto', 'http, https')
        .expect(200);
      expect(response.body).toEqual({ next: 'https://shop.example.com/api/link?page=2' });
    });

    it('checks the forwarded host against the allowed hosts', async () => {
      const response = await request(app.getHttpServer())
        .get('/api/link')
        .set('Host', 'app')
        .set('X-Forwarded-Host', 'evil.example')
        .expect(400);
      expect(response.body).toEqual(invalidHost('evil.example'));
    });

    it('matches the bare domain of a leading-dot pattern but not a look-alike', async () => {
      await request(app.getHttpServer()).get('/api/link').set('Host', 'example.com').expect(200);
      await request(app.getHttpServer()).get('/api/link').set('Host', 'badexample.com').expect(400);
      await request(app.getHttpServer()).get('/api/link').set('Host', 'localhost').expect(400);
    });
  });

  describe('with a public base URL', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await bootFixture(adapter, {
        http: { publicBaseUrl: 'https://api.example.com/shop/' },
      });
    });
    afterAll(() => app.close());

    it('starts every link with the public base URL, whatever the allowed Host', async () => {
      const response = await request(app.getHttpServer())
        .get('/api/link')
        .set('Host', '127.0.0.1:8080')
        .expect(200);
      expect(response.body).toEqual({ next: 'https://api.example.com/shop/api/link?page=2' });
    });

    it("allows the base URL's own host and still refuses others", async () => {
      await request(app.getHttpServer())
        .get('/api/link')
        .set('Host', 'api.example.com')
        .expect(200);
      await request(app.getHttpServer()).get('/api/link').set('Host', 'evil.example').expect(400);
    });
  });
});

describe.each(ADAPTERS)('the example app over %s', (adapter) => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await bootExample(adapter, 'sqljs::memory:');
  });
  afterAll(() => app.close());

  it('answers the API root and the product list with links to the allowed Host', async () => {
    const root = await request(app.getHttpServer()).get('/api').set('Host', 'localhost:3000');
    expect(root.status).toBe(200);
    expect((root.body as Record<string, string>).products).toBe(
      'http://localhost:3000/api/products',
    );
    const list = await request(app.getHttpServer())
      .get('/api/products')
      .set('Host', 'localhost:3000')
      .expect(200);
    expect((list.body as { next: string }).next).toBe('http://localhost:3000/api/products?page=2');
  });

  it('refuses Host: evil.example on the API root, the list and Swagger UI', async () => {
    for (const path of ['/api', '/api/products', '/docs', '/docs-json']) {
      const response = await request(app.getHttpServer())
        .get(path)
        .set('Host', 'evil.example')
        .expect(400);
      expect(response.body).toEqual(invalidHost('evil.example'));
    }
  });
});
