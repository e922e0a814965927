import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PostFetch, RestflowModule } from 'nestjs-restflow';
import request from 'supertest';
import { DataSource, type Logger } from 'typeorm';
import { RelationsModule, RELATIONS_ENTITIES } from './fixtures/relations/relations.module';
import { Kit, KitViewSet, LinkedPartViewSet, Part } from './fixtures/relations/refused-at-boot';
import { Aisle, Item, Label, Opinion, Shelf } from './fixtures/relations/shop.entities';
import { ADAPTERS } from './utils/adapters';
import { testDatabases } from './utils/databases';
import { useTestApp, useTestDatabase } from './utils/e2e-hooks';

/** Counts the SQL statements TypeORM runs (its logger sees every one). */
class QueryCounter implements Logger {
  queries: string[] = [];
  logQuery(query: string): void {
    this.queries.push(query);
  }
  logQueryError(error: unknown, query: string): void {
    if (process.env.DEBUG_RELATIONS) console.log('QERR', error, query);
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

const ITEMS = 1000;

describe.each(testDatabases())('relation loading on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  describe.each(ADAPTERS)('over %s', (adapterName) => {
    const counter = new QueryCounter();
    const handle = useTestApp(adapterName, database, (options) => [
      RelationsModule.forDatabase({
        ...options(RELATIONS_ENTITIES),
        logger: counter,
        logging: ['query'],
      } as never),
    ]);
    let app: INestApplication;
    let http: Parameters<typeof request>[0];

    beforeAll(async () => {
      app = handle.app();
      http = handle.http();
      await seed(app.get(DataSource));
    });

    /** The representation a naive query per row gives: what the views must answer. */
    async function naive(id: number) {
      const item = await app
        .get(DataSource)
        .getRepository(Item)
        .findOneOrFail({
          where: { id },
          relations: { shelf: { aisle: true }, labels: true, opinions: true },
        });
      const opinions = [...item.opinions].sort((a, b) => a.id - b.id);
      const latest = [...item.opinions]
        .sort((a, b) => b.postedAt - a.postedAt || b.id - a.id)
        .slice(0, 3)
        .map(({ id: opinionId, rating, comment }) => ({ id: opinionId, rating, comment }));
      return {
        id: item.id,
        name: item.name,
        shelf: item.shelf
          ? {
              id: item.shelf.id,
              name: item.shelf.name,
              aisle: item.shelf.aisle
                ? { id: item.shelf.aisle.id, name: item.shelf.aisle.name }
                : null,
            }
          : null,
        aisleName: item.shelf?.aisle?.name ?? null,
        labels: [...item.labels]
          .sort((a, b) => a.id - b.id)
          .map(({ id: l, name }) => ({ id: l, name })),
        opinions: opinions.map(({ id: o, rating, comment, postedAt }) => ({
          id: o,
          rating,
          comment,
          postedAt,
        })),
        latestOpinions: latest,
        goodOpinionCount: item.opinions.filter((opinion) => opinion.rating >= 3).length,
      };
    }

    async function counted(path: string) {
      counter.queries = [];
      const response = await request(http).get(path).expect(200);
      return { body: response.body as Record<string, unknown>, queries: counter.queries.length };
    }

    it('a list page has the same number of queries for 10, 100 and 1,000 rows, and the naive result', async () => {
      const counts: number[] = [];
      for (const size of [10, 100, 1000]) {
        const { body, queries } = await counted(`/items?size=${size}`);
        const results = body.results as { id: number }[];
        expect(results).toHaveLength(size);
        counts.push(queries);
        // Every row of the small pages, a sample of the large one, against a query per row.
        const sample = size === 1000 ? results.filter((_, index) => index % 37 === 0) : results;
        for (const row of sample) {
          expect(row).toEqual(await naive(row.id));
        }
      }
      // COUNT, the page (to-one relations joined), labels, opinions, the two PostFetches.
      expect(counts).toEqual([6, 6, 6]);
    });

    it('a nested field declared without any relation setup is filled in retrieve', async () => {
      const id = await itemWith(app.get(DataSource), { shelf: true, opinions: 4 });
      const { body, queries } = await counted(`/items/${id}`);
      expect(body).toEqual(await naive(id));
      expect((body.shelf as { aisle: unknown }).aisle).not.toBeNull();
      expect(body.latestOpinions).toHaveLength(3);
      // The row (to-one joined), labels, opinions, the two PostFetches.
      expect(queries).toBe(5);
    });

    it('an item without a shelf, labels or opinions gets null and empty lists', async () => {
      const id = await itemWith(app.get(DataSource), { shelf: false, opinions: 0 });
      const { body } = await counted(`/items/${id}`);
      expect(body).toMatchObject({
        shelf: null,
        aisleName: null,
        labels: [],
        opinions: [],
        latestOpinions: [],
        goodOpinionCount: 0,
      });
    });

    it('PostFetch applies to a list that is not paginated', async () => {
      const { body, queries } = await counted('/plain-items');
      const rows = body as unknown as { id: number; latestOpinions: unknown[] }[];
      expect(rows.length).toBeGreaterThanOrEqual(ITEMS);
      for (const row of rows.slice(0, 20)) expect(row).toEqual(await naive(row.id));
      // The rows, then labels and opinions per 1,000 rows, then the two PostFetches.
      expect(queries).toBe(3 + 2 * Math.ceil(rows.length / 1000));
    });

    it('the helper form: paginatedResponse(request, query, { postFetches })', async () => {
      const { body } = await counted('/opinion-helpers/helper?size=20');
      for (const row of body.results as { id: number }[]) expect(row).toEqual(await naive(row.id));
    });

    it('the decorator form attaches to what the handler returns, in one query', async () => {
      const { body, queries } = await counted('/opinion-helpers/decorated');
      const rows = body as unknown as {
        id: number;
        best: { rating: number; itemId: number } | null;
      }[];
      expect(rows).toHaveLength(5);
      for (const row of rows) {
        const opinions = await app
          .get(DataSource)
          .getRepository(Opinion)
          .findBy({ itemId: row.id });
        const best = [...opinions].sort((a, b) => b.rating - a.rating || a.id - b.id)[0];
        expect(row.best).toEqual(best ? { itemId: row.id, rating: best.rating } : null);
      }
      expect(queries).toBe(2);
    });

    describe('hyperlinks', () => {
      // Links use the request's checked origin: the Host header here.
      const host = 'http://localhost';
      const get = (path: string) => request(http).get(path).set('Host', 'localhost');

      it('url and to-one relations are absolute URLs of the detail routes', async () => {
        const shelves = await app
          .get(DataSource)
          .getRepository(Shelf)
          .find({ relations: { aisle: true }, order: { id: 'ASC' } });
        const response = await get('/shelves').expect(200);
        expect(response.body).toEqual(
          shelves.map((shelf) => ({
            url: `${host}/shelves/${shelf.id}`,
            id: shelf.id,
            name: shelf.name,
            aisle: shelf.aisle ? `${host}/aisles/${shelf.aisle.id}` : null,
          })),
        );
        const aisle = (await get('/aisles').expect(200)).body[0] as Record<string, unknown>;
        expect(Object.keys(aisle)).toEqual(['url', 'id', 'name']);
        await get(new URL(aisle.url as string).pathname).expect(200, aisle);
      });

      it('a hyperlink is written by URL, checked, and the create answers Location', async () => {
        const [shelf] = await app
          .get(DataSource)
          .getRepository(Shelf)
          .find({ order: { id: 'ASC' }, take: 1 });
        const created = await request(http)
          .post('/linked-items')
          .set('Host', 'localhost')
          .send({ name: 'linked', shelf: `${host}/shelves/${shelf!.id}` })
          .expect(201);
        expect(created.body).toEqual({
          url: `${host}/linked-items/${created.body.id}`,
          id: created.body.id,
          name: 'linked',
          shelf: `${host}/shelves/${shelf!.id}`,
        });
        expect(created.headers.location).toBe(created.body.url);
        const invalid = async (shelfValue: unknown, message: string) => {
          const response = await request(http)
            .post('/linked-items')
            .set('Host', 'localhost')
            .send({ name: 'bad', shelf: shelfValue })
            .expect(400);
          expect(response.body.error.details).toEqual({ shelf: [message] });
        };
        await invalid(`${host}/shelves/999999`, 'Invalid hyperlink - Object does not exist.');
        await invalid(`${host}/shelves/abc`, 'Invalid hyperlink - Object does not exist.');
        await invalid(`${host}/aisles/1`, 'Invalid hyperlink - Incorrect URL match.');
        await invalid(`${host}/nowhere`, 'Invalid hyperlink - No URL match.');
        await invalid('http://evil.example/shelves/1', 'Invalid hyperlink - No URL match.');
        await invalid(12, 'Incorrect type. Expected URL string, received int.');
      });
      it('a to-many relation is a list of URLs: read, created, replaced, cleared, checked', async () => {
        const data = app.get(DataSource);
        const labels = await data.getRepository(Label).find({ order: { id: 'ASC' }, take: 3 });
        const link = (label: Label) => `${host}/labels/${label.id}`;
        const send = (method: 'post' | 'put' | 'patch', path: string, body: object) =>
          request(http)[method](path).set('Host', 'localhost').send(body);
        // Read: every item's labels as URLs, in one batched query per page.
        counter.queries = [];
        const page = (await get('/labelled-items?size=50').expect(200)).body as {
          results: { id: number; labels: string[] }[];
        };
        // COUNT, the page, the labels.
        expect(counter.queries).toHaveLength(3);
        for (const row of page.results.slice(0, 10)) {
          const item = await data
            .getRepository(Item)
            .findOneOrFail({ where: { id: row.id }, relations: { labels: true } });
          expect([...row.labels].sort()).toEqual(item.labels.map(link).sort());
        }
        // Create with two, replace by PUT, change by PATCH, clear with [].
        const created = await send('post', '/labelled-items', {
          name: 'linked labels',
          labels: [link(labels[0]!), link(labels[1]!)],
        }).expect(201);
        expect(created.body).toEqual({
          url: `${host}/labelled-items/${created.body.id}`,
          id: created.body.id,
          name: 'linked labels',
          labels: [link(labels[0]!), link(labels[1]!)],
        });
        const stored = async () =>
          (
            await data
              .getRepository(Item)
              .findOneOrFail({ where: { id: created.body.id }, relations: { labels: true } })
          ).labels
            .map((label) => label.id)
            .sort((a, b) => a - b);
        expect(await stored()).toEqual([labels[0]!.id, labels[1]!.id]);
        const path = `/labelled-items/${created.body.id}`;
        const put = await send('put', path, { name: 'relinked', labels: [link(labels[2]!)] });
        expect(put.status).toBe(200);
        expect(put.body.labels).toEqual([link(labels[2]!)]);
        expect(await stored()).toEqual([labels[2]!.id]);
        const patched = await send('patch', path, {
          labels: [link(labels[0]!), link(labels[2]!)],
        }).expect(200);
        expect(patched.body.labels).toEqual([link(labels[0]!), link(labels[2]!)]);
        expect(await stored()).toEqual([labels[0]!.id, labels[2]!.id]);
        await send('patch', path, { labels: [] }).expect(200, {
          url: `${host}${path}`,
          id: created.body.id,
          name: 'relinked',
          labels: [],
        });
        expect(await stored()).toEqual([]);
        // Refused, with DRF's messages, and nothing written.
        const invalid = async (value: unknown, messages: string[]) => {
          const response = await send('patch', path, { labels: value }).expect(400);
          expect(response.body.error.details).toEqual({ labels: messages });
        };
        await invalid(
          [link(labels[0]!), `${host}/labels/999999`],
          ['Invalid hyperlink - Object does not exist.'],
        );
        await invalid([`${host}/aisles/1`], ['Invalid hyperlink - Incorrect URL match.']);
        await invalid(['http://evil.example/labels/1'], ['Invalid hyperlink - No URL match.']);
        await invalid([7], ['Incorrect type. Expected URL string, received int.']);
        await invalid(link(labels[0]!), ['Expected a list of items but got type "str".']);
        expect(await stored()).toEqual([]);
      });
    });

    it('the responses of create and update show the saved relations', async () => {
      const data = app.get(DataSource);
      const [first, second] = await data
        .getRepository(Shelf)
        .find({ relations: { aisle: true }, take: 2, order: { id: 'ASC' } });
      const created = await request(http)
        .post('/writable-items')
        .send({ name: 'new item', shelf: first!.id })
        .expect(201);
      expect(created.body).toEqual({
        id: expect.any(Number),
        name: 'new item',
        shelfDetail: {
          id: first!.id,
          name: first!.name,
          aisle: first!.aisle ? { id: first!.aisle.id, name: first!.aisle.name } : null,
        },
        labels: [],
      });
      const updated = await request(http)
        .patch(`/writable-items/${created.body.id}`)
        .send({ shelf: second!.id })
        .expect(200);
      expect(updated.body.shelfDetail).toEqual({
        id: second!.id,
        name: second!.name,
        aisle: second!.aisle ? { id: second!.aisle.id, name: second!.aisle.name } : null,
      });
    });
  });
});

