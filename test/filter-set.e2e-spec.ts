import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import {
  Brackets,
  Column,
  DataSource,
  Entity,
  PrimaryColumn,
  type ObjectLiteral,
  type SelectQueryBuilder,
} from 'typeorm';
import { RestflowConfigError } from '../libs/restflow/src/exceptions/restflow-config.error';
import { ValidationFailed } from '../libs/restflow/src/exceptions/standard.exceptions';
import {
  Filter,
  FilterSet,
  type FilterSetMeta,
  type FilterSetOperator,
} from '../libs/restflow/src/filters';
import type { RestflowRequest } from '../libs/restflow/src/core/restflow-request.interface';
import { CATEGORIES, Category, PRODUCTS, Product } from './fixtures/filter-set/product.entity';
import { FILTER_SET_ENTITIES, FilterSetModule } from './fixtures/filter-set/filter-set.module';
import {
  ModelProductFilterSet,
  OddProductFilterSet,
  ProductFilterSet,
  StrictProductFilterSet,
} from './fixtures/filter-set/product.filter-set';
import { ADAPTERS } from './utils/adapters';
import { testDatabases } from './utils/databases';
import { useTestApp, useTestDatabase } from './utils/e2e-hooks';

const ALL = PRODUCTS.map((product) => product.id);
const except = (...ids: number[]): number[] => ALL.filter((id) => !ids.includes(id));
const FOOD = [1, 2, 3, 7, 10, 11];
const ACTIVE = [1, 3, 4, 6, 7, 9, 11, 12];
const INACTIVE = [2, 5, 8, 10];

/**
 * `[path and query, expected ids]`. Without an ordering parameter the ids are compared sorted;
 * with one (`order_by`, `sort`), in the order received.
 */
