import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { RestflowConfigError } from '../libs/restflow/src/exceptions/restflow-config.error';
import { ValidationFailed } from '../libs/restflow/src/exceptions/standard.exceptions';
import {
  Filter,
  FilterQuery,
  FilterSet,
  FilterSetPipe,
  filterSetOpenApiParameters,
  type FilterSetClass,
} from '../libs/restflow/src/filters';
import type { CatalogResult } from './fixtures/filter-integration/catalog.controllers';
import {
  FILTER_INTEGRATION_ENTITIES,
  FilterIntegrationModule,
} from './fixtures/filter-integration/filter-integration.module';
import { ITEMS, Item } from './fixtures/filter-integration/item.entity';
import { ItemListFilterSet } from './fixtures/filter-integration/item.filter-sets';
import { ADAPTERS } from './utils/adapters';
import { testDatabases } from './utils/databases';
import { useTestApp, useTestDatabase } from './utils/e2e-hooks';

const ALL = ITEMS.map((item) => item.id);

const validation = (details: Record<string, unknown>) => ({
  error: { code: 'validation_error', message: 'Request validation failed.', details },
});

/** `[path and query, ids in the order received]` of the viewset's actions. */
const VIEWSET_CASES: [string, number[]][] = [
  // list: the ActionConfig's filter set (prices, ids, active); the view's `kind` is unknown there
  ['/fi/items', ALL],
  ['/fi/items?price__gte=1000', [1, 2, 5]],
  ['/fi/items?price__in=0,800&price__in=999', [3, 4, 6]],
  ['/fi/items?ids=1,2&ids=5&active=true', [1, 2, 5]],
  ['/fi/items?order_by=-price', [5, 2, 1, 4, 3, 6]],
  ['/fi/items?kind=tool', ALL],
  ['/fi/items?name__icontains=a', ALL],
  // an extra action: the view's filter set (kind, name); prices are unknown there
  ['/fi/items/search', ALL],
  ['/fi/items/search?kind=tool', [3, 5]],
  ['/fi/items/search?kind=book&name__icontains=A', [1, 6]],
  ['/fi/items/search?price__gte=1000', ALL],
];

/** `[path and query, 400 error details]` of the viewset's actions. */
const VIEWSET_ERRORS: [string, Record<string, unknown>][] = [
  ['/fi/items?price__gte=cheap', { price__gte: ['A valid integer is required.'] }],
  ['/fi/items?price__lte=-1', { price__lte: ['Ensure this value is greater than or equal to 0.'] }],
  ['/fi/items/search?kind=toys', { kind: ['"toys" is not a valid choice.'] }],
  ['/fi/items/1?kind=toys', { kind: ['"toys" is not a valid choice.'] }],
];

/** `[query, what the catalog answers]`: the same on both catalog routes. */
const CATALOG_CASES: [string, CatalogResult][] = [
  ['', { filters: {}, ids: ALL }],
  ['?price__gte=1000', { filters: { price__gte: 1000 }, ids: [1, 2, 5] }],
  // repeated parameters: a list reads every value, a scalar the last one
  ['?ids=1&ids=2,%203%20', { filters: { ids: [1, 2, 3] }, ids: [1, 2, 3] }],
  ['?price__in=0&price__in=800,999', { filters: { price__in: [0, 800, 999] }, ids: [3, 4, 6] }],
  ['?price__gte=5000&price__gte=1000', { filters: { price__gte: 1000 }, ids: [1, 2, 5] }],
  [
    '?price__gte=900&price!=3500&active=yes',
    { filters: { price__gte: 900, 'price!': 3500, active: true }, ids: [1, 4, 5] },
  ],
  [
    '?active=true&order_by=-price,name',
    { filters: { active: true, order_by: ['-price', 'name'] }, ids: [5, 2, 1, 4] },
  ],
  // unknown and empty parameters are ignored
  ['?bogus=1&page=2&kind=tool&price__lte=1000', { filters: { price__lte: 1000 }, ids: [3, 4, 6] }],
  ['?price=&active=', { filters: {}, ids: ALL }],
];

