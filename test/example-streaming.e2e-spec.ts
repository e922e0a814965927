import type { INestApplication } from '@nestjs/common';
import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Product } from '../apps/example/src/catalog/product.entity';
import { ADAPTERS } from './utils/adapters';
import { testDatabases } from './utils/databases';
import { useTestDatabase } from './utils/e2e-hooks';
import { bootExample } from './utils/example-app';
import { portOf, rawGet } from './utils/raw-http';

const HIGH_RATES = { throttleRates: { anon: '100000/min', user: '100000/min' } };

interface ExportedProduct {
  id: number;
  name: string;
  price: string;
  inStock: boolean;
}

const lines = (body: string) =>
  body
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ExportedProduct);

/** Opens an SSE stream and collects its text; `text()` reads what arrived so far. */
function openEvents(port: number) {
  let text = '';
  let ended = false;
  let aborted = false;
  const req = httpRequest({ host: '127.0.0.1', port, path: '/api/events', agent: false }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      text += chunk;
    });
    res.on('aborted', () => {
      aborted = true;
    });
    res.on('end', () => {
      ended = true;
    });
  });
  req.on('error', () => {
    aborted = true;
  });
  req.end();
  return {
    text: () => text,
    ended: () => ended,
    aborted: () => aborted,
    close: () => req.destroy(),
  };
}

async function waitFor(check: () => boolean, timeoutMs = 3000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end && !check()) await new Promise((resolve) => setTimeout(resolve, 10));
  return check();
}

describe.each(testDatabases())('example app streaming on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  describe.each(ADAPTERS)('over %s', (adapter) => {
    let app: INestApplication;
    let port: number;
    let token: string;
    beforeAll(async () => {
      app = await bootExample(adapter, database().url, HIGH_RATES);
      await app.listen(0, '127.0.0.1');
      port = portOf(app);
      const response = await request(app.getHttpServer())
        .post('/api/auth/token')
        .send({ username: 'admin', password: 'admin-password' })
        .expect(200);
      token = (response.body as { access: string }).access;
    });
    afterAll(() => app?.close());

    /** Every product in the database, by id. */
    const allProducts = async () =>
      (
        await app
          .get(DataSource)
          .getRepository(Product)
          .find({ order: { id: 'ASC' } })
      ).map((product) => ({
        id: product.id,
        price: Number(product.price),
        inStock: product.inStock,
      }));

    it('exports every product as NDJSON in the list shape', async () => {
      const response = await rawGet(port, '/api/products/export');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/x-ndjson');
      expect(response.headers['content-disposition']).toBe(
        'attachment; filename="products.ndjson"',
      );
      const rows = lines(response.body);
      expect(rows.length).toBeGreaterThan(0);
      expect(Object.keys(rows[0] ?? {})).toEqual(['id', 'name', 'price', 'inStock']);
      expect(response.body.split('\n')[0]).toMatch(/^\{"id": \d+, "name": /);
      expect(rows.map((row) => row.id)).toEqual((await allProducts()).map((row) => row.id));
    });

    it('applies the filters of the product filter set', async () => {
      const filtered = await rawGet(port, '/api/products/export?inStock=true&price__lt=100');
      const rows = lines(filtered.body);
      expect(rows.every((row) => row.inStock && Number(row.price) < 100)).toBe(true);
      expect(rows.map((row) => row.id)).toEqual(
        (await allProducts()).filter((row) => row.inStock && row.price < 100).map((row) => row.id),
      );
      const ordered = lines((await rawGet(port, '/api/products/export?order_by=-price')).body);
      const prices = ordered.map((row) => Number(row.price));
      expect(prices).toEqual([...prices].sort((a, b) => b - a));
      expect(ordered.map((row) => row.id).sort((a, b) => a - b)).toEqual(
        (await allProducts()).map((row) => row.id),
      );
    });

    it('answers a bad filter or two orderings with the 400 envelope, before any byte', async () => {
      const twoOrderings = await rawGet(port, '/api/products/export?order_by=-price,name');
      expect(twoOrderings.status).toBe(400);
      expect(JSON.parse(twoOrderings.body)).toMatchObject({
        error: { code: 'validation_error', details: { order_by: expect.any(Array) } },
      });
      const badFilter = await rawGet(port, '/api/products/export?price__lt=cheap');
      expect(badFilter.status).toBe(400);
      expect(JSON.parse(badFilter.body)).toMatchObject({ error: { code: 'validation_error' } });
    });

    it('announces product changes on /api/events and ends the stream at shutdown', async () => {
      const events = openEvents(port);
      expect(await waitFor(() => events.text().startsWith('retry: 3000\n\n'))).toBe(true);
      const [first] = await allProducts();
      const id = first?.id ?? 0;
      const name = `Streamed ${adapter}`;
      await request(app.getHttpServer())
        .patch(`/api/products/${id}`)
        .set('Authorization', `Bearer ${token}`)
        .send({ name })
        .expect(200);
      const frame = new RegExp(
        `id: \\d+\\nevent: product.updated\\ndata: \\{"id": ${id}, "name": "${name}"\\}\\n\\n`,
      );
      expect(await waitFor(() => frame.test(events.text()))).toBe(true);
      const started = Date.now();
      await app.close();
      expect(Date.now() - started).toBeLessThan(2000);
      expect(await waitFor(() => events.ended())).toBe(true);
      expect(events.aborted()).toBe(false);
    });
  });
});
