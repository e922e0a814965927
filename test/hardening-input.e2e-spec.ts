import type { Server } from 'node:http';
import request from 'supertest';
import { DataSource, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import {
  detailsFromPipeMessages,
  toValidationDetails,
} from '../libs/restflow/src/exceptions/validation-details';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  Filter,
  FilterSet,
  FilterSetBackend,
  ModelViewSet,
  resolveRestflowOptions,
  RestflowModule,
  ValidationFailed,
  ViewSet,
  type FilterSetClass,
  type FilterSetMeta,
} from 'nestjs-restflow';
import { ItemSerializer } from './fixtures/hardening-input/hardening.controllers';
import {
  HARDENING_ENTITIES,
  Item,
  ITEMS,
  Owner,
  OWNERS,
  Tag,
  TAGS,
} from './fixtures/hardening-input/hardening.entities';
import { ItemFilterSet, WideItemFilterSet } from './fixtures/hardening-input/hardening.filter-sets';
import { HardeningInputModule } from './fixtures/hardening-input/hardening-input.module';
import { ADAPTERS } from './utils/adapters';
import { testDatabases } from './utils/databases';
import { useTestApp, useTestDatabase } from './utils/e2e-hooks';
import { bootExample } from './utils/example-app';

type Body = Record<string, unknown>;

const validationError = (details: object) => ({
  error: { code: 'validation_error', message: 'Request validation failed.', details },
});

const NOT_FOUND = { error: { code: 'not_found', message: 'Not found.', details: {} } };
const NUL = 'Null characters are not allowed.';
const tooManyItems = (count: number) => `Ensure this field has no more than ${count} elements.`;
const tooLong = (count: number) => `Ensure this field has no more than ${count} characters.`;
const UNKNOWN = 'Unknown filter parameter.';

/** `count` distinct integers as one comma-separated list. */
const integers = (count: number): string => Array.from({ length: count }, (_, i) => i).join(',');

/** Keys that mean something on `Object.prototype`: as query names and body keys they are data. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty'];

/**
 * Lets a server read request lines of up to 2 MB (Node's default is 16 kB), so that inputs as
 * large as the drivers' limits can arrive over HTTP. Node reads it for every new connection.
 */
function allowLongUrls(server: unknown): void {
  // Not in @types/node's Server type, but read by Node's HTTP parser for each connection.
  (server as Server & { maxHeaderSize: number }).maxHeaderSize = 2 * 1024 * 1024;
}