/** `[query, 400 error details]`: the same on both catalog routes. */
const CATALOG_ERRORS: [string, Record<string, unknown>][] = [
  ['?price__gte=cheap', { price__gte: ['A valid integer is required.'] }],
  [
    '?price__gte=x&ids=1,x,3,y&active=maybe&order_by=bogus',
    {
      price__gte: ['A valid integer is required.'],
      ids: { '1': ['A valid integer is required.'], '3': ['A valid integer is required.'] },
      active: ['Must be a valid boolean.'],
      order_by: ['"bogus" is not a valid choice.'],
    },
  ],
  ['?price!=-5', { 'price!': ['Ensure this value is greater than or equal to 0.'] }],
  ['?price__in=1,2.5', { price__in: { '1': ['A valid integer is required.'] } }],
];

describe.each(testDatabases())('filter integration on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  describe.each(ADAPTERS)('over %s', (adapterName) => {
    const handle = useTestApp(adapterName, database, (options) => [
      FilterIntegrationModule.forDatabase(options(FILTER_INTEGRATION_ENTITIES)),
    ]);
    let app: INestApplication;
    let http: Parameters<typeof request>[0];

    beforeAll(async () => {
      app = handle.app();
      http = handle.http();
      const repository = app.get(DataSource).getRepository(Item);
      if ((await repository.count()) === 0) {
        await repository.save(ITEMS);
      }
    });

    describe('a viewset with @ActionConfig({ filterSetClass }) on list', () => {
      it.each(VIEWSET_CASES)('GET %s', async (url, expected) => {
        const response = await request(http).get(url).expect(200);
        expect((response.body as { id: number }[]).map((row) => row.id)).toEqual(expected);
      });

      it.each(VIEWSET_ERRORS)('GET %s is a 400', async (url, details) => {
        const response = await request(http).get(url).expect(400);
        expect(response.body).toEqual(validation(details));
      });

      it('retrieves through the view filter set', async () => {
        await request(http).get('/fi/items/1?kind=book').expect(200, { id: 1, name: 'Atlas' });
        await request(http).get('/fi/items/1?kind=tool').expect(404);
        // The list's filter set does not apply to retrieve: unknown there, ignored.
        await request(http)
          .get('/fi/items/1?price__gte=5000')
          .expect(200, { id: 1, name: 'Atlas' });
      });
    });

    describe.each(['/fi/catalog', '/fi/piped-catalog'])('the filter-set pipe on %s', (path) => {
      it.each(CATALOG_CASES)('GET %s', async (query, expected) => {
        const response = await request(http).get(`${path}${query}`).expect(200);
        expect(response.body).toEqual(expected);
      });

      it.each(CATALOG_ERRORS)('GET %s is a 400', async (query, details) => {
        const response = await request(http).get(`${path}${query}`).expect(400);
        expect(response.body).toEqual(validation(details));
      });
    });

    it('documents the filter parameters of the decorated handlers in the Swagger document', () => {
      const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
      const expected = [
        {
          name: 'price',
          in: 'query',
          required: false,
          description: 'Price in cents',
          schema: { type: 'integer', minimum: 0 },
        },
        {
          name: 'price__gte',
          in: 'query',
          required: false,
          description: 'price is greater than or equal to - Price in cents',
          schema: { type: 'integer', minimum: 0 },
        },
        {
          name: 'price__lte',
          in: 'query',
          required: false,
          description: 'price is less than or equal to - Price in cents',
          schema: { type: 'integer', minimum: 0 },
        },
        {
          name: 'price__in',
          in: 'query',
          required: false,
          description: 'price is one of - Price in cents',
          explode: false,
          style: 'form',
          schema: { type: 'array', items: { type: 'integer', minimum: 0 } },
        },
        {
          name: 'price!',
          in: 'query',
          required: false,
          description: 'exclude where price - Price in cents',
          schema: { type: 'integer', minimum: 0 },
        },
        {
          name: 'price__gte!',
          in: 'query',
          required: false,
          description: 'exclude where price is greater than or equal to - Price in cents',
          schema: { type: 'integer', minimum: 0 },
        },
        {
          name: 'price__lte!',
          in: 'query',
          required: false,
          description: 'exclude where price is less than or equal to - Price in cents',
          schema: { type: 'integer', minimum: 0 },
        },
        {
          name: 'price__in!',
          in: 'query',
          required: false,
          description: 'exclude where price is one of - Price in cents',
          explode: false,
          style: 'form',
          schema: { type: 'array', items: { type: 'integer', minimum: 0 } },
        },
        {
          name: 'ids',
          in: 'query',
          required: false,
          explode: false,
          style: 'form',
          schema: { type: 'array', items: { type: 'integer' } },
        },
        { name: 'active', in: 'query', required: false, schema: { type: 'boolean' } },
        {
          name: 'order_by',
          in: 'query',
          required: false,
          explode: false,
          style: 'form',
          schema: {
            type: 'array',
            items: { type: 'string', enum: ['price', '-price', 'name', '-name'] },
            uniqueItems: true,
          },
        },
      ];
      expect(document.paths['/fi/catalog']?.get?.parameters).toEqual(expected);
      expect(document.paths['/fi/piped-catalog']?.get?.parameters).toEqual(expected);
      expect(filterSetOpenApiParameters(ItemListFilterSet)).toEqual(expected);
    });
  });
});

