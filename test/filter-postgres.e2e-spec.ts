import type { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { RestflowConfigError } from '../libs/restflow/src/exceptions/restflow-config.error';
import {
  assertFilterSetDialect,
  buildLookup,
  Filter,
  FilterSet,
} from '../libs/restflow/src/filters';
import { ARTICLES, Article, Note } from './fixtures/filter-postgres/article.entity';
import { ArticleFilterSet } from './fixtures/filter-postgres/article.filter-sets';
import {
  noteViewSet,
  PortableFilterSet,
  SearchFilterSet,
  SearchOnListNoteViewSet,
  SearchOnRetrieveNoteViewSet,
  TagsOnRetrieveNoteViewSet,
} from './fixtures/filter-postgres/article.viewsets';
import {
  FILTER_POSTGRES_ENTITIES,
  FilterPostgresModule,
} from './fixtures/filter-postgres/filter-postgres.module';
import { ADAPTERS, createTestApp } from './utils/adapters';
import {
  createPostgresTestDatabase,
  installPostgresExtensions,
  postgresTestDatabases,
  type PostgresTestDatabase,
} from './utils/pglite';

const ALL = ARTICLES.map((article) => article.id);
const except = (...ids: number[]): number[] => ALL.filter((id) => !ids.includes(id));
const q = (value: string): string => encodeURIComponent(value);

/** `[path and query, expected ids (sorted)]`: the same on PGlite and on PostgreSQL. */
const CASES: [string, number[]][] = [
  // search: to_tsvector(title) @@ plainto_tsquery(value), the database's default configuration
  ['/pg/articles?title__search=coffee', [11, 12]],
  ['/pg/articles?title__search=COFFEE', [11, 12]],
  ['/pg/articles?title__search=grinder%20coffee', [12]],
  ['/pg/articles?title__search=coffee%20tea', []],
  [`/pg/articles?title__search=${q('café')}`, [1]],
  ['/pg/articles?title__search=cafe', [2]],
  [`/pg/articles?title__search=${q("O'Brien's")}`, [5]],
  [`/pg/articles?title__search=${q('100% pure')}`, [6]],
  [`/pg/articles?title__search=${q('%')}`, []],
  [`/pg/articles?title__search=${q("' OR 1=1 --")}`, []],
  ['/pg/articles?title__search!=coffee', except(11, 12)],
  ['/pg/articles?q=coffee', [11, 12]],
  ['/pg/articles?q!=coffee', except(11, 12)],
  // trigram_similar: title % value (pg_trgm, similarity above 0.3)
  ['/pg/articles?title__trigram_similar=cofee', [11, 12]],
  ['/pg/articles?title__trigram_similar=house', [11]],
  ['/pg/articles?title__trigram_similar=zzz', []],
  [`/pg/articles?title__trigram_similar=${q('_')}`, []],
  ['/pg/articles?title__trigram_similar!=cofee', except(11, 12)],
  // unaccent: unaccent(title) = unaccent(value), case-sensitive, no pattern characters
  ['/pg/articles?title__unaccent=Cafe%20creme', [1]],
  [`/pg/articles?title__unaccent=${q('Café crème')}`, [1]],
  ['/pg/articles?title__unaccent=cafe%20creme', [2]],
  [`/pg/articles?title__unaccent=${q('cafe crème')}`, [2]],
  ['/pg/articles?title__unaccent=Creme%20brulee%20recipe', [3]],
  ['/pg/articles?title__unaccent=Naive%20resume', [10]],
  [`/pg/articles?title__unaccent=${q("O'Brien's pub")}`, [5]],
  [`/pg/articles?title__unaccent=${q('100% pure juice')}`, [6]],
  [`/pg/articles?title__unaccent=${q('100%')}`, []],
  ['/pg/articles?title__unaccent=under_score%20name', [7]],
  [`/pg/articles?title__unaccent=${q('under%score name')}`, []],
  [`/pg/articles?title__unaccent=${q('back\\slash path')}`, [8]],
  ['/pg/articles?title__unaccent!=cafe%20creme', except(2)],
  // base parameter of a list filter over an array column: the whole array
  ['/pg/articles?tags=red,blue', [1]],
  ['/pg/articles?tags=blue,red', []],
  ['/pg/articles?tags=red&tags=red', [11]],
  ['/pg/articles?tags!=blue', except(2)],
  // contains: tags @> list
  ['/pg/articles?tags__contains=red', [1, 3, 11]],
  ['/pg/articles?tags__contains=red,blue', [1, 3]],
  ['/pg/articles?tags__contains=blue&tags__contains=%20red%20', [1, 3]],
  ['/pg/articles?tags__contains=RED', [10]],
  [`/pg/articles?tags__contains=${q("o'brien")}`, [6]],
  [`/pg/articles?tags__contains=${q('100%')}`, [6]],
  ['/pg/articles?tags__contains=100', []],
  ['/pg/articles?tags__contains=a_b', [6]],
  [`/pg/articles?tags__contains=${q('a%b')}`, []],
  [`/pg/articles?tags__contains=${q('back\\slash')}`, [7]],
  ['/pg/articles?tags__contains=x', []],
  [`/pg/articles?tags__contains=${q('{}')}`, [12]],
  [`/pg/articles?tags__contains=${q('"q"')}`, [12]],
  [`/pg/articles?tags__contains=${q('café')}`, [8]],
  ['/pg/articles?tags__contains=cafe', [9]],
  ['/pg/articles?tags__contains=', except(5)],
  ['/pg/articles?tags__contains!=red', except(1, 3, 11)],
  ['/pg/articles?tags__contains!=', [5]],
  // overlap: tags && list
  ['/pg/articles?tags__overlap=red,green', [1, 3, 11]],
  [`/pg/articles?tags__overlap=RED,${q('café')}`, [8, 10]],
  ['/pg/articles?tags__overlap=', []],
  ['/pg/articles?tags__overlap!=red,green', except(1, 3, 11)],
  ['/pg/articles?tags__overlap!=', ALL],
  // contained_by: tags <@ list
  ['/pg/articles?tags__contained_by=red,blue', [1, 2, 4, 11]],
  ['/pg/articles?tags__contained_by=', [4]],
  ['/pg/articles?tags__contained_by!=red,blue', except(1, 2, 4, 11)],
  // int[]: items validated as integers, cast to integer[]
  ['/pg/articles?sizes__contains=38', [1, 3, 7]],
  ['/pg/articles?sizes__contains=%2040%20,38', [1, 3]],
  ['/pg/articles?sizes__contains=38.0', [1, 3, 7]],
  ['/pg/articles?sizes__overlap=42,44', [3, 6, 9]],
  ['/pg/articles?sizes__overlap=-1', [12]],
  ['/pg/articles?sizes__contained_by=36,38,40', [1, 2, 4, 7, 11]],
  ['/pg/articles?sizes__contained_by=0,-1', [4, 12]],
  ['/pg/articles?sizes__overlap!=40', except(1, 2, 3, 9)],
  ['/pg/articles?sizes=40', [2]],
  ['/pg/articles?sizes=', [4]],
  // varchar(20)[] through aliases
  ['/pg/articles?labels__has=new', [1, 3, 9]],
  ['/pg/articles?labels__has=new,sale', [3]],
  ['/pg/articles?labels__any=sale,old', [2, 3, 8, 9, 12]],
  ['/pg/articles?labels__has!=new', except(1, 3, 9)],
  // several parameters (AND)
  ['/pg/articles?tags__contains=red&sizes__overlap=40,36', [1, 3, 11]],
  ['/pg/articles?title__search=coffee&tags__overlap=red', [11]],
  ['/pg/articles?tags__contains!=red&sizes__contains=40', [2, 9]],
  // the filter set of an action's ActionConfig
  ['/pg/searchable-articles?title__search=coffee', [11, 12]],
  ['/pg/searchable-articles?title__icontains=CAF', [1, 2]],
];

const validation = (details: Record<string, unknown>) => ({
  error: { code: 'validation_error', message: 'Request validation failed.', details },
});
const INTEGER = ['A valid integer is required.'];

/** `[path and query, error details of the 400 envelope]`. */
const ERRORS: [string, Record<string, unknown>][] = [
  ['/pg/articles?sizes__contains=38,x', { sizes__contains: { '1': INTEGER } }],
  ['/pg/articles?sizes__overlap=1.5', { sizes__overlap: { '0': INTEGER } }],
  [
    '/pg/articles?sizes__contained_by=a,2,b',
    { sizes__contained_by: { '0': INTEGER, '2': INTEGER } },
  ],
  [`/pg/articles?sizes__contains!=${q("1'")}`, { 'sizes__contains!': { '0': INTEGER } }],
  ['/pg/articles?sizes=1,x', { sizes: { '1': INTEGER } }],
  ['/pg/articles?title__search=%20%20', { title__search: ['This field may not be blank.'] }],
  [
    '/pg/articles?title__unaccent=%20&tags__contains=a&sizes__overlap=x',
    { title__unaccent: ['This field may not be blank.'], sizes__overlap: { '0': INTEGER } },
  ],
];

describe.each(postgresTestDatabases())('postgres and pg_array lookups on %s', (databaseName) => {
  let database: PostgresTestDatabase | undefined;
  const current = (): PostgresTestDatabase => {
    if (!database) throw new Error('The test database is created in beforeAll.');
    return database;
  };
  beforeAll(async () => {
    database = await createPostgresTestDatabase(databaseName);
  });
  afterAll(() => database?.drop());

  describe.each(ADAPTERS)('over %s', (adapterName) => {
    let app: INestApplication | undefined;
    let http: Parameters<typeof request>[0];

    beforeAll(async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [FilterPostgresModule.forDatabase(current().options(FILTER_POSTGRES_ENTITIES))],
      }).compile();
      app = await createTestApp(moduleRef, adapterName);
      http = app.getHttpServer() as Parameters<typeof request>[0];
      const dataSource = app.get(DataSource);
      await installPostgresExtensions(dataSource);
      if ((await dataSource.getRepository(Article).count()) === 0) {
        await dataSource.getRepository(Article).save(ARTICLES);
      }
    });
    afterAll(() => app?.close());

    it.each(CASES)('GET %s', async (url, expected) => {
      const response = await request(http).get(url).expect(200);
      const ids = (response.body as { id: number }[]).map((row) => row.id);
      expect(ids.sort((a, b) => a - b)).toEqual(expected);
    });

    it.each(ERRORS)('GET %s is a 400', async (url, details) => {
      const response = await request(http).get(url).expect(400);
      expect(response.body).toEqual(validation(details));
    });
  });

  describe('at boot', () => {
    it.each([
      ['a view filterSetClass', noteViewSet(SearchFilterSet)],
      ['an @ActionConfig on a handler', SearchOnListNoteViewSet],
      ['an actionConfigs entry', SearchOnRetrieveNoteViewSet],
    ])('accepts the PostgreSQL lookups of %s', async (_where, viewSet) => {
      const app = await bootApp(current().options(FILTER_POSTGRES_ENTITIES), viewSet);
      await app.close();
    });
  });

  describe('the lookup engine', () => {
    let dataSource: DataSource;
    beforeAll(async () => {
      dataSource = await new DataSource(current().options(FILTER_POSTGRES_ENTITIES)).initialize();
      await installPostgresExtensions(dataSource);
      if ((await dataSource.getRepository(Article).count()) === 0) {
        await dataSource.getRepository(Article).save(ARTICLES);
      }
    });
    afterAll(() => dataSource.destroy());

    it('binds each list as one parameter cast to the column type', async () => {
      const query = await new ArticleFilterSet({
        sizes__overlap: '42,44',
        labels__any: "old,x'",
        'tags__contained_by!': 'red,blue',
      }).filterQueryset(dataSource.getRepository(Article).createQueryBuilder('article'));
      const [sql, parameters] = query.getQueryAndParameters();
      expect(sql).toContain(
        'NOT ("article"."tags" <@ CAST($1 AS text[]) AND "article"."tags" IS NOT NULL)',
      );
      expect(sql).toContain('"article"."sizes" && CAST($2 AS integer[])');
      expect(sql).toContain('"article"."labels" && CAST($3 AS character varying[])');
      expect(parameters).toEqual([
        ['red', 'blue'],
        [42, 44],
        ['old', "x'"],
      ]);
      expect((await query.getMany()).map((row) => row.id)).toEqual([9]);
    });

    it('builds the postgres lookups like Django', () => {
      const query = dataSource.getRepository(Article).createQueryBuilder('a');
      const column = `${query.escape('a')}.${query.escape('title')}`;
      const build = (lookup: 'search' | 'trigram_similar' | 'unaccent', negate = false) =>
        buildLookup({
          query,
          column,
          columnType: 'string',
          lookup,
          value: 'x',
          negate,
          parameterPrefix: 'p',
        }).sql;
      expect(build('search')).toBe(
        `to_tsvector(COALESCE("a"."title", '')) @@ plainto_tsquery(:p_value)`,
      );
      expect(build('trigram_similar')).toBe('"a"."title" % :p_value');
      expect(build('unaccent', true)).toBe(
        'NOT (unaccent("a"."title") = unaccent(:p_value) AND "a"."title" IS NOT NULL)',
      );
    });
  });
});

