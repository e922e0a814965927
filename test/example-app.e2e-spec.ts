import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../apps/example/src/app.module';
import { Product } from '../apps/example/src/catalog/product.entity';
import { Review } from '../apps/example/src/catalog/review.entity';
import { configureApp } from '../apps/example/src/configure-app';
import { createHttpAdapter } from '../apps/example/src/create-http-adapter';
import { verifyPassword } from '../apps/example/src/users/password-hasher';
import { User } from '../apps/example/src/users/user.entity';
import { ADAPTERS, initTestApp, type AdapterName } from './utils/adapters';
import { createTestDatabase, testDatabases, type TestDatabase } from './utils/databases';

/** Boots the example app exactly as main.ts wires it, on one adapter and database. */
async function bootExample(
  adapter: AdapterName,
  databaseUrl: string | undefined,
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forDatabase(databaseUrl)],
  }).compile();
  const app = moduleRef.createNestApplication(createHttpAdapter(adapter), { logger: false });
  configureApp(app);
  return initTestApp(app);
}

describe.each(testDatabases())('example app on %s', (databaseName) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(databaseName);
  });
  afterAll(() => database.drop());

  describe.each(ADAPTERS)('over %s', (adapter) => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await bootExample(adapter, database.url);
    });
    afterAll(() => app.close());

    it('answers the health check with the database driver', async () => {
      const expected = { sqljs: 'sqljs', postgres: 'postgres', mariadb: 'mysql' }[databaseName];
      await request(app.getHttpServer())
        .get('/api/health')
        .expect(200, { status: 'ok', database: expected });
    });

    it('seeds 5 categories, 200 products, 1,000 reviews and 3 users, once', async () => {
      const dataSource = app.get(DataSource);
      expect(await dataSource.getRepository(Product).count()).toBe(200);
      expect(await dataSource.getRepository(Review).count()).toBe(1000);
      const users = await dataSource.getRepository(User).find({ order: { username: 'ASC' } });
      expect(users.map((user) => [user.username, user.isStaff, user.isActive])).toEqual([
        ['admin', true, true],
        ['alice', false, true],
        ['bob', false, true],
      ]);
      for (const user of users) {
        expect(await verifyPassword(`${user.username}-password`, user.passwordHash)).toBe(true);
        expect(await verifyPassword('wrong-password', user.passwordHash)).toBe(false);
      }
      const response = await request(app.getHttpServer()).get('/api/categories').expect(200);
      expect((response.body as { name: string }[]).map((category) => category.name)).toEqual([
        'Books',
        'Electronics',
        'Garden',
        'Kitchen',
        'Toys',
      ]);
    });

    it('serves one category and the envelope for a missing or malformed id', async () => {
      const server = app.getHttpServer();
      const response = await request(server).get('/api/categories/1').expect(200);
      expect(response.body).toMatchObject({ id: 1, name: 'Books', slug: 'books' });
      await request(server)
        .get('/api/categories/9999')
        .expect(404)
        .expect(({ body }) => expect(body.error.code).toBe('not_found'));
      await request(server)
        .get('/api/categories/abc')
        .expect(400)
        .expect(({ body }) => expect(body.error.code).toBe('validation_error'));
    });

    it('answers a method the route does not serve with 405 and Allow', async () => {
      const response = await request(app.getHttpServer()).put('/api/categories').expect(405);
      expect(response.headers['allow']).toBe('GET, HEAD, POST');
      expect(response.body.error.code).toBe('method_not_allowed');
    });

    it('publishes the OpenAPI document', async () => {
      const response = await request(app.getHttpServer()).get('/docs-json').expect(200);
      expect(Object.keys(response.body.paths)).toEqual(
        expect.arrayContaining(['/api/health', '/api/categories', '/api/categories/{id}']),
      );
    });
  });
});

describe('example app on the default sql.js file', () => {
  const workdir = mkdtempSync(join(tmpdir(), 'restflow-example-'));
  const cwd = process.cwd();
  beforeAll(() => process.chdir(workdir));
  afterAll(() => {
    process.chdir(cwd);
    rmSync(workdir, { recursive: true, force: true });
  });

  it('persists the seeded data across a restart without seeding again', async () => {
    const first = await bootExample('express', undefined);
    const firstIds = (await first.get(DataSource).getRepository(Review).find()).map((r) => r.id);
    await first.close();
    expect(existsSync(join(workdir, 'data', 'example.sqlite'))).toBe(true);

    const second = await bootExample('fastify', undefined);
    try {
      const reviews = await second.get(DataSource).getRepository(Review).find();
      expect(reviews.map((review) => review.id)).toEqual(firstIds);
      expect(await second.get(DataSource).getRepository(User).count()).toBe(3);
    } finally {
      await second.close();
    }
  });
});