describe.each(testDatabases())(
  'forRoot filters.strict in the filter-set pipe on %s',
  (databaseName) => {
    const database = useTestDatabase(databaseName);

    describe.each(ADAPTERS)('over %s', (adapterName) => {
      const handle = useTestApp(adapterName, database, (options) => [
        FilterIntegrationModule.forDatabase(options(FILTER_INTEGRATION_ENTITIES), {
          filters: { strict: true },
        }),
      ]);

      it.each(['/fi/catalog', '/fi/piped-catalog'])(
        'rejects unknown parameters on %s, and accepts the ignored ones',
        async (path) => {
          const refused = await request(handle.http()).get(`${path}?bogus=1&page=2`).expect(400);
          expect(refused.body).toEqual(validation({ bogus: ['Unknown filter parameter.'] }));
          await request(handle.http()).get(`${path}?price__gte=0&page=1&format=json`).expect(200);
        },
      );
    });
  },
);

describe('the filter-set pipe outside a request', () => {
  it('needs a FilterSet class, and says so when the module loads', () => {
    expect(() => FilterQuery(undefined as unknown as FilterSetClass)).toThrow(
      '@FilterQuery needs a FilterSet class, got undefined.',
    );
    class NotAFilterSet {}
    expect(() => FilterSetPipe.of(NotAFilterSet as unknown as FilterSetClass)).toThrow(
      RestflowConfigError,
    );
  });

  it('refuses a declaration it cannot honour as the handler is declared', () => {
    class Broken extends FilterSet {
      @Filter({ type: 'integer', lookups: ['icontains'] }) stock!: number;
    }
    expect(() => {
      class BrokenController {
        list(@FilterQuery(Broken) filters: Broken): Broken {
          return filters;
        }
      }
      return BrokenController;
    }).toThrow('The "icontains" lookup does not apply to Broken.stock, a number filter.');
  });

  it('reads the filter set class from the parameter type, over a parsed query', async () => {
    const filters = await new FilterSetPipe().transform(
      { price__in: ['1', '2,3'], bogus: 'x' },
      { type: 'query', metatype: ItemListFilterSet },
    );
    expect(filters).toBeInstanceOf(ItemListFilterSet);
    expect(filters.validatedData).toEqual({ price__in: [1, 2, 3] });
    await expect(
      new FilterSetPipe().transform({}, { type: 'query', metatype: Object }),
    ).rejects.toThrow('FilterSetPipe does not know which filter set to use.');
  });

  it('explains a query that a transforming ValidationPipe already turned into a filter set', async () => {
    await expect(
      new FilterSetPipe(ItemListFilterSet).transform(new ItemListFilterSet(), { type: 'query' }),
    ).rejects.toThrow('A transforming ValidationPipe rebuilt the query as a filter set');
  });

  it('answers ValidationFailed with the per-parameter details', async () => {
    const error: unknown = await new FilterSetPipe(ItemListFilterSet)
      .transform({ active: 'maybe' }, { type: 'query' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).details).toEqual({ active: ['Must be a valid boolean.'] });
  });
});