/** Compiles and initialises an app of one view on `options` (Express). */
async function bootApp(
  options: DataSourceOptions,
  viewSet: Type<unknown>,
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [FilterPostgresModule.forDatabase(options, [viewSet])],
  }).compile();
  return createTestApp(moduleRef, 'express');
}

describe('PostgreSQL-only lookups elsewhere', () => {
  const sqljs: DataSourceOptions = { type: 'sqljs', entities: [Note], synchronize: true };
  const fix = 'Fix: remove the lookup or use PostgreSQL.';
  const searchOnSqljs = `SearchFilterSet.title: the "search" lookup needs PostgreSQL; this data source is sqljs. ${fix}`;

  it.each([
    ['a view filterSetClass', noteViewSet(SearchFilterSet), searchOnSqljs],
    ['an @ActionConfig on a handler', SearchOnListNoteViewSet, searchOnSqljs],
    [
      'an actionConfigs entry',
      TagsOnRetrieveNoteViewSet,
      'TagsFilterSet.tags: the "contains" lookup on an array column needs PostgreSQL; this ' +
        `data source is sqljs. ${fix}`,
    ],
  ])('fail app.init() on sql.js through %s', async (_where, viewSet, message) => {
    const moduleRef = await Test.createTestingModule({
      imports: [FilterPostgresModule.forDatabase(sqljs, [viewSet])],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    const error = await app.init().catch((caught: unknown) => caught);
    await app.close();
    expect(error).toBeInstanceOf(RestflowConfigError);
    expect((error as Error).message).toBe(message);
  });

  it('boots on sql.js when contains is the text lookup', async () => {
    const app = await bootApp(sqljs, noteViewSet(PortableFilterSet));
    await request(app.getHttpServer() as Parameters<typeof request>[0])
      .get('/pg/notes?title__contains=a')
      .expect(200, []);
    await app.close();
  });

  it('checks a filter set against a data source without connecting', () => {
    const options = (type: 'mysql' | 'cockroachdb' | 'postgres') =>
      new DataSource({ type } as DataSourceOptions);
    expect(() => assertFilterSetDialect(ArticleFilterSet, options('mysql'))).toThrow(
      'ArticleFilterSet.title: the "search" lookup needs PostgreSQL; this data source is mysql.',
    );
    expect(() => assertFilterSetDialect(ArticleFilterSet, options('cockroachdb'))).not.toThrow();
    expect(() => assertFilterSetDialect(ArticleFilterSet, options('postgres'))).not.toThrow();
    expect(() => assertFilterSetDialect(PortableFilterSet, options('mysql'))).not.toThrow();
    class OverlapOnly extends FilterSet {
      @Filter({ child: 'integer', lookups: { any: 'overlap' } }) sizes!: number[];
    }
    expect(() => assertFilterSetDialect(OverlapOnly, options('mysql'))).toThrow(
      `OverlapOnly.sizes: the "overlap" lookup needs PostgreSQL; this data source is mysql. ${fix}`,
    );
  });

  it('never builds PostgreSQL-only SQL on another dialect', async () => {
    const dataSource = await new DataSource(sqljs).initialize();
    try {
      const query = dataSource.getRepository(Note).createQueryBuilder('note');
      const build = (lookup: 'unaccent' | 'overlap', columnType: 'string' | 'array') =>
        buildLookup({
          query,
          column: '"note"."title"',
          columnType,
          arrayItem: { columnType: 'string', sqlType: 'text' },
          lookup,
          value: lookup === 'overlap' ? ['a'] : 'a',
          negate: false,
          parameterPrefix: 'p',
        });
      expect(() => build('unaccent', 'string')).toThrow(
        `The "unaccent" lookup needs PostgreSQL; this data source is sqljs. ${fix}`,
      );
      expect(() => build('overlap', 'array')).toThrow(RestflowConfigError);
      const search = await new SearchFilterSet({ title__search: 'a' })
        .filterQueryset(query)
        .catch((caught: unknown) => caught);
      expect(search).toBeInstanceOf(RestflowConfigError);
    } finally {
      await dataSource.destroy();
    }
  });

  it('declares the pg_array lookups on list filters only', () => {
    expect(ArticleFilterSet.getParameters()).toEqual(
      expect.arrayContaining([
        'title__search',
        'title__trigram_similar',
        'title__unaccent',
        'tags__contains',
        'tags__overlap',
        'tags__contained_by',
        'tags__contains!',
        'tags__overlap!',
        'tags__contained_by!',
        'sizes__contained_by!',
        'labels__has',
        'labels__any!',
      ]),
    );
    class OverlapOnText extends FilterSet {
      @Filter({ lookups: ['overlap'] }) name!: string;
    }
    expect(() => new OverlapOnText()).toThrow(
      'The "overlap" lookup of OverlapOnText.name compares PostgreSQL arrays',
    );
    class ArrayOnNumber extends FilterSet {
      @Filter({ type: 'integer', lookups: ['pg_array'] }) size!: number;
    }
    expect(() => new ArrayOnNumber()).toThrow(RestflowConfigError);
    class DefectiveName extends FilterSet {
      @Filter({ child: 'string', lookups: ['overlaps'] }) tags!: string[];
    }
    expect(() => new DefectiveName()).toThrow('Unknown lookup "overlaps"');
    class PostgresOnNumber extends FilterSet {
      @Filter({ type: 'integer', lookups: ['search'] }) size!: number;
    }
    expect(() => new PostgresOnNumber()).toThrow(
      'The "search" lookup does not apply to PostgresOnNumber.size, a number filter.',
    );
  });
});
