import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { GADGETS, Gadget, MAKERS, Maker } from './fixtures/filter-parity/gadget.entity';
import {
  FILTER_PARITY_ENTITIES,
  FilterParityModule,
} from './fixtures/filter-parity/filter-parity.module';
import { ADAPTERS } from './utils/adapters';
import { testDatabases } from './utils/databases';
import { useTestApp, useTestDatabase } from './utils/e2e-hooks';

/**
 * Issue #15, filter sets: `[path and query, expected ids]` (sorted unless the query orders).
 */
const CASES: [string, number[]][] = [
  // 1. filterBy conditions: negation keeps rows where the condition is NULL ...
  ['/parity/gadgets?label=red', [1]],
  ['/parity/gadgets?label!=red', [2, 3, 4]],
  // ... `x` and `x!` in one request bind their own parameters ...
  ['/parity/gadgets?label=red&label!=blue', [1]],
  ['/parity/gadgets?label!=red&label!=blue', [1, 2, 4]],
  // ... and async functions (returning Brackets) work, negated too.
  ['/parity/gadgets?named=Alpha', [1]],
  ['/parity/gadgets?named!=Alpha', [2, 3, 4]],
  ['/parity/gadgets?named=Alpha&named!=Bravo', [1]],
  ['/parity/gadgets?named=Alpha&label=red', [1]],
  // 3. a foreign key whose target inherits its primary key; ordering through the relation
  ['/parity/gadgets?maker=2', [2, 3]],
  ['/parity/gadgets?maker!=2', [1, 4]],
  ['/parity/gadgets?order_by=maker', [2, 3, 1, 4]],
  ['/parity/gadgets?order_by=-maker', [1, 4, 2, 3]],
  ['/parity/gadgets?order_by=maker,-price', [3, 2, 4, 1]],
  ['/parity/model-gadgets?maker=1', [1, 4]],
  // 4. decimals within their digits, multiple choices
  ['/parity/gadgets?price=2.5', [3]],
  ['/parity/gadgets?price__gte=1', [1, 3, 4]],
  ['/parity/gadgets?cost=2.5', [3]],
  ['/parity/model-gadgets?price=10', [4]],
  ['/parity/gadgets?kinds=a,b', [1, 2, 3]],
  ['/parity/gadgets?kinds=a&kinds=a', [1, 3]],
  // 2. method filters (by name; a condition, negated too, or the query)
  ['/parity/gadgets?cheap=true', [1, 2]],
  ['/parity/gadgets?cheap=false', [3, 4]],
  ['/parity/gadgets?cheap!=true', [3, 4]],
  ['/parity/gadgets?sort=a', [1, 3]],
  ['/parity/gadgets?sort=a&cheap=true', [1]],
  // 2. the indexed list form (used when the plain name is absent)
  ['/parity/gadgets?ids[0]=1&ids[1]=3', [1, 3]],
  ['/parity/gadgets?ids%5B1%5D=4&ids%5B0%5D=2', [2, 4]],
  ['/parity/gadgets?ids!%5B0%5D=2', [1, 3, 4]],
  // 2. lookup separators and overrideOrderDirection
  ['/parity/separated-gadgets?price_min=1&price_max=5', [1, 3]],
  ['/parity/separated-gadgets?price_min!=1', [2]],
  ['/parity/separated-gadgets?name-icontains=HA', [1, 3]],
  ['/parity/separated-gadgets?price__gte=1', [1, 2, 3, 4]],
  ['/parity/separated-gadgets?order=price&order_by=x', [4, 3, 1, 2]],
  ['/parity/separated-gadgets?order=-price', [2, 1, 3, 4]],
  // 2. InlineFilterSet, chosen by the view's getFilterSetClass()
  ['/parity/dynamic-gadgets?kind__in=a,c', [1, 3, 4]],
  ['/parity/dynamic-gadgets?kind__in=a,c&order_by=-id', [4, 3, 1]],
  ['/parity/dynamic-gadgets?label!=red', [2, 3, 4]],
  // 5. a strict filter set accepts the view's paginator's own parameters
  ['/parity/strict-gadgets?kind=a', [1, 3]],
];

const validation = (details: Record<string, unknown>) => ({
  error: { code: 'validation_error', message: 'Request validation failed.', details },
});

const ERRORS: [string, Record<string, unknown>][] = [
  // 4. digits and decimal places: DRF's defaults, the options, the column's precision and scale
  // (1e-400 matched the 0.00 row on SQLite and MariaDB)
  [
    '/parity/gadgets?price=1e-400',
    { price: ['Ensure that there are no more than 10 digits in total.'] },
  ],
  [
    '/parity/gadgets?price=0.001',
    { price: ['Ensure that there are no more than 2 decimal places.'] },
  ],
  [
    '/parity/gadgets?price__gte=123456789.5',
    { price__gte: ['Ensure that there are no more than 8 digits before the decimal point.'] },
  ],
  ['/parity/gadgets?cost=1.25', { cost: ['Ensure that there are no more than 1 decimal places.'] }],
  [
    '/parity/gadgets?cost=12345',
    { cost: ['Ensure that there are no more than 4 digits in total.'] },
  ],
  [
    '/parity/model-gadgets?price=1.005',
    { price: ['Ensure that there are no more than 2 decimal places.'] },
  ],
  [
    '/parity/model-gadgets?price=12345',
    { price: ['Ensure that there are no more than 4 digits before the decimal point.'] },
  ],
  ['/parity/gadgets?kinds=a,z', { kinds: ['"z" is not a valid choice.'] }],
  ['/parity/gadgets?kinds!=z,b', { 'kinds!': ['"z" is not a valid choice.'] }],
  // 5. strict still refuses what neither the filter set nor the paginator reads
  ['/parity/strict-gadgets?kind=a&p=1&pp=1', { pp: ['Unknown filter parameter.'] }],
];

describe.each(testDatabases())('filter set parity (issue 15) on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  describe.each(ADAPTERS)('over %s', (adapterName) => {
    const handle = useTestApp(adapterName, database, (options) => [
      FilterParityModule.forDatabase(options(FILTER_PARITY_ENTITIES)),
    ]);
    let app: INestApplication;

    beforeAll(async () => {
      app = handle.app();
      const dataSource = app.get(DataSource);
      if ((await dataSource.getRepository(Gadget).count()) === 0) {
        await dataSource.getRepository(Maker).save(MAKERS);
        await dataSource.getRepository(Gadget).save(GADGETS);
      }
    });

    it.each(CASES)('GET %s', async (url, expected) => {
      const response = await request(handle.http()).get(url).expect(200);
      const body = response.body as { id: number }[] | { results: { id: number }[] };
      const ids = (Array.isArray(body) ? body : body.results).map((row) => row.id);
      const ordered = /[?&]order(_by)?=/.test(url);
      expect(ordered ? ids : [...ids].sort((a, b) => a - b)).toEqual(expected);
    });

    it.each(ERRORS)('GET %s is a 400', async (url, details) => {
      const response = await request(handle.http()).get(url).expect(400);
      expect(response.body).toEqual(validation(details));
    });

    it("a strict filter set accepts the paginator's page and page-size parameters", async () => {
      const response = await request(handle.http())
        .get('/parity/strict-gadgets?kind=a&p=2&per=1')
        .expect(200);
      expect(response.body).toMatchObject({ count: 2, results: [{ id: 3 }] });
    });
  });
});
