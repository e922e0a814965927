import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { Brackets, DataSource } from 'typeorm';
import { countQueryOf } from '../libs/restflow/src/pagination/count-query.util';
import { ADAPTERS, createTestApp } from './utils/adapters';
import { createTestDatabase, testDatabases, type TestDatabase } from './utils/databases';
import {
  Author,
  Book,
  Country,
  QUERY_SHAPE_ENTITIES,
} from './fixtures/query-shape/query-shape.entities';
import { QueryShapeModule, SelectLog } from './fixtures/query-shape/query-shape.module';

/**
 * The shape of the SQL the generic views run, where it changes nothing in the answers: a detail
 * lookup by a unique key is not ordered, and the COUNT of a page leaves out the joins that cannot
 * change the number of rows (and keeps every other one, so counts stay exact).
 */
describe.each(testDatabases())('query shape on %s', (databaseName) => {
  describe.each(ADAPTERS)('over %s', (adapterName) => {
    let database: TestDatabase;
    let app: INestApplication;
    let http: Parameters<typeof request>[0];
    let dataSource: DataSource;
    const log = new SelectLog();

    beforeAll(async () => {
      database = await createTestDatabase(databaseName);
      const moduleRef = await Test.createTestingModule({
        imports: [
          QueryShapeModule.forDatabase({
            ...database.options(QUERY_SHAPE_ENTITIES),
            logger: log,
          }),
        ],
      }).compile();
      app = await createTestApp(moduleRef, adapterName);
      http = app.getHttpServer();
      dataSource = app.get(DataSource);
      await dataSource.getRepository(Country).insert([{ id: 1, name: 'Norway' }]);
      await dataSource.getRepository(Author).insert([
        { id: 1, name: 'Ann', countryId: 1 },
        { id: 2, name: 'Bob', countryId: null },
      ]);
      await dataSource.getRepository(Book).insert([
        { id: 1, title: 'Dup', pages: 100, authorId: 1 },
        { id: 2, title: 'Dup', pages: 300, authorId: 2 },
        { id: 3, title: 'Solo', pages: 200, authorId: 1 },
        { id: 4, title: 'Orphan', pages: 50, authorId: null },
      ]);
    });
    afterAll(async () => {
      await app.close();
      await database.drop();
    });

    const idsOf = (body: { results: { id: number }[] }) => body.results.map((book) => book.id);

    /** The SELECTs `path` runs, and its response. */
    const selectsOf = async (path: string) => {
      log.selects = [];
      const response = await request(http).get(path);
      return { response, selects: [...log.selects] };
    };

    describe('a detail lookup', () => {
      it('by the primary key is not ordered, and shows its to-one relations', async () => {
        const { response, selects } = await selectsOf('/qs/books/2');
        expect(response.status).toBe(200);
        expect(response.body).toEqual({
          id: 2,
          title: 'Dup',
          pages: 300,
          author: { id: 2, name: 'Bob' },
        });
        expect(selects).toHaveLength(1);
        expect(selects[0]).toMatch(/JOIN/i);
        expect(selects[0]).not.toMatch(/ORDER BY/i);
      });

      it('is still filtered by the filter set, and its parameters still validated', async () => {
        expect((await request(http).get('/qs/books/2?title__icontains=solo')).status).toBe(404);
        expect((await request(http).get('/qs/books/3?title__icontains=solo')).body).toMatchObject({
          id: 3,
        });
        const { response, selects } = await selectsOf('/qs/books/1?authorName=Ann');
        expect(response.body).toMatchObject({ id: 1, author: { name: 'Ann' } });
        expect(selects[0]).not.toMatch(/ORDER BY/i);
        expect((await request(http).get('/qs/books/1?authorName=Bob')).status).toBe(404);
        const invalid = await request(http).get('/qs/books/1?order_by=nope');
        expect(invalid.status).toBe(400);
        expect(invalid.body.error.details).toEqual({ order_by: ['"nope" is not a valid choice.'] });
      });

      it('by a key that is not unique is ordered: the ordering picks the row', async () => {
        const { response, selects } = await selectsOf('/qs/books-by-title/Dup');
        expect(response.body).toMatchObject({ id: 2, pages: 300 });
        expect(selects[0]).toMatch(/ORDER BY/i);
        expect(
          (await request(http).get('/qs/books-by-title/Dup?order_by=pages')).body,
        ).toMatchObject({ id: 1, pages: 100 });
        expect(
          (await request(http).get('/qs/books-by-title/Dup?order_by=-author')).body,
        ).toMatchObject({ id: 2, author: { name: 'Bob' } });
      });
    });

    describe('the COUNT of a page', () => {
      it('leaves out the joins of the shown to-one relations', async () => {
        const { response, selects } = await selectsOf('/qs/books?page=2');
        expect(response.body).toMatchObject({ count: 4 });
        expect(idsOf(response.body)).toEqual([1, 4]);
        const count = selects.find((sql) => /COUNT\(/i.test(sql))!;
        expect(count).toMatch(/COUNT\(1\)/i);
        expect(count).not.toMatch(/JOIN/i);
      });

      it('keeps the join a filter through a relation needs', async () => {
        const { response, selects } = await selectsOf('/qs/books?authorName=Ann');
        expect(response.body).toMatchObject({ count: 2 });
        expect(idsOf(response.body)).toEqual([3, 1]);
        const count = selects.find((sql) => /COUNT\(/i.test(sql))!;
        expect(count).toMatch(/JOIN/i);
      });

      it('counts the same under an ordering through a relation', async () => {
        const { response } = await selectsOf('/qs/books?order_by=author');
        expect(response.body).toMatchObject({ count: 4 });
      });
    });

    describe('countQueryOf()', () => {
      const books = () => dataSource.getRepository(Book).createQueryBuilder('book');
      const authors = () => dataSource.getRepository(Author).createQueryBuilder('author');
      const joinsOf = (query: { expressionMap: { joinAttributes: unknown[] } }) =>
        query.expressionMap.joinAttributes.length;

      it('drops left joins along to-one relations, nested ones too, and leaves the query alone', async () => {
        const query = books()
          .leftJoinAndSelect('book.author', 'a')
          .leftJoinAndSelect('a.country', 'c');
        const count = countQueryOf(query);
        expect(joinsOf(count)).toBe(0);
        expect(joinsOf(query)).toBe(2);
        expect(await count.getCount()).toBe(4);
        expect(await query.getCount()).toBe(4);
      });

      it('keeps to-many, inner and named joins, so that the count stays exact', async () => {
        const toMany = authors().leftJoinAndSelect('author.books', 'b');
        expect(joinsOf(countQueryOf(toMany))).toBe(1);
        expect(await countQueryOf(toMany).getCount()).toBe(2);

        const inner = books().innerJoinAndSelect('book.author', 'a');
        expect(joinsOf(countQueryOf(inner))).toBe(1);
        expect(await countQueryOf(inner).getCount()).toBe(3);

        const named = books()
          .leftJoinAndSelect('book.author', 'a')
          .leftJoin('a.country', 'c')
          .where('c.name = :name', { name: 'Norway' });
        // The country join is named by the WHERE, and the author join by the country join.
        expect(joinsOf(countQueryOf(named))).toBe(2);
        expect(await countQueryOf(named).getCount()).toBe(2);

        const bracketed = books()
          .leftJoin('book.author', 'a')
          .where(new Brackets((where) => where.where('a.name = :name', { name: 'Bob' })));
        expect(joinsOf(countQueryOf(bracketed))).toBe(1);
        expect(await countQueryOf(bracketed).getCount()).toBe(1);
      });
    });
  });
});
