import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource, type Repository } from 'typeorm';
import { RestflowConfigError, type RestflowRequest } from 'nestjs-restflow';
import { CursorPagination } from 'nestjs-restflow';
import { ADAPTERS, createTestApp } from './utils/adapters';
import { createTestDatabase, testDatabases, type TestDatabase } from './utils/databases';
import { Event } from './fixtures/pagination/event.entity';
import { Item } from './fixtures/pagination/item.entity';
import { PAGINATION_DEFAULTS } from './fixtures/pagination/pagination.controller';
import {
  PAGINATION_ENTITIES,
  PaginationModule,
  SelectCounter,
} from './fixtures/pagination/pagination.module';

const ORIGIN = 'http://testserver';

/** Seven items, like the reference's observations: ids 1..7, scores 10..70. */
const ITEMS: Omit<Item, 'note'>[] = [
  {
    id: 1,
    name: 'pear',
    score: 10,
    createdAt: new Date('2024-03-01T10:00:00.000Z'),
    code: '9b2f0c1e-5d4a-4c3b-8a1e-0f6d2c7b9e10',
  },
  {
    id: 2,
    name: 'apple',
    score: 20,
    createdAt: new Date('2024-03-01T09:00:00.250Z'),
    code: '03c5e7a9-1b2d-4f60-9e8d-7c6b5a493827',
  },
  {
    id: 3,
    name: 'fig',
    score: 30,
    createdAt: new Date('2024-03-02T08:00:00.000Z'),
    code: 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9',
  },
  {
    // Same name and date-time as item 2: the primary key breaks the tie.
    id: 4,
    name: 'apple',
    score: 40,
    createdAt: new Date('2024-03-01T09:00:00.250Z'),
    code: '5a5a5a5a-0000-4000-8000-000000000004',
  },
  {
    id: 5,
    name: 'Kiwi',
    score: 50,
    createdAt: new Date('2024-02-28T23:59:59.999Z'),
    code: 'c0ffee00-1234-4abc-9def-0123456789ab',
  },
  {
    id: 6,
    name: 'fig',
    score: 60,
    createdAt: new Date('2024-03-02T08:00:00.000Z'),
    code: '00000000-0000-4000-8000-000000000000',
  },
  {
    // MariaDB's `datetime` keeps whole seconds: there this ties with item 1.
    id: 7,
    name: 'banana',
    score: 70,
    createdAt: new Date('2024-03-01T10:00:00.400Z'),
    code: 'ffffffff-ffff-4fff-bfff-ffffffffffff',
  },
];

const rows = (...ids: number[]) =>
  ids.map((id) => ({ id, name: ITEMS.find((item) => item.id === id)?.name }));

/** The ids of a page body's results. */
const ids = (body: { results: { id: number }[] }): number[] => body.results.map((row) => row.id);

const envelope = (code: string, message: string) => ({ error: { code, message, details: {} } });
const INVALID_PAGE = envelope('not_found', 'Invalid page.');
const INVALID_CURSOR = envelope('not_found', 'Invalid cursor');
const SERVER_ERROR = envelope('internal_error', 'A server error occurred.');

const token = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');