const CASES: [string, number[]][] = [
  // no filter, unknown and empty parameters
  ['/fs/products', ALL],
  ['/fs/products?bogus=1&page=2', ALL],
  ['/fs/products?name=', ALL],
  ['/fs/products?active=&stock=', ALL],
  // strings: exact (case-sensitive, trimmed), text lookups, in, last value wins
  ['/fs/products?name=Apple', [1]],
  ['/fs/products?name=apple', []],
  ['/fs/products?name=%20Apple%20', [1]],
  ['/fs/products?name=Banana&name=Apple', [1]],
  ['/fs/products?name__iexact=apple', [1]],
  ['/fs/products?name__icontains=r', [3, 4, 5, 6, 7, 8, 12]],
  ['/fs/products?name__contains=E', [5]],
  ['/fs/products?name__startswith=A', [1]],
  ['/fs/products?name__startswith=G', []],
  ['/fs/products?name__istartswith=g', [7]],
  ['/fs/products?name__endswith=y', [3]],
  ['/fs/products?name__in=Apple,Jam', [1, 10]],
  ['/fs/products?name__in=Apple&name__in=Jam,%20Ink%20,', [1, 9, 10]],
  ['/fs/products?name!=Apple', except(1)],
  ['/fs/products?name__icontains!=r', [1, 2, 9, 10, 11]],
  ['/fs/products?name__in!=Apple,Jam', except(1, 10)],
  // nullable strings: negation keeps NULL rows
  ['/fs/products?code=A-1', [1]],
  ['/fs/products?code!=A-1', except(1)],
  ['/fs/products?code__isnull=true', [3, 9]],
  ['/fs/products?code__isnull=FALSE', except(3, 9)],
  ['/fs/products?code__isnull!=true', except(3, 9)],
  ['/fs/products?code__in=A-1,B-2', [1, 2]],
  ['/fs/products?code__in!=A-1,B-2', except(1, 2)],
  // integers
  ['/fs/products?stock=0', [2, 10]],
  ['/fs/products?stock=%200.0%20', [2, 10]],
  ['/fs/products?stock__gt=25', [6, 7, 11]],
  ['/fs/products?stock__gte=25', [3, 6, 7, 11]],
  ['/fs/products?stock__lt=5', [2, 4, 10]],
  ['/fs/products?stock__lte=7', [2, 4, 8, 10]],
  ['/fs/products?stock__in=0,7,12', [2, 8, 9, 10]],
  ['/fs/products?stock__in=0&stock__in=7,,12', [2, 8, 9, 10]],
  ['/fs/products?stock__range=5,25', [1, 3, 8, 9]],
  ['/fs/products?stock__range=5&stock__range=25', [1, 3, 8, 9]],
  ['/fs/products?stock__isnull=true', [5, 12]],
  ['/fs/products?stock!=0', except(2, 10)],
  ['/fs/products?stock__gte!=25', [1, 2, 4, 5, 8, 9, 10, 12]],
  ['/fs/products?stock__range!=5,25', except(1, 3, 8, 9)],
  ['/fs/products?stock__in!=0,7', except(2, 8, 10)],
  ['/fs/products?stock__gte=10&stock__lte=40', [1, 3, 7, 9]],
  // decimals through a float filter and through aliases
  ['/fs/products?price__gt=10', [4, 8, 12]],
  ['/fs/products?price__lte=1.1', [2, 5, 11]],
  ['/fs/products?price=2.25', [6]],
  ['/fs/products?price__range=1,5', [1, 3, 6, 7, 9, 11]],
  ['/fs/products?cost__min=5&cost__max=20', [3, 8, 10]],
  ['/fs/products?cost__max!=5', [4, 8, 10, 12]],
  ['/fs/products?cost=6', [10]],
  // booleans
  ['/fs/products?active=true', ACTIVE],
  ['/fs/products?active=FALSE', INACTIVE],
  ['/fs/products?active=0', INACTIVE],
  ['/fs/products?active=tRuE', ACTIVE],
  ['/fs/products?active=No', INACTIVE],
  ['/fs/products?code__isnull=YES', [3, 9]],
  ['/fs/products?active=Yes', ACTIVE],
  ['/fs/products?active=off', INACTIVE],
  ['/fs/products?active=t', ACTIVE],
  ['/fs/products?active!=true', INACTIVE],
  // date-times, through dbField
  ['/fs/products?released=2024-01-15T10:00:00Z', [1]],
  ['/fs/products?released=2024-01-15T11:00:00%2B01:00', [1]],
  ['/fs/products?released__gte=2024-01-01T00:00:00Z', [1, 2, 6, 7, 9, 10]],
  ['/fs/products?released__lt=2022-01-01T00:00:00Z', [8, 12]],
  ['/fs/products?released__year=2024', [1, 2, 6, 7, 9]],
  ['/fs/products?released__year!=2024', [3, 4, 5, 8, 10, 11, 12]],
  ['/fs/products?released__month=12', [9, 11]],
  ['/fs/products?released__date=2024-12-31', [9]],
  ['/fs/products?released__isnull=true', [5]],
  ['/fs/products?since=2024', [1, 2, 6, 7, 9, 10]],
  // choices, lists, relation paths, functions
  ['/fs/products?kind=food', FOOD],
  ['/fs/products?kind!=food', except(...FOOD)],
  ['/fs/products?ids=1,2,3', [1, 2, 3]],
  ['/fs/products?ids=1&ids=2,%203%20', [1, 2, 3]],
  ['/fs/products?ids=', []],
  ['/fs/products?ids!=1,2', except(1, 2)],
  ['/fs/products?category=fruit', FOOD],
  ['/fs/products?category=OFF', [5, 9]],
  ['/fs/products?category!=fruit', except(...FOOD)],
  ['/fs/products?category=tools&stock__gte=5', [8]],
  ['/fs/products?category=fruit&category!=tools', FOOD],
  ['/fs/products?search=an', [2]],
  ['/fs/products?search=AR', [4, 6, 8, 12]],
  ['/fs/products?search!=food', except(...FOOD)],
  ['/fs/products?plenty=true', [6, 7, 11]],
  ['/fs/products?plenty=false', [1, 2, 3, 4, 8, 9, 10]],
  // a negated filterBy keeps rows where its condition is NULL (stock NULL: 5, 12)
  ['/fs/products?plenty!=true', [1, 2, 3, 4, 5, 8, 9, 10, 12]],
  // AND of several parameters
  ['/fs/products?kind=food&active=true&stock__gte=20', [3, 7, 11]],
  ['/fs/products?kind=hardware&price__lt=50', [6, 8]],
  ['/fs/products?kind=food&name!=Apple&code__isnull=false', [2, 7, 10, 11]],
  // ordering: left to right, duplicates dropped, primary key as the tie-breaker
  ['/fs/products?order_by=price', [5, 2, 11, 1, 6, 7, 9, 3, 10, 8, 4, 12]],
  ['/fs/products?order_by=-price', [12, 4, 8, 10, 3, 9, 7, 6, 1, 11, 2, 5]],
  ['/fs/products?kind=food&order_by=-stock', [11, 7, 3, 1, 2, 10]],
  ['/fs/products?kind=food&order_by=stock', [2, 10, 1, 3, 7, 11]],
  ['/fs/products?kind=food&order_by=stock,-price', [10, 2, 1, 3, 7, 11]],
  ['/fs/products?kind=food&order_by=stock&order_by=-price', [10, 2, 1, 3, 7, 11]],
  ['/fs/products?kind=food&order_by=stock,-stock,-price', [10, 2, 1, 3, 7, 11]],
  ['/fs/products?kind=food&order_by=%20stock%20,,-price', [10, 2, 1, 3, 7, 11]],
  ['/fs/products?released__isnull=false&order_by=newest', [10, 9, 7, 6, 2, 1, 11, 3, 4, 8, 12]],
  ['/fs/products?released__year=2024&order_by=-newest', [1, 2, 6, 7, 9]],
  ['/fs/products?released__year=2024&order_by=released', [1, 2, 6, 7, 9]],
  ['/fs/products?kind=hardware&order_by=name', [4, 6, 8, 12]],
  ['/fs/products?kind=hardware&order_by=-name', [12, 8, 6, 4]],
  ['/fs/products?ids=3,1,2&order_by=-id', [3, 2, 1]],
  ['/fs/products?category=fruit&order_by=-price', [10, 3, 7, 1, 11, 2]],
  // OR
  ['/fs/any-products', ALL],
  ['/fs/any-products?kind=stationery&stock__gte=60', [5, 6, 9, 11]],
  ['/fs/any-products?name=Apple&code=B-2', [1, 2]],
  ['/fs/any-products?name=Apple&name=Jam', [10]],
  ['/fs/any-products?active=false&price__gt=50', [2, 4, 5, 8, 10, 12]],
  ['/fs/any-products?category=tools&search=stat', [4, 5, 8, 9, 12]],
  ['/fs/any-products?plenty=true&kind=stationery', [5, 6, 7, 9, 11]],
  ['/fs/any-products?stock!=0&stock__isnull=true', except(2, 10)],
  ['/fs/any-products?ids=1,2&kind!=food&order_by=-id', [12, 9, 8, 6, 5, 4, 2, 1]],
  // XOR: an odd number of conditions hold (NULL counts as false)
  ['/fs/odd-products?active=true', ACTIVE],
  ['/fs/odd-products?active=true&kind=food', [2, 4, 6, 9, 10, 12]],
  ['/fs/odd-products?active=true&kind=food&stock__gte=10', [1, 2, 3, 4, 7, 10, 11, 12]],
  ['/fs/odd-products?stock__gte=10&stock__lt=50', [2, 4, 6, 8, 10, 11]],
  ['/fs/odd-products?kind!=food&active=true', [1, 3, 5, 7, 8, 11]],
  ['/fs/odd-products?stock__gte!=10&stock__lt!=50', [2, 4, 6, 8, 10, 11]],
  // strict, required, default ordering, custom order parameter
  ['/fs/strict-products?kind=hardware', [12, 4, 8, 6]],
  ['/fs/strict-products?kind=hardware&sort=price', [6, 8, 4, 12]],
  ['/fs/strict-products?kind=food&stock__gte!=10&format=json', [10, 2]],
  ['/fs/strict-products?kind=food&stock__gte=10&sort=-price,price', [3, 7, 1, 11]],
  // no filter set on the view: nothing is read
  ['/fs/plain-products?stock=abc', ALL],
  // generated from the model, extraKwargs lookups, a declared filter replacing a generated one
  ['/fs/model-products?id=3', [3]],
  ['/fs/model-products?name=Apple', [1]],
  ['/fs/model-products?name__icontains=an', [2]],
  ['/fs/model-products?code=A-1', ALL],
  ['/fs/model-products?kind=food', FOOD],
  ['/fs/model-products?active=false', INACTIVE],
  ['/fs/model-products?stock__gte=40', [6, 7, 11]],
  ['/fs/model-products?stock!=0', except(2, 10)],
  ['/fs/model-products?price__gte=50', [4, 12]],
  ['/fs/model-products?price=1.5', [1]],
  ['/fs/model-products?releasedAt__year__gte=2024', [1, 2, 6, 7, 9, 10]],
  ['/fs/model-products?releasedAt__year__gte!=2024', [3, 4, 5, 8, 11, 12]],
  ['/fs/model-products?releasedAt__month__in=1,2', [1, 2, 10]],
  ['/fs/model-products?releasedAt__date__lt=2021-01-01', [12]],
  ['/fs/model-products?releasedAt__quarter=3', [6, 7]],
  ['/fs/model-products?category=2', [4, 8, 12]],
  ['/fs/model-products?category__in=1,3', [1, 2, 3, 5, 7, 9, 10, 11]],
  ['/fs/model-products?category__isnull=true', [6]],
  ['/fs/model-products?category!=1', [4, 5, 6, 8, 9, 12]],
];