/** A small deterministic generator, so every database gets the same rows. */
function generator(seed: number) {
  let state = seed;
  return (limit: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % limit;
  };
}

async function seed(data: DataSource): Promise<void> {
  const next = generator(7);
  const aisles = await data
    .getRepository(Aisle)
    .save([1, 2, 3].map((n) => ({ name: `aisle ${n}` })));
  const shelves = await data.getRepository(Shelf).save(
    [0, 1, 2, 3, 4, 5].map((n) => ({
      name: `shelf ${n}`,
      aisle: n === 5 ? null : aisles[n % 3]!,
    })),
  );
  const labels = await data
    .getRepository(Label)
    .save([1, 2, 3, 4, 5].map((n) => ({ name: `label ${n}` })));
  const items = await data.getRepository(Item).save(
    Array.from({ length: ITEMS }, (_, n) => ({
      name: `item ${n}`,
      shelf: n % 7 === 0 ? null : shelves[next(shelves.length)]!,
      labels: labels.filter(() => next(3) === 0),
    })),
    { chunk: 200 },
  );
  const opinions: Partial<Opinion>[] = [];
  for (const item of items) {
    const count = next(6);
    for (let n = 0; n < count; n++) {
      opinions.push({ itemId: item.id, rating: 1 + next(5), comment: `c${n}`, postedAt: next(50) });
    }
  }
  await data.getRepository(Opinion).save(opinions, { chunk: 500 });
}