describe.each(testDatabases())('input hardening on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  describe.each(ADAPTERS)('fixture over %s', (adapter) => {
    const handle = useTestApp(adapter, database, (options) => [
      HardeningInputModule.forDatabase(options(HARDENING_ENTITIES)),
    ]);
    const http = () => request(handle.http() as Server);
    let ownerIds: Record<string, number>;

    beforeAll(async () => {
      allowLongUrls(handle.http());
      // Both adapters share the database: seed once.
      const dataSource = handle.app().get(DataSource);
      const owners = dataSource.getRepository(Owner);
      if ((await owners.count()) === 0) {
        for (const owner of OWNERS) await owners.insert({ name: owner.name });
        await dataSource.getRepository(Tag).insert(TAGS);
        const byName = new Map((await owners.find()).map((owner) => [owner.name, owner.id]));
        for (const [, slug, label, rank, owner] of ITEMS) {
          const ownerName = OWNERS[owner - 1]!.name;
          await dataSource
            .getRepository(Item)
            .insert({ slug, label, rank, owner: { id: byName.get(ownerName)! } });
        }
        await dataSource
          .getRepository(Item)
          .update({ slug: 'one' }, { day: '2024-03-01', weight: 2.5 });
      }
      ownerIds = Object.fromEntries((await owners.find()).map((owner) => [owner.name, owner.id]));
    });

    const slugsOf = (response: request.Response): string[] =>
      (response.body as Body[]).map((item) => item.slug as string);

    describe('point 6: field validation runs before any query', () => {
      it('answers 400 on the field for a NUL in a unique field (create)', async () => {
        const response = await http().post('/hi/owners').send({ name: 'a\u0000b' }).expect(400);
        expect(response.body).toEqual(validationError({ name: [NUL] }));
      });

      it('answers 400 on the field for a NUL in a unique field (partial update)', async () => {
        const response = await http()
          .patch('/hi/items/one')
          .send({ slug: 'one\u0000' })
          .expect(400);
        expect(response.body).toEqual(validationError({ slug: [NUL] }));
      });

      it('answers 400 for a unique integer beyond its column, without querying', async () => {
        const response = await http()
          .post('/hi/items')
          .send({
            slug: `beyond-${adapter}`,
            label: 'x',
            rank: 1,
            position: 2 ** 31,
            owner: ownerIds.Carol,
          })
          .expect(400);
        expect(response.body).toEqual(
          validationError({
            position: ['Ensure this value is less than or equal to 2147483647.'],
          }),
        );
      });

      it('answers 400 for a NUL in a primary-key related value (integer and text keys)', async () => {
        const response = await http()
          .post('/hi/items')
          .send({ slug: `pk-${adapter}`, label: 'x', rank: 1, owner: '1\u0000', tag: 'red\u0000' })
          .expect(400);
        expect(response.body).toEqual(
          validationError({
            owner: ['Incorrect type. Expected pk value, received str.'],
            tag: ['Incorrect type. Expected pk value, received str.'],
          }),
        );
      });

      it('still writes a valid item with a text primary-key relation', async () => {
        const response = await http()
          .post('/hi/items')
          .send({ slug: `ok-${adapter}`, label: 'x', rank: 5, owner: ownerIds.Bob, tag: 'red' })
          .expect(201);
        expect(response.body).toMatchObject({ slug: `ok-${adapter}`, tag: 'red' });
        await http().delete(`/hi/items/ok-${adapter}`).expect(204);
      });

      it('answers 404 for a NUL in a text lookup of the URL', async () => {
        const response = await http().get('/hi/items/on%00e').expect(404);
        expect(response.body).toEqual(NOT_FOUND);
        await http().get('/hi/items/one').expect(200);
      });

      it('answers 404 for a URL lookup value outside its column type (date, float)', async () => {
        for (const path of [
          '/hi/items-by-day/abc',
          '/hi/items-by-day/2024-02-30',
          '/hi/items-by-day/2024-03-01%00',
          '/hi/items-by-weight/abc',
          '/hi/items-by-weight/1e400',
        ]) {
          const response = await http().get(path);
          expect([path, response.status, response.body]).toEqual([path, 404, NOT_FOUND]);
        }
        const byDay = await http().get('/hi/items-by-day/2024-03-01').expect(200);
        const byWeight = await http().get('/hi/items-by-weight/2.5').expect(200);
        expect([byDay.body, byWeight.body]).toMatchObject([{ slug: 'one' }, { slug: 'one' }]);
      });

      it('answers 400 for a NUL in filter values (scalar, lists, relation paths)', async () => {
        const response = await http()
          .get('/hi/items')
          .query('label=a%00b&label__in=ok,b%00&labels=%00&owner__icontains=x%00&slug__in=%00')
          .expect(400);
        expect(response.body).toEqual(
          validationError({
            label: [NUL],
            label__in: { '1': [NUL] },
            slug__in: { '0': [NUL] },
            owner__icontains: [NUL],
            labels: { '0': [NUL] },
          }),
        );
      });
    });

    describe('point 7: filter inputs the database would refuse', () => {
      it('caps list parameters at forRoot filters.maxListLength (50)', async () => {
        const response = await http()
          .get('/hi/items')
          .query(`rank__in=${integers(51)}`)
          .expect(400);
        expect(response.body).toEqual(validationError({ rank__in: [tooManyItems(50)] }));
        const atCap = await http()
          .get('/hi/items')
          .query(`rank__in=${integers(50)}`)
          .expect(200);
        expect(slugsOf(atCap).sort()).toEqual(['four', 'one', 'three', 'two']);
      });

      it('answers 400, not 500, for 70000 values in one list', async () => {
        for (const query of [
          `rank__in=${integers(70_000)}`,
          `labels=${integers(70_000)}`,
          `slug__in=${integers(70_000)}`,
        ]) {
          const response = await http().get('/hi/items').query(query).expect(400);
          const name = query.slice(0, query.indexOf('='));
          expect(response.body).toEqual(validationError({ [name]: [tooManyItems(50)] }));
        }
      });

      it('caps values at forRoot filters.maxValueLength (200), LIKE patterns included', async () => {
        const long = 'a'.repeat(201);
        const response = await http()
          .get('/hi/items')
          .query(`label__icontains=${long}&label__in=x,${long}&owner__icontains=${'b'.repeat(200)}`)
          .expect(400);
        expect(response.body).toEqual(
          validationError({ label__icontains: [tooLong(200)], label__in: { '1': [tooLong(200)] } }),
        );
        // 50000 bytes: a LIKE pattern SQLite refuses ("LIKE or GLOB pattern too complex").
        const huge = await http()
          .get('/hi/items')
          .query(`label__icontains=${'%'.repeat(50_000)}`)
          .expect(400);
        expect(huge.body).toEqual(validationError({ label__icontains: [tooLong(200)] }));
      });

      it('counts characters, not UTF-16 units', async () => {
        const response = await http()
          .get('/hi/items')
          .query(`label__icontains=${encodeURIComponent('😀'.repeat(200))}`)
          .expect(200);
        expect(slugsOf(response)).toEqual([]);
      });

      it("applies a filter set's own meta caps over forRoot's", async () => {
        const response = await http()
          .get('/hi/tight-items')
          .query('slug__in=a,b,c,d&label=abcdefghijk&rank__in=1,2,3')
          .expect(400);
        expect(response.body).toEqual(
          validationError({ slug__in: [tooManyItems(3)], label: [tooLong(10)] }),
        );
        // The ordering parameter too: its values are echoed in "... is not a valid choice.".
        const ordering = await http()
          .get('/hi/tight-items')
          .query('order_by=rank,rank,rank,rank')
          .expect(400);
        expect(ordering.body).toEqual(validationError({ order_by: [tooManyItems(3)] }));
        const longOrdering = await http()
          .get('/hi/tight-items')
          .query(`order_by=rank,${'x'.repeat(11)}`)
          .expect(400);
        expect(longOrdering.body).toEqual(validationError({ order_by: { '1': [tooLong(10)] } }));
      });

      it('combines a Brackets filter with XOR (and its negation)', async () => {
        const cases: [string, string[]][] = [
          ['minRank=30&slug=one', ['one', 'three', 'four']],
          ['minRank=30&slug=three', ['four']],
          ['minRank!=30&slug=one', ['two']],
          ['minRank=20&labelIs=Second%20item&slug=two', ['two', 'three', 'four']],
        ];
        for (const [query, slugs] of cases) {
          const response = await http().get('/hi/xor-items').query(query).expect(200);
          expect([query, [...slugsOf(response)].sort()]).toEqual([query, [...slugs].sort()]);
        }
      });

      it('orders through a many-to-one relation (owner__name and -owner.name)', async () => {
        const cases: [string, string[]][] = [
          ['order_by=owner', ['two', 'four', 'three', 'one']],
          ['order_by=-owner', ['one', 'three', 'two', 'four']],
          ['order_by=ownerName', ['one', 'three', 'two', 'four']],
          ['order_by=owner,-rank', ['four', 'two', 'three', 'one']],
          ['order_by=owner&owner__icontains=a', ['two', 'four', 'one']],
        ];
        for (const [query, slugs] of cases) {
          const response = await http().get('/hi/items').query(query).expect(200);
          expect([query, slugsOf(response)]).toEqual([query, slugs]);
        }
      });
    });

    describe('point 8: client keys that name Object.prototype members', () => {
      const routes = ['/hi/items', '/hi/query/decorator', '/hi/query/pipe'];

      it.each(routes)('strict mode of %s refuses each of them', async (route) => {
        for (const key of PROTOTYPE_KEYS) {
          const response = await http().get(`${route}?${key}=1`).expect(400);
          const body = JSON.parse(response.text) as { error: { details: object } };
          expect(Object.keys(body.error.details)).toEqual([key]);
          expect(Object.getOwnPropertyDescriptor(body.error.details, key)?.value).toEqual([
            UNKNOWN,
          ]);
        }
        const all = await http()
          .get(`${route}?${PROTOTYPE_KEYS.map((key) => `${key}=1`).join('&')}&rank=10`)
          .expect(400);
        expect(
          Object.keys((JSON.parse(all.text) as { error: { details: object } }).error.details),
        ).toEqual(PROTOTYPE_KEYS);
      });

      it('treats them as ordinary unknown keys of a JSON body', async () => {
        const name = `Dora ${adapter}`;
        const response = await http()
          .post('/hi/owners')
          .set('Content-Type', 'application/json')
          .send(
            `{"name":${JSON.stringify(name)},"constructor":1,"prototype":2,"hasOwnProperty":3}`,
          );
        expect([response.status, response.body]).toEqual([
          201,
          { id: expect.any(Number) as number, name },
        ]);
      });

      it('refuses a JSON body with a __proto__ key on both adapters', async () => {
        const response = await http()
          .post('/hi/owners')
          .set('Content-Type', 'application/json')
          .send(`{"name":"Eve ${adapter}","__proto__":{"name":"x"}}`)
          .expect(400);
        expect(response.body).toEqual({
          error: {
            code: 'parse_error',
            message: 'JSON parse error - the key "__proto__" is not allowed.',
            details: {},
          },
        });
      });
    });
  });

  describe('driver limits, through the FilterSet API', () => {
    let dataSource: DataSource;
    beforeAll(async () => {
      dataSource = new DataSource(database().options(HARDENING_ENTITIES));
      await dataSource.initialize();
    });
    afterAll(() => dataSource.destroy());
    const items = () =>
      dataSource
        .getRepository(Item)
        .createQueryBuilder('item') as unknown as SelectQueryBuilder<ObjectLiteral>;
    const values = (count: number, make: (index: number) => string = String): string[] =>
      Array.from({ length: count }, (_, index) => make(index));

    it('runs the widest caps on the database: 10000 values, 10000 4-byte characters', async () => {
      const filterSet = new WideItemFilterSet(
        new Map([
          ['rank__in', values(10_000)],
          ['slug__in', values(10_000, (index) => `s${index}`)],
          ['labels', values(10_000, (index) => `l${index}`)],
          ['label__icontains', ['😀'.repeat(10_000)]],
        ]),
      );
      const rows = await (await filterSet.filterQueryset(items())).getMany();
      expect(rows).toEqual([]);
      // Escaped, 10000 `%` are a 20002-byte LIKE pattern: below SQLite's 50000.
      const percent = new WideItemFilterSet({ label__icontains: '%'.repeat(10_000) });
      expect(await (await percent.filterQueryset(items())).getMany()).toEqual([]);
    });

    it('refuses more than 30000 list values in one filter set, and 70000 in one list', async () => {
      const total = new WideItemFilterSet(
        new Map([
          ['rank__in', values(10_000)],
          ['slug__in', values(10_000)],
          ['labels', values(10_000)],
          ['label__in', values(10_000)],
        ]),
      );
      await expect(total.filterQueryset(items())).rejects.toThrow(ValidationFailed);
      expect(total.errors).toEqual({
        labels: ['Ensure the list parameters together have no more than 30000 values.'],
      });
      const one = new ItemFilterSet(new Map([['rank__in', values(70_000)]]));
      expect(await one.isValid()).toBe(false);
      expect(one.errors).toEqual({ rank__in: [tooManyItems(1000)] });
    });
  });
});