const validation = (details: Record<string, unknown>) => ({
  error: { code: 'validation_error', message: 'Request validation failed.', details },
});

const DATETIME_FORMAT =
  'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].';

/** `[path and query, error details of the 400 envelope]`. */
const ERRORS: [string, Record<string, unknown>][] = [
  ['/fs/products?stock=abc', { stock: ['A valid integer is required.'] }],
  ['/fs/products?stock=1.5', { stock: ['A valid integer is required.'] }],
  ['/fs/products?price__gte=x', { price__gte: ['A valid number is required.'] }],
  ['/fs/products?active=maybe', { active: ['Must be a valid boolean.'] }],
  ['/fs/products?active!=maybe', { 'active!': ['Must be a valid boolean.'] }],
  ['/fs/products?code__isnull=perhaps', { code__isnull: ['Must be a valid boolean.'] }],
  ['/fs/products?ids=1,x', { ids: { '1': ['A valid integer is required.'] } }],
  [
    '/fs/products?ids=a,2,b',
    { ids: { '0': ['A valid integer is required.'], '2': ['A valid integer is required.'] } },
  ],
  ['/fs/products?stock__in=1,x', { stock__in: { '1': ['A valid integer is required.'] } }],
  ['/fs/products?stock__range=1', { stock__range: ['Ensure this field has exactly 2 elements.'] }],
  [
    '/fs/products?stock__range=1,2,3',
    { stock__range: ['Ensure this field has exactly 2 elements.'] },
  ],
  ['/fs/products?stock__range=', { stock__range: ['Ensure this field has exactly 2 elements.'] }],
  ['/fs/products?kind=toys', { kind: ['"toys" is not a valid choice.'] }],
  ['/fs/products?order_by=bogus', { order_by: ['"bogus" is not a valid choice.'] }],
  ['/fs/products?order_by=price,-bogus', { order_by: ['"-bogus" is not a valid choice.'] }],
  ['/fs/products?released=yesterday', { released: [DATETIME_FORMAT] }],
  ['/fs/products?released__year=last', { released__year: ['A valid integer is required.'] }],
  ['/fs/products?name=%20%20', { name: ['This field may not be blank.'] }],
  [
    '/fs/products?active=maybe&stock__gt=x',
    { stock__gt: ['A valid integer is required.'], active: ['Must be a valid boolean.'] },
  ],
  ['/fs/strict-products', { kind: ['This field is required.'] }],
  ['/fs/strict-products?kind=food&bogus=1', { bogus: ['Unknown filter parameter.'] }],
  ['/fs/strict-products?kind=food&kind!=food', { 'kind!': ['Unknown filter parameter.'] }],
  ['/fs/strict-products?kind=food&order_by=price', { order_by: ['Unknown filter parameter.'] }],
  [
    '/fs/strict-products?kind=food&stock__gte=-1',
    { stock__gte: ['Ensure this value is greater than or equal to 0.'] },
  ],
  ['/fs/strict-products?kind=food&sort=stock', { sort: ['"stock" is not a valid choice.'] }],
  [
    '/fs/model-products?releasedAt__year__gte=abc',
    { releasedAt__year__gte: ['A valid integer is required.'] },
  ],
  ['/fs/model-products?category=x', { category: ['A valid integer is required.'] }],
  [
    '/fs/model-products?price__gte=-1',
    { price__gte: ['Ensure this value is greater than or equal to 0.'] },
  ],
  [
    '/fs/model-products?releasedAt__month__in=1,x',
    { releasedAt__month__in: { '1': ['A valid integer is required.'] } },
  ],
];

