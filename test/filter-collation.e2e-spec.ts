import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  FILTER_PARITY_ENTITIES,
  FilterParityModule,
} from './fixtures/filter-parity/filter-parity.module';
import { WORDS, Word } from './fixtures/filter-parity/word.entity';
import { ADAPTERS } from './utils/adapters';
import { testDatabases } from './utils/databases';
import { useTestApp, useTestDatabase } from './utils/e2e-hooks';

/**
 * Issue #15 point 6: one result on every database. Each lookup's expected rows come from its
 * definition in code points: case-sensitive lookups compare characters exactly (a trailing space
 * counts, no PAD SPACE), `i` lookups compare full Unicode lower case, comparisons follow
 * code-point order.
 */
const lower = (text: string): string => text.toLowerCase();
const DEFINITIONS: Record<string, (stored: string, value: string) => boolean> = {
  exact: (stored, value) => stored === value,
  iexact: (stored, value) => lower(stored) === lower(value),
  contains: (stored, value) => stored.includes(value),
  icontains: (stored, value) => lower(stored).includes(lower(value)),
  startswith: (stored, value) => stored.startsWith(value),
  istartswith: (stored, value) => lower(stored).startsWith(lower(value)),
  endswith: (stored, value) => stored.endsWith(value),
  iendswith: (stored, value) => lower(stored).endsWith(lower(value)),
  gt: (stored, value) => stored > value,
  gte: (stored, value) => stored >= value,
  lt: (stored, value) => stored < value,
  lte: (stored, value) => stored <= value,
  in: (stored, value) => value.split(',').includes(stored),
};

const VALUES = ['apple', 'APPLE', 'Über', 'ÜNÏ', 'ünïcode', 'b', 'B', 'É', 'ße'];

const CASES: [string, number[]][] = Object.entries(DEFINITIONS).flatMap(([lookup, holds]) =>
  (lookup === 'in' ? ['apple,B', 'b,Über,uber', 'ünïcode,Éclair'] : VALUES).map(
    (value): [string, number[]] => [
      `/parity/words?text${lookup === 'exact' ? '' : `__${lookup}`}=${encodeURIComponent(value)}`,
      WORDS.filter((word) => holds(word.text, value)).map((word) => word.id),
    ],
  ),
);

describe.each(testDatabases())('one result on every database (issue 15) on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  it('covers at least 60 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  describe.each(ADAPTERS)('over %s', (adapterName) => {
    const handle = useTestApp(adapterName, database, (options) => [
      FilterParityModule.forDatabase(options(FILTER_PARITY_ENTITIES)),
    ]);

    beforeAll(async () => {
      const dataSource = handle.app().get(DataSource);
      if ((await dataSource.getRepository(Word).count()) === 0) {
        await dataSource.getRepository(Word).save(WORDS);
      }
    });

    it.each(CASES)('GET %s', async (url, expected) => {
      const response = await request(handle.http()).get(url).expect(200);
      const ids = (response.body as { id: number }[]).map((row) => row.id);
      expect([...ids].sort((a, b) => a - b)).toEqual(expected);
    });
  });
});