describe('filter set configuration at boot', () => {
  it("refuses a forRoot cap beyond the drivers' limits at boot", () => {
    expect(() => resolveRestflowOptions({ filters: { maxListLength: 70_000 } })).toThrow(
      'Invalid RestflowModule option "filters.maxListLength": expected an integer from 1 to ' +
        "10000, got 70000. Fix: use a bound below every database driver's limit of bound " +
        'parameters, e.g. 1000.',
    );
    expect(() => resolveRestflowOptions({ filters: { maxValueLength: 0 } })).toThrow(
      'Invalid RestflowModule option "filters.maxValueLength": expected an integer from 1 to ' +
        "10000, got 0. Fix: use a bound below SQLite's 50000-byte LIKE patterns, e.g. 1000.",
    );
  });

  it('refuses a meta cap beyond the limits when the view boots', async () => {
    class HugeListFilterSet extends FilterSet {
      static override meta: FilterSetMeta = { maxListLength: 70_000 };
      @Filter({ lookups: ['in'] }) slug!: string;
    }
    @ViewSet('hi/huge')
    class HugeViewSet extends ModelViewSet {
      override queryset = Item;
      override serializerClass = ItemSerializer;
      override filterBackends = [new FilterSetBackend()];
      filterSetClass: FilterSetClass = HugeListFilterSet;
    }
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({ type: 'sqljs', entities: HARDENING_ENTITIES, synchronize: true }),
        RestflowModule.forRoot({}),
      ],
      controllers: [HugeViewSet],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await expect(app.init()).rejects.toThrow(
      'HugeListFilterSet.meta.maxListLength is 70000; expected an integer from 1 to 10000. Fix: ' +
        "use a bound below every database driver's limit, e.g. 1000.",
    );
    await app.close();
  });

  it.each([
    [
      { orderFields: [['owner', 'owner.nmae']] as const },
      {},
      'An ordering of PathFilterSet orders by "owner.nmae", which is not a column of Owner. ' +
        'Fix: use a property of the entity or a many-to-one path such as "category.name".',
    ],
    [
      {},
      { dbField: 'owner__label' },
      'The filter "label" filters on "owner__label", which is not a column of Owner. Fix: set ' +
        '`dbField` to an entity property path.',
    ],
  ])(
    'refuses an ordering or filter path that names no column at boot',
    async (meta, options, message) => {
      class PathFilterSet extends FilterSet {
        static override meta: FilterSetMeta = meta;
        @Filter(options) label!: string;
      }
      @ViewSet('hi/paths')
      class PathViewSet extends ModelViewSet {
        override queryset = Item;
        override serializerClass = ItemSerializer;
        override filterBackends = [new FilterSetBackend()];
        filterSetClass: FilterSetClass = PathFilterSet;
      }
      const moduleRef = await Test.createTestingModule({
        imports: [
          TypeOrmModule.forRoot({ type: 'sqljs', entities: HARDENING_ENTITIES, synchronize: true }),
          RestflowModule.forRoot({}),
        ],
        controllers: [PathViewSet],
      }).compile();
      const app = moduleRef.createNestApplication({ logger: false });
      await expect(app.init()).rejects.toThrow(message);
      await app.close();
    },
  );
});