describe.each(testDatabases())('filter sets on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  describe.each(ADAPTERS)('over %s', (adapterName) => {
    const handle = useTestApp(adapterName, database, (options) => [
      FilterSetModule.forDatabase(options(FILTER_SET_ENTITIES)),
    ]);
    let app: INestApplication;
    let http: Parameters<typeof request>[0];

    beforeAll(async () => {
      app = handle.app();
      http = handle.http();
      const dataSource = app.get(DataSource);
      if ((await dataSource.getRepository(Product).count()) === 0) {
        await dataSource.getRepository(Category).save(CATEGORIES);
        await dataSource.getRepository(Product).save(PRODUCTS);
      }
    });

    it.each(CASES)('GET %s', async (url, expected) => {
      const response = await request(http).get(url).expect(200);
      const ids = (response.body as { id: number }[]).map((row) => row.id);
      const ordered = /[?&](order_by|sort)=/.test(url) || url.startsWith('/fs/strict-products');
      expect(ordered ? ids : [...ids].sort((a, b) => a - b)).toEqual(expected);
    });

    it.each(ERRORS)('GET %s is a 400', async (url, details) => {
      const response = await request(http).get(url).expect(400);
      expect(response.body).toEqual(validation(details));
    });
  });
});

describe.each(testDatabases())('forRoot filters.strict on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  describe.each(ADAPTERS)('over %s', (adapterName) => {
    const handle = useTestApp(adapterName, database, (options) => [
      FilterSetModule.forDatabase(options(FILTER_SET_ENTITIES), {
        filters: { strict: true, ignoredParams: ['page', 'format'] },
        pagination: { pageSizeQueryParam: 'size' },
      }),
    ]);

    beforeAll(async () => {
      const dataSource = handle.app().get(DataSource);
      if ((await dataSource.getRepository(Product).count()) === 0) {
        await dataSource.getRepository(Category).save(CATEGORIES);
        await dataSource.getRepository(Product).save(PRODUCTS);
      }
    });

    it('rejects unknown parameters in every filter set without meta.strict', async () => {
      const response = await request(handle.http())
        .get('/fs/products?name=Apple&bogus=1&limit=2')
        .expect(400);
      expect(response.body).toEqual(
        validation({
          bogus: ['Unknown filter parameter.'],
          limit: ['Unknown filter parameter.'],
        }),
      );
    });

    it('accepts the ignored and page-size parameters, and the filter set own ones', async () => {
      const response = await request(handle.http())
        .get('/fs/products?name=Apple&page=1&size=5&format=json&order_by=-id')
        .expect(200);
      expect((response.body as { id: number }[]).map((row) => row.id)).toEqual([1]);
    });

    it('leaves views without a filter set alone', async () => {
      await request(handle.http()).get('/fs/plain-products?bogus=1').expect(200);
    });
  });
});