async function itemWith(
  data: DataSource,
  options: { shelf: boolean; opinions: number },
): Promise<number> {
  const shelf = options.shelf
    ? await data
        .getRepository(Shelf)
        .findOneOrFail({ where: {}, relations: { aisle: true }, order: { id: 'ASC' } })
    : null;
  const labels = options.shelf
    ? await data.getRepository(Label).find({ take: 2, order: { id: 'ASC' } })
    : [];
  const item = await data.getRepository(Item).save({ name: 'single', shelf, labels });
  for (let n = 0; n < options.opinions; n++) {
    await data
      .getRepository(Opinion)
      .save({ itemId: item.id, rating: n + 1, comment: `o${n}`, postedAt: n });
  }
  return item.id;
}

describe('relation plans at boot', () => {
  it('refuses a shown relation that one batched query cannot load, naming the field', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({ type: 'sqljs', entities: [Kit, Part], synchronize: true }),
        RestflowModule.forRoot({ globalExceptionFilter: true }),
      ],
      controllers: [KitViewSet],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await expect(app.init()).rejects.toThrow(
      'KitSerializer.parts shows the relation Kit.parts, which cannot be loaded by one batched query',
    );
    await app.close();
  });
});

describe('hyperlinks at boot', () => {
  it('refuses a link to an entity that no view serves, naming the field', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({ type: 'sqljs', entities: [Kit, Part], synchronize: true }),
        RestflowModule.forRoot({ globalExceptionFilter: true }),
      ],
      controllers: [LinkedPartViewSet],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await expect(app.init()).rejects.toThrow(
      'LinkedPartSerializer.kit links to Kit, and no view of this app has a retrieve route over it.',
    );
    await app.close();
  });
});

describe('a counting PostFetch', () => {
  it('refuses options that only apply to attached rows, naming them', () => {
    expect(
      () =>
        new PostFetch({
          source: Opinion,
          toAttr: 'opinionCount',
          count: true,
          limit: 3,
          on: { itemId: 'id' },
        }),
    ).toThrow('PostFetch(opinionCount) counts rows (`count: true`), so `limit` does not apply.');
  });
});