describe.each(testDatabases())('pagination on %s', (databaseName) => {
  describe.each(ADAPTERS)('over %s', (adapterName) => {
    // One database per adapter: the tests expect the items to have ids 1..7.
    let database: TestDatabase;
    let app: INestApplication;
    let http: Parameters<typeof request>[0];
    let dataSource: DataSource;
    let items: Repository<Item>;
    let events: Repository<Event>;
    const counter = new SelectCounter();

    beforeAll(async () => {
      database = await createTestDatabase(databaseName);
      const moduleRef = await Test.createTestingModule({
        imports: [
          PaginationModule.forDatabase({
            ...database.options(PAGINATION_ENTITIES),
            logger: counter,
          }),
        ],
      }).compile();
      app = await createTestApp(moduleRef, adapterName);
      http = app.getHttpServer();
      dataSource = app.get(DataSource);
      items = dataSource.getRepository(Item);
      events = dataSource.getRepository(Event);
      await items.insert(ITEMS.map((item) => ({ ...item, note: null })));
    });
    afterAll(async () => {
      await app.close();
      await database.drop();
    });

    /** GET with the Host the reference used, so links read `http://testserver/...`. */
    const get = (path: string) => request(http).get(path).set('Host', 'testserver');

    /** Follows an absolute link of a response. */
    const follow = (link: string) => {
      expect(link.startsWith(`${ORIGIN}/`)).toBe(true);
      return get(link.slice(ORIGIN.length));
    };

    describe('PageNumberPagination', () => {
      const url = `${ORIGIN}/items/page-number`;

      it('serves page 1 with the count, a next link and the keys in DRF order', async () => {
        const response = await get('/items/page-number').expect(200);
        expect(Object.keys(response.body)).toEqual(['count', 'next', 'previous', 'results']);
        expect(response.body).toEqual({
          count: 7,
          next: `${url}?page=2`,
          previous: null,
          results: rows(1, 2, 3),
        });
      });

      it('links page 2 back to page 1 without a page parameter', async () => {
        const response = await get('/items/page-number?page=2').expect(200);
        expect(response.body).toEqual({
          count: 7,
          next: `${url}?page=3`,
          previous: url,
          results: rows(4, 5, 6),
        });
      });

      it('serves the last page by number and by "last"', async () => {
        const expected = { count: 7, next: null, previous: `${url}?page=2`, results: rows(7) };
        expect((await get('/items/page-number?page=3').expect(200)).body).toEqual(expected);
        expect((await get('/items/page-number?page=last').expect(200)).body).toEqual(expected);
      });

      it.each(['4', '0', '-1', 'abc', '2.0', '1e1', 'lastpage'])(
        'answers ?page=%s with 404 "Invalid page."',
        async (page) => {
          const response = await get(`/items/page-number?page=${page}`).expect(404);
          expect(response.body).toEqual(INVALID_PAGE);
        },
      );

      it('treats an empty page parameter as page 1 and uses the last of repeated ones', async () => {
        expect((await get('/items/page-number?page=').expect(200)).body.results).toEqual(
          rows(1, 2, 3),
        );
        const repeated = await get('/items/page-number?page=1&page=2').expect(200);
        expect(repeated.body.results).toEqual(rows(4, 5, 6));
        expect(repeated.body.next).toBe(`${url}?page=3`);
      });

      it('caps the size parameter at the maximum and keeps it in the links as sent', async () => {
        const response = await get('/items/page-number?size=50').expect(200);
        expect(response.body).toEqual({
          count: 7,
          next: `${url}?page=2&size=50`,
          previous: null,
          results: rows(1, 2, 3, 4, 5),
        });
      });

      it.each(['-1', '0', 'abc', '1.5'])('ignores ?size=%s', async (size) => {
        const response = await get(`/items/page-number?size=${size}`).expect(200);
        expect(response.body.results).toEqual(rows(1, 2, 3));
      });

      it('counts and links within a filter, keeping the filter parameter', async () => {
        const response = await get('/items/page-number?page=2&score__gte=30').expect(200);
        expect(response.body).toEqual({
          count: 5,
          next: null,
          previous: `${url}?score__gte=30`,
          results: rows(6, 7),
        });
      });

      it('re-encodes the other parameters sorted by name, repeated ones in order', async () => {
        const response = await get(
          '/items/page-number?zeta=z&size=2&alpha=x&page=2&alpha=w&note=a%20b/c~d*e&flag',
        ).expect(200);
        expect(response.body.results).toEqual(rows(3, 4));
        expect(response.body.next).toBe(
          `${url}?alpha=x&alpha=w&flag=&note=a+b%2Fc~d%2Ae&page=3&size=2&zeta=z`,
        );
        expect(response.body.previous).toBe(
          `${url}?alpha=x&alpha=w&flag=&note=a+b%2Fc~d%2Ae&size=2&zeta=z`,
        );
      });

      it('serves page 1 of an empty result and 404s every other page', async () => {
        const empty = { count: 0, next: null, previous: null, results: [] };
        expect((await get('/items/page-number?score__gte=1000').expect(200)).body).toEqual(empty);
        expect(
          (await get('/items/page-number?score__gte=1000&page=last').expect(200)).body,
        ).toEqual(empty);
        const response = await get('/items/page-number?score__gte=1000&page=2').expect(404);
        expect(response.body).toEqual(INVALID_PAGE);
      });

      it('lets the paginator override every default', async () => {
        const custom = `${ORIGIN}/items/page-number-custom`;
        expect((await get('/items/page-number-custom?p=2&size=5').expect(200)).body).toEqual({
          count: 7,
          next: `${custom}?p=3&size=5`,
          previous: `${custom}?size=5`,
          results: rows(3, 4),
        });
        expect((await get('/items/page-number-custom?p=end').expect(200)).body).toEqual({
          count: 7,
          next: null,
          previous: `${custom}?p=3`,
          results: rows(7),
        });
        expect((await get('/items/page-number-custom?p=last').expect(404)).body).toEqual(
          INVALID_PAGE,
        );
      });

      it('fails a request with a misconfigured page size as a server error', async () => {
        expect((await get('/items/page-number-broken').expect(500)).body).toEqual(SERVER_ERROR);
      });

      it('runs a COUNT and one query for the rows', async () => {
        counter.selects = 0;
        await get('/items/page-number?page=2').expect(200);
        expect(counter.selects).toBe(2);
      });
    });

    describe('LimitOffsetPagination', () => {
      const url = `${ORIGIN}/items/limit-offset`;

      it('serves the first page with the default limit', async () => {
        const response = await get('/items/limit-offset').expect(200);
        expect(Object.keys(response.body)).toEqual(['count', 'next', 'previous', 'results']);
        expect(response.body).toEqual({
          count: 7,
          next: `${url}?limit=3&offset=3`,
          previous: null,
          results: rows(1, 2, 3),
        });
      });

      it('has no next link at the end and steps the offset back', async () => {
        expect((await get('/items/limit-offset?limit=2&offset=5').expect(200)).body).toEqual({
          count: 7,
          next: null,
          previous: `${url}?limit=2&offset=3`,
          results: rows(6, 7),
        });
      });

      it('drops the offset from the previous link when it would be 0 or less', async () => {
        expect((await get('/items/limit-offset?offset=2&limit=2').expect(200)).body).toEqual({
          count: 7,
          next: `${url}?limit=2&offset=4`,
          previous: `${url}?limit=2`,
          results: rows(3, 4),
        });
        expect((await get('/items/limit-offset?offset=1').expect(200)).body.previous).toBe(
          `${url}?limit=3`,
        );
      });

      it('gives an empty page past the end, linking back by one limit', async () => {
        expect((await get('/items/limit-offset?offset=100').expect(200)).body).toEqual({
          count: 7,
          next: null,
          previous: `${url}?limit=3&offset=97`,
          results: [],
        });
        expect((await get('/items/limit-offset?offset=7').expect(200)).body).toEqual({
          count: 7,
          next: null,
          previous: `${url}?limit=3&offset=4`,
          results: [],
        });
      });

      it('caps the limit at the maximum', async () => {
        expect((await get('/items/limit-offset?limit=50').expect(200)).body).toEqual({
          count: 7,
          next: `${url}?limit=5&offset=5`,
          previous: null,
          results: rows(1, 2, 3, 4, 5),
        });
      });

      it.each(['0', '-2', 'abc', '2.5'])('uses the default for ?limit=%s', async (limit) => {
        const response = await get(`/items/limit-offset?limit=${limit}`).expect(200);
        expect(response.body.results).toEqual(rows(1, 2, 3));
        expect(response.body.next).toBe(`${url}?limit=3&offset=3`);
      });

      it.each(['-5', 'abc', '1.5'])('reads ?offset=%s as 0', async (offset) => {
        const response = await get(`/items/limit-offset?offset=${offset}`).expect(200);
        expect(response.body.results).toEqual(rows(1, 2, 3));
        expect(response.body.previous).toBeNull();
      });

      it('keeps the other parameters, sorted', async () => {
        const response = await get('/items/limit-offset?score__gte=30&offset=1&limit=2');
        expect(response.body).toEqual({
          count: 5,
          next: `${url}?limit=2&offset=3&score__gte=30`,
          previous: `${url}?limit=2&score__gte=30`,
          results: rows(4, 5),
        });
      });

      it('serves an empty result without links', async () => {
        expect((await get('/items/limit-offset?score__gte=1000').expect(200)).body).toEqual({
          count: 0,
          next: null,
          previous: null,
          results: [],
        });
      });

      it('lets the paginator override every default', async () => {
        const custom = `${ORIGIN}/items/limit-offset-custom`;
        expect((await get('/items/limit-offset-custom?take=10&skip=1').expect(200)).body).toEqual({
          count: 7,
          next: `${custom}?skip=5&take=4`,
          previous: `${custom}?take=4`,
          results: rows(2, 3, 4, 5),
        });
        expect((await get('/items/limit-offset-custom?limit=5').expect(200)).body.results).toEqual(
          rows(1, 2),
        );
      });
    });

    describe('FastPageNumberPagination', () => {
      const url = `${ORIGIN}/items/fast`;

      it('serves page 1 without a count, results first', async () => {
        const response = await get('/items/fast').expect(200);
        expect(Object.keys(response.body)).toEqual(['results', 'next', 'previous']);
        expect(response.body).toEqual({
          results: rows(1, 2, 3),
          next: `${url}?page=2`,
          previous: null,
        });
      });

      it('links both ways from the middle, page 1 without a page parameter', async () => {
        expect((await get('/items/fast?page=2').expect(200)).body).toEqual({
          results: rows(4, 5, 6),
          next: `${url}?page=3`,
          previous: url,
        });
        expect((await get('/items/fast?page=3').expect(200)).body).toEqual({
          results: rows(7),
          next: null,
          previous: `${url}?page=2`,
        });
      });

      it('keeps the size and filter parameters, sorted (reference 7.4)', async () => {
        expect((await get('/items/fast?page=2&size=2&score__gte=20').expect(200)).body).toEqual({
          results: rows(4, 5),
          next: `${url}?page=3&score__gte=20&size=2`,
          previous: `${url}?score__gte=20&size=2`,
        });
      });

      it('has no next link after a full last page', async () => {
        expect((await get('/items/fast?page=2&score__gte=20').expect(200)).body).toEqual({
          results: rows(5, 6, 7),
          next: null,
          previous: `${url}?score__gte=20`,
        });
      });

      it('caps the size parameter at the maximum', async () => {
        const response = await get('/items/fast?size=50').expect(200);
        expect(response.body.results).toEqual(rows(1, 2, 3, 4, 5));
        expect(response.body.next).toBe(`${url}?page=2&size=50`);
      });

      it.each(['4', '0', '-1', 'abc', 'last', '1.0', '99999999999999999999'])(
        'answers ?page=%s with 404 "Invalid page."',
        async (page) => {
          expect((await get(`/items/fast?page=${page}`).expect(404)).body).toEqual(INVALID_PAGE);
        },
      );

      it('serves an empty page 1 and 404s page 2 of an empty result', async () => {
        expect((await get('/items/fast?score__gte=1000').expect(200)).body).toEqual({
          results: [],
          next: null,
          previous: null,
        });
        expect((await get('/items/fast?score__gte=1000&page=2').expect(404)).body).toEqual(
          INVALID_PAGE,
        );
      });

      it.each(['', '?page=2', '?page=3&size=2', '?page=9'])(
        'sends exactly one SQL query for %s',
        async (query) => {
          counter.selects = 0;
          await get(`/items/fast${query}`);
          expect(counter.selects).toBe(1);
        },
      );
    });

    describe('CursorPagination', () => {
      /**
       * Every item id in the order the cursor promises for `ordering`, primary key as
       * tie-breaker: text in code-point order on every database (not the database's collation,
       * which is case-insensitive on MariaDB), dates by time, numbers by value.
       */
      const ordered = async (ordering: string): Promise<number[]> => {
        const sign = ordering.startsWith('-') ? -1 : 1;
        const property = ordering.replace(/^-/, '') as keyof Item;
        const key = (item: Item): number | string => {
          const value = item[property];
          return value instanceof Date ? value.getTime() : (value as number | string);
        };
        const compare = (a: number | string, b: number | string): number =>
          a < b ? -1 : a > b ? 1 : 0;
        const all = await items.find();
        all.sort((a, b) => sign * (compare(key(a), key(b)) || a.id - b.id));
        return all.map((item) => item.id);
      };

      /** Pages from `path` along `next` links, checking each body's shape on the way. */
      const walkForward = async (path: string) => {
        const pages: number[][] = [];
        let response = await get(path).expect(200);
        for (;;) {
          expect(Object.keys(response.body)).toEqual(['next', 'previous', 'results']);
          pages.push(ids(response.body));
          // A cursor that does not advance would loop forever: fail instead.
          expect(pages.length).toBeLessThan(20);
          if (response.body.next === null) {
            return { pages, last: response };
          }
          response = await follow(response.body.next).expect(200);
        }
      };

      /** Pages from a response along `previous` links, in reading order. */
      const walkBackward = async (start: request.Response) => {
        const pages: number[][] = [];
        let response = start;
        for (;;) {
          pages.unshift(ids(response.body));
          expect(pages.length).toBeLessThan(20);
          if (response.body.previous === null) {
            return pages;
          }
          response = await follow(response.body.previous).expect(200);
        }
      };

      it('orders by the primary key, descending, by default', async () => {
        const response = await get('/items/cursor').expect(200);
        expect(response.body.previous).toBeNull();
        expect(response.body.results).toEqual(rows(7, 6, 5));
        expect(response.body.next).toMatch(/^http:\/\/testserver\/items\/cursor\?cursor=[\w-]+$/);
        const { pages } = await walkForward('/items/cursor');
        expect(pages).toEqual([[7, 6, 5], [4, 3, 2], [1]]);
      });

      it.each([
        'id',
        '-id',
        'name',
        '-name',
        'score',
        '-score',
        'createdAt',
        '-createdAt',
        'code',
        '-code',
      ])('pages forwards and backwards over every row ordered by %s', async (ordering) => {
        const expected = await ordered(ordering);
        const { pages, last } = await walkForward(`/items/cursor/${ordering}`);
        expect(pages.flat()).toEqual(expected);
        expect(pages.slice(0, -1).every((page) => page.length === 3)).toBe(true);
        expect(await walkBackward(last)).toEqual(pages);
      });

      it('replaces the order of the query and keeps the filter and size parameters', async () => {
        const expected = (await ordered('-createdAt')).filter((id) => id >= 2);
        const { pages, last } = await walkForward('/items/cursor/-createdAt?size=2&score__gte=20');
        expect(pages.flat()).toEqual(expected);
        expect(pages.map((page) => page.length)).toEqual([2, 2, 2]);
        expect(last.body.previous).toMatch(/\?cursor=[\w-]+&score__gte=20&size=2$/);
      });

      it('writes an opaque base64url cursor of the position and direction', async () => {
        const first = await get('/items/cursor/score').expect(200);
        const next = new URL(first.body.next as string).searchParams.get('cursor') ?? '';
        expect(JSON.parse(Buffer.from(next, 'base64url').toString())).toEqual({ v: 30, k: 3 });
        const second = await follow(first.body.next).expect(200);
        const previous = new URL(second.body.previous as string).searchParams.get('cursor') ?? '';
        expect(JSON.parse(Buffer.from(previous, 'base64url').toString())).toEqual({
          v: 40,
          k: 4,
          r: true,
        });
      });

      it('leads back from an empty page to the row of its cursor', async () => {
        const past = await get(`/items/cursor/score?cursor=${token({ v: 70, k: 7 })}`).expect(200);
        expect(past.body.results).toEqual([]);
        expect(past.body.next).toBeNull();
        expect((await follow(past.body.previous).expect(200)).body.results).toEqual(rows(5, 6, 7));
        const before = await get(
          `/items/cursor/score?cursor=${token({ v: 10, k: 1, r: true })}`,
        ).expect(200);
        expect(before.body.results).toEqual([]);
        expect(before.body.previous).toBeNull();
        expect((await follow(before.body.next).expect(200)).body.results).toEqual(rows(1, 2, 3));
      });

      it.each([
        ['garbage', '/items/cursor/score?cursor=not*base64!'],
        [
          'base64 of text',
          `/items/cursor/score?cursor=${Buffer.from('p=2').toString('base64url')}`,
        ],
        [
          'padded base64',
          `/items/cursor/score?cursor=${Buffer.from('{"v":1,"k":1}').toString('base64')}`,
        ],
        ['a JSON array', `/items/cursor/score?cursor=${token([30, 3])}`],
        ['a JSON string', `/items/cursor/score?cursor=${token('30')}`],
        ['an unknown key', `/items/cursor/score?cursor=${token({ v: 30, k: 3, o: 1 })}`],
        ['a missing key', `/items/cursor/score?cursor=${token({ v: 30 })}`],
        ['a missing value', `/items/cursor/score?cursor=${token({ k: 3 })}`],
        ['a value on the primary key', `/items/cursor/id?cursor=${token({ v: 3, k: 3 })}`],
        ['a string score', `/items/cursor/score?cursor=${token({ v: '30', k: 3 })}`],
        ['a fractional key', `/items/cursor/score?cursor=${token({ v: 30, k: 3.5 })}`],
        ['an SQL string key', `/items/cursor/id?cursor=${token({ k: "1' OR '1'='1" })}`],
        ['an out-of-range key', `/items/cursor/-id?cursor=${token({ k: 2 ** 53 })}`],
        ['a false direction', `/items/cursor/score?cursor=${token({ v: 30, k: 3, r: false })}`],
        ['a number as a date', `/items/cursor/createdAt?cursor=${token({ v: 5, k: 3 })}`],
        [
          'an impossible date',
          `/items/cursor/createdAt?cursor=${token({ v: '2024-02-30T00:00:00.000Z', k: 3 })}`,
        ],
        [
          'a date without a zone',
          `/items/cursor/createdAt?cursor=${token({ v: '2024-03-01T10:00:00', k: 3 })}`,
        ],
        ['a number as a name', `/items/cursor/name?cursor=${token({ v: 7, k: 3 })}`],
        ['a NUL in a name', `/items/cursor/name?cursor=${token({ v: 'a\u0000', k: 3 })}`],
      ])('answers a cursor with %s with 404 "Invalid cursor"', async (_case, path) => {
        expect((await get(path).expect(404)).body).toEqual(INVALID_CURSOR);
      });

      it('fails a request whose ordering is not a column as a server error', async () => {
        expect((await get('/items/cursor/nope').expect(500)).body).toEqual(SERVER_ERROR);
      });

      it('rejects an ordering that is not a usable column with a RestflowConfigError', async () => {
        const request = {
          method: 'GET',
          url: '/items',
          headers: { host: 'testserver' },
          query: {},
          params: {},
        } satisfies RestflowRequest;
        const paginate = (ordering: string) =>
          Object.assign(new CursorPagination(), { ordering }).paginate(
            items.createQueryBuilder('item'),
            request,
            PAGINATION_DEFAULTS,
          );
        await expect(paginate('-createdAtt')).rejects.toThrow(RestflowConfigError);
        await expect(paginate('-createdAtt')).rejects.toThrow(
          'CursorPagination.ordering "-createdAtt" is not a column of Item. Fix: set `ordering` ' +
            'to the property path of one of its columns ("id", "name", "score", "createdAt", ' +
            '"code", "note"), with "-" in front for descending order.',
        );
        await expect(paginate('note')).rejects.toThrow(/nullable column of Item/);
      });

      describe('with rows changing between requests', () => {
        const minute = 60_000;
        const start = Date.UTC(2024, 0, 1);
        const at = (minutes: number) => new Date(start + minutes * minute);

        beforeEach(() => events.createQueryBuilder().delete().execute());

        /** Ids along `-happenedAt`, primary key as tie-breaker, from the database now. */
        const newestFirst = async () =>
          (await events.find())
            .sort((a, b) => b.happenedAt.getTime() - a.happenedAt.getTime() || b.id - a.id)
            .map((event) => event.id);

        it('shows every row once when rows are inserted and deleted while paging', async () => {
          const seeded = await events.save(
            Array.from({ length: 9 }, (_, index) =>
              events.create({ title: `e${index + 1}`, happenedAt: at(index + 1) }),
            ),
          );
          const id = (title: string) => seeded.find((event) => event.title === title)?.id;

          const first = await get('/events/cursor/-happenedAt').expect(200);
          const seen: number[] = ids(first.body);
          expect(seen).toEqual([id('e9'), id('e8'), id('e7')]);

          // Before the cursor: must not show up going forwards.
          await events.save(events.create({ title: 'newest', happenedAt: at(20) }));
          await events.save(events.create({ title: 'tie-with-e7', happenedAt: at(7) }));
          // After the cursor: must show up exactly once, in place.
          const between = await events.save(events.create({ title: 'e5.5', happenedAt: at(5.5) }));
          const oldest = await events.save(events.create({ title: 'e0', happenedAt: at(0) }));
          // The boundary row and the row after it disappear.
          await events.delete({ id: id('e7') });
          await events.delete({ id: id('e6') });

          let next: string | null = first.body.next;
          while (next !== null) {
            expect(seen.length).toBeLessThan(50);
            const response = await follow(next).expect(200);
            seen.push(...ids(response.body));
            next = response.body.next;
          }
          expect(new Set(seen).size).toBe(seen.length);
          expect(seen).toEqual([
            id('e9'),
            id('e8'),
            id('e7'),
            between.id,
            id('e5'),
            id('e4'),
            id('e3'),
            id('e2'),
            id('e1'),
            oldest.id,
          ]);
        });

        it('compares date-times the database wrote at its own precision', async () => {
          // SQLite: text with and without milliseconds, as datetime('now') writes it.
          // PostgreSQL and MariaDB: microseconds, several within one millisecond.
          const literals =
            databaseName === 'sqljs'
              ? [
                  '2030-01-01 00:00:00',
                  '2030-01-01 00:00:00.000',
                  '2030-01-01 00:00:00.500',
                  '2030-01-01 00:00:00',
                  '2030-01-01T00:00:00.000Z',
                  '2030-01-01 00:00:01',
                  '2030-01-01 00:00:00.500',
                ]
              : [
                  '2030-01-01 00:00:00.000300',
                  '2030-01-01 00:00:00.000100',
                  '2030-01-01 00:00:00.000900',
                  '2030-01-01 00:00:00.000200',
                  '2030-01-01 00:00:00.001000',
                  '2030-01-01 00:00:00.000500',
                  '2030-01-01 00:00:00.000700',
                ];
          for (const [index, literal] of literals.entries()) {
            await events
              .createQueryBuilder()
              .insert()
              .values({ title: `raw${index}`, happenedAt: () => `'${literal}'` })
              .execute();
          }
          const newest = await newestFirst();
          for (const [ordering, expected] of [
            ['-happenedAt', newest],
            ['happenedAt', [...newest].reverse()],
          ] as const) {
            const { pages, last } = await walkForward(`/events/cursor/${ordering}?size=2`);
            expect(pages.flat()).toEqual(expected);
            expect(await walkBackward(last)).toEqual(pages);
          }
        });
      });

      it('sends one SQL query per page', async () => {
        const first = await get('/items/cursor/name').expect(200);
        counter.selects = 0;
        await follow(first.body.next).expect(200);
        expect(counter.selects).toBe(1);
      });
    });
  });
});