describe.each(testDatabases())('the FilterSet API on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);
  // Nested, so that the data source is destroyed before the database is dropped.
  describe('with a data source', () => {
    let dataSource: DataSource;
    beforeAll(async () => {
      dataSource = await new DataSource(database().options(FILTER_SET_ENTITIES)).initialize();
      await dataSource.getRepository(Category).save(CATEGORIES);
      await dataSource.getRepository(Product).save(PRODUCTS);
    });
    afterAll(() => dataSource.destroy());

    const products = () =>
      dataSource
        .getRepository(Product)
        .createQueryBuilder('product') as unknown as SelectQueryBuilder<ObjectLiteral>;
    const idsOf = async (query: SelectQueryBuilder<ObjectLiteral>) =>
      (await query.getMany()).map((row) => (row as Product).id).sort((a, b) => a - b);

    it('lists its parameters: base, lookup variants, then negations', () => {
      expect(OddProductFilterSet.getParameters()).toEqual([
        'stock',
        'stock__gte',
        'stock__lt',
        'stock!',
        'stock__gte!',
        'stock__lt!',
        'active',
        'active!',
        'kind',
        'kind!',
      ]);
      expect(StrictProductFilterSet.getParameters()).toEqual([
        'kind',
        'stock',
        'stock__gte',
        'stock!',
        'stock__gte!',
      ]);
      const parameters = ProductFilterSet.getParameters();
      expect(parameters.slice(0, 9)).toEqual([
        'name',
        'name__icontains',
        'name__contains',
        'name__startswith',
        'name__endswith',
        'name__iexact',
        'name__istartswith',
        'name__in',
        'name!',
      ]);
      expect(parameters).toEqual(expect.arrayContaining(['cost__min', 'cost__max!', 'since']));
      expect(parameters).not.toContain('since!');
      expect(parameters.filter((name) => name.startsWith('code'))).toEqual([
        'code',
        'code__in',
        'code__isnull',
        'code!',
        'code__in!',
        'code__isnull!',
      ]);
    });

    it('validates into typed values (plain object, URLSearchParams and Map input)', async () => {
      const filterSet = new ProductFilterSet({
        stock__in: '1, 2',
        active: 'yes',
        ids: ['1', '2,3'],
        order_by: '-price,stock',
        name: '',
        released__date: '2024-12-31',
      });
      expect(await filterSet.isValid()).toBe(true);
      expect(filterSet.errors).toEqual({});
      expect(filterSet.validatedData).toEqual({
        stock__in: [1, 2],
        active: true,
        ids: [1, 2, 3],
        released__date: '2024-12-31',
        order_by: ['-price', 'stock'],
      });
      const fromSearch = new ProductFilterSet(new URLSearchParams('stock=1&stock=2&kind=food'));
      expect(await fromSearch.isValid()).toBe(true);
      expect(fromSearch.validatedData).toEqual({ stock: 2, kind: 'food' });
      const fromMap = new ProductFilterSet(new Map([['ids', ['4', '5']]]));
      expect(await idsOf(await fromMap.filterQueryset(products()))).toEqual([4, 5]);
    });

    it('reports every error, and filterQueryset throws ValidationFailed with them', async () => {
      const filterSet = new ProductFilterSet({ stock: 'x', ids: '1,y', active: 'maybe' });
      expect(await filterSet.isValid()).toBe(false);
      const details = {
        stock: ['A valid integer is required.'],
        active: ['Must be a valid boolean.'],
        ids: { '1': ['A valid integer is required.'] },
      };
      expect(filterSet.errors).toEqual(details);
      expect(() => filterSet.validatedData).toThrow(RestflowConfigError);
      const error = await new ProductFilterSet({ stock: 'x', ids: '1,y', active: 'maybe' })
        .filterQueryset(products())
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationFailed);
      expect((error as ValidationFailed).details).toEqual(details);
      expect((error as ValidationFailed).getStatus()).toBe(400);
    });

    it('reads every value of the request query string', async () => {
      const request = {
        method: 'GET',
        url: '/x?ids=1,2&ids=3&stock__gte=1&stock__gte=5',
        headers: {},
        query: {},
        params: {},
      } satisfies RestflowRequest;
      const filterSet = ProductFilterSet.fromRequest(request);
      expect(await idsOf(await filterSet.filterQueryset(products()))).toEqual([1, 3]);
      expect(filterSet.request).toBe(request);
    });

    it('runs async preprocessors and postprocessors with the request, in order', async () => {
      const calls: string[] = [];
      class ProcessedFilterSet extends FilterSet {
        static override meta: FilterSetMeta = {
          preprocessors: [
            async (query) => {
              await Promise.resolve();
              calls.push('pre');
              return query.andWhere(`${query.alias}.kind = :onlyKind`, { onlyKind: 'food' });
            },
          ],
          postprocessors: [
            (query, request, filterSet) => {
              calls.push(`post ${request?.url} ${filterSet.constructor.name}`);
            },
            async (query) => {
              calls.push('post 2');
              return Promise.resolve(
                query.andWhere(`${query.alias}.active = :onlyActive`, { onlyActive: true }),
              );
            },
          ],
        };

        @Filter({ type: 'integer', lookups: ['gte'] }) stock!: number;
      }
      const request = {
        method: 'GET',
        url: '/p?stock__gte=20',
        headers: {},
        query: {},
        params: {},
      };
      const query = await ProcessedFilterSet.fromRequest(request).filterQueryset(products());
      expect(await idsOf(query)).toEqual([3, 7, 11]);
      expect(calls).toEqual(['pre', 'post /p?stock__gte=20 ProcessedFilterSet', 'post 2']);
    });

    it('gives each filter set on one query its own parameters', async () => {
      let query = await new ProductFilterSet({ stock__gte: '10' }).filterQueryset(products());
      query = await new ProductFilterSet({ stock__lte: '40' }).filterQueryset(query);
      expect(Object.keys(query.getParameters()).sort()).toEqual([
        'restflow_filter_0_0_value',
        'restflow_filter_1_0_value',
      ]);
      expect(await idsOf(query)).toEqual([1, 3, 7, 9]);
    });

    it('joins a relation of a path once, with leftJoin', async () => {
      const query = await new ProductFilterSet({
        category: 'o',
        'category!': 'tools',
      }).filterQueryset(products());
      expect(query.expressionMap.joinAttributes).toHaveLength(1);
      expect(query.expressionMap.joinAttributes[0]!.direction).toBe('LEFT');
      expect(await idsOf(query)).toEqual([5, 9]);
    });

    it('generates filters from the model, declared ones first', () => {
      expect(ModelProductFilterSet.getParameters()).toEqual([
        'name',
        'name__icontains',
        'name!',
        'name__icontains!',
        'id',
        'id!',
        'stock',
        'stock__gt',
        'stock__gte',
        'stock__lt',
        'stock__lte',
        'stock!',
        'stock__gt!',
        'stock__gte!',
        'stock__lt!',
        'stock__lte!',
        'price',
        'price__gte',
        'price!',
        'price__gte!',
        'active',
        'active!',
        'releasedAt',
        'releasedAt__year__gte',
        'releasedAt__month__in',
        'releasedAt__date__lt',
        'releasedAt__quarter',
        'releasedAt!',
        'releasedAt__year__gte!',
        'releasedAt__month__in!',
        'releasedAt__date__lt!',
        'releasedAt__quarter!',
        'kind',
        'kind!',
        'category',
        'category__in',
        'category__isnull',
        'category!',
        'category__in!',
        'category__isnull!',
      ]);
    });

    it('leaves columns it cannot filter out of __all__, and refuses them by name', () => {
      @Entity('filter_set_documents')
      class Document {
        @PrimaryColumn({ type: 'int' }) id!: number;
        @Column({ type: 'varchar', length: 20 }) title!: string;
        @Column({ type: 'simple-json' }) body!: object;
      }
      class AllDocuments extends FilterSet {
        static override meta: FilterSetMeta = { model: Document, fields: '__all__' };
      }
      expect(AllDocuments.getParameters()).toEqual(['id', 'id!', 'title', 'title!']);
      class BodyDocuments extends FilterSet {
        static override meta: FilterSetMeta = { model: Document, fields: ['body'] };
      }
      expect(() => new BodyDocuments()).toThrow(
        'Document.body cannot be filtered from the model (type "simple-json").',
      );
    });

    it('refuses model options it cannot honour', () => {
      class UnknownField extends FilterSet {
        static override meta: FilterSetMeta = { model: Product, fields: ['name', 'colour'] };
      }
      expect(() => new UnknownField()).toThrow(
        'Product has no filterable property "colour" (UnknownField.meta). Fix: use one of id, name, code, stock, price, active, releasedAt, kind, category, or declare the filter with @Filter().',
      );
      class NoModel extends FilterSet {
        static override meta: FilterSetMeta = { fields: ['name'] };
      }
      expect(() => new NoModel()).toThrow('NoModel.meta.fields and meta.exclude need meta.model.');
      class UnknownExtra extends FilterSet {
        static override meta: FilterSetMeta = {
          model: Product,
          fields: ['name'],
          extraKwargs: { price: { lookups: ['gte'] } },
        };
      }
      expect(() => new UnknownExtra()).toThrow(
        'UnknownExtra.meta.extraKwargs names "price", which is not a filter of UnknownExtra. Fix: use one of name.',
      );
      class BadTransform extends FilterSet {
        @Filter({ type: 'integer', lookups: ['year__gte'] }) stock!: number;
      }
      expect(() => new BadTransform()).toThrow(
        'The "year" lookup does not apply to BadTransform.stock, a number filter.',
      );
      class BadComparison extends FilterSet {
        @Filter({ type: 'date', lookups: ['year__icontains'] }) day!: Date;
      }
      expect(() => new BadComparison()).toThrow(
        'Unknown lookup "year__icontains" in BadComparison.day',
      );
      class WrongTransform extends FilterSet {
        @Filter({ type: 'date', lookups: ['hour__gte'] }) day!: Date;
      }
      expect(() => new WrongTransform()).toThrow(
        'The "hour" lookup does not apply to WrongTransform.day, a date filter.',
      );
    });

    it('refuses a path through a to-many relation', async () => {
      class ThroughProducts extends FilterSet {
        @Filter({ dbField: 'products.name' }) productName!: string;
      }
      const categories = dataSource
        .getRepository(Category)
        .createQueryBuilder('category') as unknown as SelectQueryBuilder<ObjectLiteral>;
      await expect(
        new ThroughProducts({ productName: 'Apple' }).filterQueryset(categories),
      ).rejects.toThrow(
        'The filter "productName" filters on "products.name", which goes through "products", a ' +
          'to-many relation of Category.',
      );
    });

    it('refuses declarations it cannot honour', () => {
      class TextOnNumber extends FilterSet {
        @Filter({ type: 'integer', lookups: ['icontains'] }) stock!: number;
      }
      expect(() => new TextOnNumber()).toThrow(
        'The "icontains" lookup does not apply to TextOnNumber.stock, a number filter.',
      );
      class UnknownLookup extends FilterSet {
        @Filter({ lookups: ['bogus'] }) name!: string;
      }
      expect(() => new UnknownLookup()).toThrow('Unknown lookup "bogus" in UnknownLookup.name');
      class Both extends FilterSet {
        @Filter({ lookups: ['gte'], filterBy: 'stock__gte' }) stock!: number;
      }
      expect(() => new Both()).toThrow('`lookups` cannot be combined with `filterBy`.');
      class BadExpression extends FilterSet {
        @Filter({ filterBy: 'stock__nope' }) stock!: number;
      }
      expect(() => new BadExpression()).toThrow(RestflowConfigError);
      class Untyped extends FilterSet {
        @Filter() value!: string | number;
      }
      expect(() => new Untyped()).toThrow('Cannot infer the filter kind of Untyped.value');
      class BadOperator extends FilterSet {
        static override meta: FilterSetMeta = { operator: 'NAND' as FilterSetOperator };
      }
      expect(() => new BadOperator()).toThrow('Operator must be one of AND, OR, XOR');
      expect(() => {
        class Reserved extends FilterSet {
          @Filter() parameters!: string;
        }
        return Reserved;
      }).toThrow('`parameters` collides with a FilterSet attribute.');
    });

    it('refuses a missing column, and combines Brackets under XOR, when filtering', async () => {
      class MissingColumn extends FilterSet {
        @Filter({ dbField: 'nothing' }) name!: string;
      }
      await expect(new MissingColumn({ name: 'a' }).filterQueryset(products())).rejects.toThrow(
        'The filter "name" filters on "nothing", which is not a column of Product.',
      );
      class XorBrackets extends FilterSet {
        static override meta: FilterSetMeta = { operator: 'XOR' };
        @Filter() active!: boolean;
        @Filter({
          filterBy: (value: string, query) =>
            new Brackets((where) =>
              where.where(`${query.alias}.kind = :xorKind`, { xorKind: value }),
            ),
        })
        kind!: string;
      }
      // Brackets combine with XOR too: active or food, not both.
      const both = await new XorBrackets({ active: 'true', kind: 'food' }).filterQueryset(
        products(),
      );
      expect(await idsOf(both)).toEqual([2, 4, 6, 9, 10, 12]);
      // One condition needs no combining.
      const query = await new XorBrackets({ kind: 'food' }).filterQueryset(products());
      expect(await idsOf(query)).toEqual([1, 2, 3, 7, 10, 11]);
    });
  });
});