describe('validation details of client-chosen keys', () => {
  it('keeps __proto__ and its kin as keys (class-validator errors and pipe messages)', () => {
    const fromErrors = toValidationDetails(
      PROTOTYPE_KEYS.map((property) => ({
        property,
        constraints: { whitelistValidation: `property ${property} should not exist` },
        children: [],
      })),
    );
    const fromMessages = detailsFromPipeMessages(
      PROTOTYPE_KEYS.map((key) => `property ${key} should not exist`),
      'non_field_errors',
    );
    for (const details of [fromErrors, fromMessages]) {
      expect(Object.keys(details)).toEqual(PROTOTYPE_KEYS);
      expect(Object.getOwnPropertyDescriptor(details, '__proto__')?.value).toEqual([
        'property __proto__ should not exist',
      ]);
      expect(JSON.parse(JSON.stringify(details))).toEqual(
        JSON.parse(
          `{${PROTOTYPE_KEYS.map((key) => `"${key}":["property ${key} should not exist"]`).join(',')}}`,
        ),
      );
    }
  });
});

describe.each(testDatabases())('example app input bounds on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  describe.each(ADAPTERS)('over %s', (adapter) => {
    let server: Server;
    let close: () => Promise<void>;
    let admin: ReturnType<typeof request.agent>;
    beforeAll(async () => {
      const app = await bootExample(adapter, database().url, {
        throttleRates: { anon: '100000/min', user: '100000/min' },
      });
      close = () => app.close();
      server = app.getHttpServer() as Server;
      const login = await request(server)
        .post('/api/auth/token')
        .send({ username: 'admin', password: 'admin-password' })
        .expect(200);
      admin = request
        .agent(server)
        .set('Authorization', `Bearer ${(login.body as { access: string }).access}`);
    });
    afterAll(() => close());

    it('answers 400 for a NUL in a category name (issue 10.6)', async () => {
      const response = await admin
        .post('/api/categories')
        .send({ name: 'a\u0000b', slug: 'x' })
        .expect(400);
      expect(response.body).toEqual(validationError({ name: [NUL] }));
    });

    it('bounds every text input of the catalog', async () => {
      const category = await admin
        .post('/api/categories')
        .send({ name: 'n'.repeat(101), slug: 's'.repeat(121), description: 'd'.repeat(1001) })
        .expect(400);
      expect(category.body).toEqual(
        validationError({
          name: [tooLong(100)],
          slug: [tooLong(120)],
          description: [tooLong(1000)],
        }),
      );
      const product = await admin
        .post('/api/products')
        .send({
          name: 'n'.repeat(201),
          description: 'd'.repeat(5001),
          price: '1',
          categoryId: 1,
        })
        .expect(400);
      expect(product.body).toEqual(
        validationError({
          name: [tooLong(200)],
          description: [tooLong(5000)],
        }),
      );
      const review = await admin
        .post('/api/reviews')
        .send({ product: 1, rating: 5, comment: 'c'.repeat(2001) })
        .expect(400);
      expect(review.body).toEqual(validationError({ comment: [tooLong(2000)] }));
    });

    it('filters by as many tags as the cap allows (1000)', async () => {
      const tags = Array.from({ length: 1000 }, (_, index) => `tag${index}`).join(',');
      const response = await request(server).get('/api/products').query(`tags=${tags}`);
      expect([response.status, (response.body as { results?: unknown[] }).results]).toEqual([
        200,
        [],
      ]);
    });

    it('caps filter inputs at the library defaults (1000 values, 1000 characters)', async () => {
      const response = await request(server)
        .get('/api/products')
        .query(
          `categoryId__in=${integers(1001)}&name__icontains=${'n'.repeat(1001)}&category=a%00b`,
        )
        .expect(400);
      expect(response.body).toEqual(
        validationError({
          name__icontains: [tooLong(1000)],
          category: [NUL],
          categoryId__in: [tooManyItems(1000)],
        }),
      );
    });
  });
});
