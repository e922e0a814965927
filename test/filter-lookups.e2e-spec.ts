import { DataSource, type DataSourceOptions, type Repository } from 'typeorm';
import {
  buildLookup,
  type LookupColumnType,
  type LookupName,
  type LookupTransform,
} from '../libs/restflow/src/filters/lookups';
import { createTestDatabase, testDatabases, type TestDatabase } from './utils/databases';
import { SAMPLES, Sample } from './fixtures/filter-lookups/sample.entity';

/** The columns of {@link Sample} by property, with their database name and lookup type. */
const COLUMNS = {
  name: ['name', 'string'],
  code: ['code', 'string'],
  amount: ['amount', 'number'],
  price: ['price', 'number'],
  active: ['active', 'boolean'],
  happenedAt: ['happened_at', 'datetime'],
  day: ['day', 'date'],
  at: ['at', 'time'],
} as const satisfies Record<string, readonly [string, LookupColumnType]>;

type Field = keyof typeof COLUMNS;

interface Spec {
  field: Field;
  lookup: LookupName;
  transform?: LookupTransform;
  value: unknown;
  negate?: boolean;
}

const ALL = SAMPLES.map((sample) => sample.id);
const except = (...ids: number[]): number[] => ALL.filter((id) => !ids.includes(id));
const TRUE_IDS = [1, 3, 5, 6, 8, 10, 12, 14, 16];
const FALSE_IDS = [2, 4, 7, 9, 11, 13, 15];
const at = (iso: string): Date => new Date(iso);

// [description, lookup, expected ids]: the same expectations on every database.
const CASES: [string, Spec, number[]][] = [
  // exact / iexact on strings: case-sensitive everywhere, NULL only through `null`
  ['name = Apple', { field: 'name', lookup: 'exact', value: 'Apple' }, [1]],
  ['name = apple (case-sensitive)', { field: 'name', lookup: 'exact', value: 'apple' }, []],
  ['name iexact apple', { field: 'name', lookup: 'iexact', value: 'apple' }, [1, 3]],
  ['name = empty string', { field: 'name', lookup: 'exact', value: '' }, [12]],
  ['name = null is IS NULL', { field: 'name', lookup: 'exact', value: null }, [4]],
  ['name! = null', { field: 'name', lookup: 'exact', value: null, negate: true }, except(4)],
  [
    'name! = Apple keeps NULL',
    { field: 'name', lookup: 'exact', value: 'Apple', negate: true },
    except(1),
  ],
  [
    'name! iexact APPLE',
    { field: 'name', lookup: 'iexact', value: 'APPLE', negate: true },
    except(1, 3),
  ],
  ['name = quote', { field: 'name', lookup: 'exact', value: "O'Brien" }, [8]],
  ['name = backslash', { field: 'name', lookup: 'exact', value: 'back\\slash' }, [9]],
  ['code = a-2', { field: 'code', lookup: 'exact', value: 'a-2' }, [2]],
  ['code = A-2 (case-sensitive)', { field: 'code', lookup: 'exact', value: 'A-2' }, []],
  ['code iexact e1', { field: 'code', lookup: 'iexact', value: 'e1' }, [9, 10]],
  // contains / icontains
  ['name contains pple', { field: 'name', lookup: 'contains', value: 'pple' }, [1, 2]],
  ['name icontains PPLE', { field: 'name', lookup: 'icontains', value: 'PPLE' }, [1, 2, 3]],
  ['name contains Pure', { field: 'name', lookup: 'contains', value: 'Pure' }, [11]],
  ['name icontains pure', { field: 'name', lookup: 'icontains', value: 'pure' }, [5, 10, 11]],
  ['name contains %', { field: 'name', lookup: 'contains', value: '%' }, [5, 13]],
  ['name contains _', { field: 'name', lookup: 'contains', value: '_' }, [6, 14]],
  ['name contains !', { field: 'name', lookup: 'contains', value: '!' }, [7, 16]],
  ['name contains a%b', { field: 'name', lookup: 'contains', value: 'a%b' }, [13]],
  ['name contains a_b', { field: 'name', lookup: 'contains', value: 'a_b' }, [14]],
  ['name contains a!b', { field: 'name', lookup: 'contains', value: 'a!b' }, [16]],
  ['name icontains A_B', { field: 'name', lookup: 'icontains', value: 'A_B' }, [14]],
  ['name icontains A%B', { field: 'name', lookup: 'icontains', value: 'A%B' }, [13]],
  ['name icontains A!B', { field: 'name', lookup: 'icontains', value: 'A!B' }, [16]],
  ['name contains backslash', { field: 'name', lookup: 'contains', value: '\\' }, [9]],
  ['name icontains K\\S', { field: 'name', lookup: 'icontains', value: 'K\\S' }, [9]],
  ['name contains quote', { field: 'name', lookup: 'contains', value: "'" }, [8]],
  ['name contains empty string', { field: 'name', lookup: 'contains', value: '' }, except(4)],
  [
    'name! contains pple keeps NULL',
    { field: 'name', lookup: 'contains', value: 'pple', negate: true },
    except(1, 2),
  ],
  [
    'name! icontains apple',
    { field: 'name', lookup: 'icontains', value: 'apple', negate: true },
    except(1, 2, 3),
  ],
  ['code contains backslash', { field: 'code', lookup: 'contains', value: '\\' }, [6]],
  ['code contains b%', { field: 'code', lookup: 'contains', value: 'b%' }, [4]],
  ['code contains b_', { field: 'code', lookup: 'contains', value: 'b_' }, [3]],
  ['code contains double quote', { field: 'code', lookup: 'contains', value: '"' }, [8]],
  ['code contains quote', { field: 'code', lookup: 'contains', value: "'" }, [7]],
  ['code contains c!', { field: 'code', lookup: 'contains', value: 'c!' }, [5]],
  // startswith / endswith
  ['name startswith a', { field: 'name', lookup: 'startswith', value: 'a' }, [2, 13, 14, 15, 16]],
  [
    'name istartswith a',
    { field: 'name', lookup: 'istartswith', value: 'a' },
    [1, 2, 3, 13, 14, 15, 16],
  ],
  ['name startswith A', { field: 'name', lookup: 'startswith', value: 'A' }, [1, 3]],
  ['name startswith 100%', { field: 'name', lookup: 'startswith', value: '100%' }, [5]],
  ['name startswith 100_', { field: 'name', lookup: 'startswith', value: '100_' }, []],
  ['name istartswith UNDER_', { field: 'name', lookup: 'istartswith', value: 'UNDER_' }, [6]],
  ['name startswith a!', { field: 'name', lookup: 'startswith', value: 'a!' }, [16]],
  ['name endswith e', { field: 'name', lookup: 'endswith', value: 'e' }, [1, 2, 5, 6, 10, 11]],
  ['name iendswith E', { field: 'name', lookup: 'iendswith', value: 'E' }, [1, 2, 3, 5, 6, 10, 11]],
  ['name endswith !', { field: 'name', lookup: 'endswith', value: '!' }, [7]],
  ['name endswith PLE', { field: 'name', lookup: 'endswith', value: 'PLE' }, [3]],
  ['name iendswith quote-BRIEN', { field: 'name', lookup: 'iendswith', value: "'BRIEN" }, [8]],
  [
    'name endswith longer than value',
    { field: 'name', lookup: 'endswith', value: 'so pure pure' },
    [],
  ],
  ['name endswith empty string', { field: 'name', lookup: 'endswith', value: '' }, except(4)],
  [
    'name! startswith a',
    { field: 'name', lookup: 'startswith', value: 'a', negate: true },
    except(2, 13, 14, 15, 16),
  ],
  [
    'name! iendswith E',
    { field: 'name', lookup: 'iendswith', value: 'E', negate: true },
    [4, 7, 8, 9, 12, 13, 14, 15, 16],
  ],
  // in / comparisons on strings (case-sensitive, code-point order)
  ['code in e1,E1,zz', { field: 'code', lookup: 'in', value: ['e1', 'E1', 'zz'] }, [9, 10]],
  ['code in e1 only', { field: 'code', lookup: 'in', value: ['e1'] }, [9]],
  ['name in []', { field: 'name', lookup: 'in', value: [] }, []],
  ['name! in [] matches all', { field: 'name', lookup: 'in', value: [], negate: true }, ALL],
  [
    'name in Apple,pure,null',
    { field: 'name', lookup: 'in', value: ['Apple', 'pure', null] },
    [1, 10],
  ],
  [
    'name! in Apple,pure',
    { field: 'name', lookup: 'in', value: ['Apple', 'pure'], negate: true },
    except(1, 10),
  ],
  ['name > a', { field: 'name', lookup: 'gt', value: 'a' }, [2, 6, 7, 9, 10, 13, 14, 15, 16]],
  ['name < B', { field: 'name', lookup: 'lt', value: 'B' }, [1, 3, 5, 12]],
  ['code range a..c', { field: 'code', lookup: 'range', value: ['a', 'c'] }, [2, 3, 4]],
  // numbers
  ['amount = 10', { field: 'amount', lookup: 'exact', value: 10 }, [1]],
  ['amount = "12"', { field: 'amount', lookup: 'exact', value: '12' }, [12]],
  [
    'amount! = 10 keeps NULL',
    { field: 'amount', lookup: 'exact', value: 10, negate: true },
    except(1),
  ],
  ['amount > 12', { field: 'amount', lookup: 'gt', value: 12 }, [2, 5, 8, 13, 14, 15, 16]],
  ['amount >= 12', { field: 'amount', lookup: 'gte', value: 12 }, [2, 5, 8, 12, 13, 14, 15, 16]],
  ['amount < 0', { field: 'amount', lookup: 'lt', value: 0 }, [7]],
  ['amount <= 0', { field: 'amount', lookup: 'lte', value: 0 }, [6, 7]],
  [
    'amount! > 12',
    { field: 'amount', lookup: 'gt', value: 12, negate: true },
    [1, 3, 4, 6, 7, 9, 10, 11, 12],
  ],
  ['amount range 5..10', { field: 'amount', lookup: 'range', value: [5, 10] }, [1, 4, 9, 10]],
  [
    'amount! range 5..10',
    { field: 'amount', lookup: 'range', value: [5, 10], negate: true },
    except(1, 4, 9, 10),
  ],
  ['amount in 0,42,999', { field: 'amount', lookup: 'in', value: [0, 42, 999] }, [6, 8]],
  [
    'amount! in 0,42',
    { field: 'amount', lookup: 'in', value: [0, 42], negate: true },
    except(6, 8),
  ],
  ['amount isnull true', { field: 'amount', lookup: 'isnull', value: true }, [3, 11]],
  ['amount isnull false', { field: 'amount', lookup: 'isnull', value: false }, except(3, 11)],
  [
    'amount! isnull true',
    { field: 'amount', lookup: 'isnull', value: true, negate: true },
    except(3, 11),
  ],
  [
    'amount! isnull false',
    { field: 'amount', lookup: 'isnull', value: false, negate: true },
    [3, 11],
  ],
  ['price = 1.5', { field: 'price', lookup: 'exact', value: 1.5 }, [1]],
  ['price >= 9.99', { field: 'price', lookup: 'gte', value: 9.99 }, [5, 8, 11, 12, 13, 14, 15, 16]],
  ['price < 2', { field: 'price', lookup: 'lt', value: 2 }, [1, 4]],
  [
    'price range "3.25".."3.33"',
    { field: 'price', lookup: 'range', value: ['3.25', '3.33'] },
    [3, 9],
  ],
  ['price in 2,7', { field: 'price', lookup: 'in', value: [2, 7] }, [2, 7]],
  // booleans
  ['active = true', { field: 'active', lookup: 'exact', value: true }, TRUE_IDS],
  ['active = false', { field: 'active', lookup: 'exact', value: false }, FALSE_IDS],
  ['active! = true', { field: 'active', lookup: 'exact', value: true, negate: true }, FALSE_IDS],
  ['active in [true]', { field: 'active', lookup: 'in', value: [true] }, TRUE_IDS],
  ['active in [true,false]', { field: 'active', lookup: 'in', value: [true, false] }, ALL],
  // date-times
  [
    'happenedAt = 2024-01-01T00:00Z',
    { field: 'happenedAt', lookup: 'exact', value: at('2024-01-01T00:00:00.000Z') },
    [1],
  ],
  [
    'happenedAt = ms precision',
    { field: 'happenedAt', lookup: 'exact', value: at('2024-06-30T18:45:30.500Z') },
    [7],
  ],
  [
    'happenedAt >= ISO text',
    { field: 'happenedAt', lookup: 'gte', value: '2024-12-30T12:30:45.123Z' },
    [3, 13],
  ],
  [
    'happenedAt > 2024-12-30T12:30:45.123Z',
    { field: 'happenedAt', lookup: 'gt', value: at('2024-12-30T12:30:45.123Z') },
    [13],
  ],
  [
    'happenedAt < 2021-01-04',
    { field: 'happenedAt', lookup: 'lt', value: at('2021-01-04T00:00:00Z') },
    [2, 12],
  ],
  [
    'happenedAt range over Q1/Q2',
    {
      field: 'happenedAt',
      lookup: 'range',
      value: [at('2024-03-31T23:59:59Z'), at('2024-04-01T00:00:00Z')],
    },
    [5, 6],
  ],
  [
    'happenedAt in two instants',
    {
      field: 'happenedAt',
      lookup: 'in',
      value: [at('2024-02-29T08:15:00Z'), at('2025-01-01T00:00:00Z')],
    },
    [4, 13],
  ],
  [
    'happenedAt! < 2024 keeps NULL',
    { field: 'happenedAt', lookup: 'lt', value: at('2024-01-01T00:00:00Z'), negate: true },
    except(2, 12, 14),
  ],
  ['happenedAt isnull', { field: 'happenedAt', lookup: 'isnull', value: true }, [11]],
  // date-time transforms
  [
    'year = 2024',
    { field: 'happenedAt', lookup: 'year', value: 2024 },
    [1, 3, 4, 5, 6, 7, 8, 9, 10, 15, 16],
  ],
  [
    'year >= 2024',
    { field: 'happenedAt', transform: 'year', lookup: 'gte', value: 2024 },
    [1, 3, 4, 5, 6, 7, 8, 9, 10, 13, 15, 16],
  ],
  ['year < 2023', { field: 'happenedAt', transform: 'year', lookup: 'lt', value: 2023 }, [2, 12]],
  [
    'year in 2020,2025',
    { field: 'happenedAt', transform: 'year', lookup: 'in', value: [2020, 2025] },
    [12, 13],
  ],
  [
    'year range 2021..2023',
    { field: 'happenedAt', transform: 'year', lookup: 'range', value: [2021, 2023] },
    [2, 14],
  ],
  [
    'year! = 2024 keeps NULL',
    { field: 'happenedAt', lookup: 'year', value: 2024, negate: true },
    [2, 11, 12, 13, 14],
  ],
  ['month = 2', { field: 'happenedAt', lookup: 'month', value: 2 }, [4]],
  ['month = 12', { field: 'happenedAt', lookup: 'month', value: 12 }, [3, 12]],
  [
    'month >= 10',
    { field: 'happenedAt', transform: 'month', lookup: 'gte', value: 10 },
    [3, 10, 12],
  ],
  ['day = 29 (leap day)', { field: 'happenedAt', lookup: 'day', value: 29 }, [4]],
  ['day = 1', { field: 'happenedAt', lookup: 'day', value: 1 }, [1, 6, 8, 10, 13, 14]],
  ['day = 31', { field: 'happenedAt', lookup: 'day', value: 31 }, [5, 12]],
  ['ISO week = 53', { field: 'happenedAt', lookup: 'week', value: 53 }, [2, 12]],
  ['ISO week = 1', { field: 'happenedAt', lookup: 'week', value: 1 }, [1, 3, 13]],
  ['ISO week = 52', { field: 'happenedAt', lookup: 'week', value: 52 }, [14]],
  ['ISO week = 9 (leap day)', { field: 'happenedAt', lookup: 'week', value: 9 }, [4]],
  [
    'ISO week range 40..52',
    { field: 'happenedAt', transform: 'week', lookup: 'range', value: [40, 52] },
    [9, 10, 14],
  ],
  ['week_day = 1 (Sunday)', { field: 'happenedAt', lookup: 'week_day', value: 1 }, [2, 5, 7, 14]],
  ['week_day = 2 (Monday)', { field: 'happenedAt', lookup: 'week_day', value: 2 }, [1, 3, 6, 8, 9]],
  ['week_day = 7 (Saturday)', { field: 'happenedAt', lookup: 'week_day', value: 7 }, []],
  [
    'week_day in 4,5',
    { field: 'happenedAt', transform: 'week_day', lookup: 'in', value: [4, 5] },
    [4, 12, 13, 15, 16],
  ],
  ['quarter = 1', { field: 'happenedAt', lookup: 'quarter', value: 1 }, [1, 2, 4, 5, 13, 14]],
  ['quarter = 2', { field: 'happenedAt', lookup: 'quarter', value: 2 }, [6, 7, 15]],
  ['quarter = 3', { field: 'happenedAt', lookup: 'quarter', value: 3 }, [8, 9, 16]],
  ['quarter = 4', { field: 'happenedAt', lookup: 'quarter', value: 4 }, [3, 10, 12]],
  [
    'quarter! = 1 keeps NULL',
    { field: 'happenedAt', lookup: 'quarter', value: 1, negate: true },
    [3, 6, 7, 8, 9, 10, 11, 12, 15, 16],
  ],
  ['hour = 0', { field: 'happenedAt', lookup: 'hour', value: 0 }, [1, 6, 10, 13]],
  ['hour = 23', { field: 'happenedAt', lookup: 'hour', value: 23 }, [2, 5, 9]],
  [
    'hour >= 18',
    { field: 'happenedAt', transform: 'hour', lookup: 'gte', value: 18 },
    [2, 5, 7, 9],
  ],
  ['minute = 59', { field: 'happenedAt', lookup: 'minute', value: 59 }, [2, 5]],
  ['minute = 0', { field: 'happenedAt', lookup: 'minute', value: 0 }, [1, 6, 9, 10, 12, 13, 16]],
  ['second = 59 (59.999 too)', { field: 'happenedAt', lookup: 'second', value: 59 }, [2, 5]],
  ['second = 30 (30.500)', { field: 'happenedAt', lookup: 'second', value: 30 }, [7]],
  ['second = 45 (45.123)', { field: 'happenedAt', lookup: 'second', value: 45 }, [3]],
  ['date = 2024-02-29', { field: 'happenedAt', lookup: 'date', value: '2024-02-29' }, [4]],
  [
    'date >= 2024-12-30',
    { field: 'happenedAt', transform: 'date', lookup: 'gte', value: '2024-12-30' },
    [3, 13],
  ],
  [
    'date in two days',
    { field: 'happenedAt', transform: 'date', lookup: 'in', value: ['2021-01-03', '2020-12-31'] },
    [2, 12],
  ],
  [
    'date = Date value',
    { field: 'happenedAt', lookup: 'date', value: at('2024-03-31T00:00:00Z') },
    [5],
  ],
  ['time = 00:00:00', { field: 'happenedAt', lookup: 'time', value: '00:00:00' }, [1, 6, 13]],
  [
    'time >= 23:00',
    { field: 'happenedAt', transform: 'time', lookup: 'gte', value: '23:00' },
    [2, 5, 9],
  ],
  ['time = 18:45:30.5', { field: 'happenedAt', lookup: 'time', value: '18:45:30.5' }, [7]],
  [
    'time < 06:00',
    { field: 'happenedAt', transform: 'time', lookup: 'lt', value: '06:00' },
    [1, 6, 10, 13],
  ],
  [
    'time range 12:00..12:30:45.123',
    { field: 'happenedAt', transform: 'time', lookup: 'range', value: ['12:00', '12:30:45.123'] },
    [3, 12],
  ],
  // date columns
  ['day = 2024-02-29', { field: 'day', lookup: 'exact', value: '2024-02-29' }, [4]],
  ['day > 2024-12-01', { field: 'day', lookup: 'gt', value: '2024-12-01' }, [3, 13]],
  ['day = Date value', { field: 'day', lookup: 'exact', value: at('2024-08-15T00:00:00Z') }, [16]],
  [
    'day! < 2024-01-01 keeps NULL',
    { field: 'day', lookup: 'lt', value: '2024-01-01', negate: true },
    except(2, 12, 14),
  ],
  ['day year = 2020', { field: 'day', lookup: 'year', value: 2020 }, [12]],
  ['day ISO week = 53', { field: 'day', lookup: 'week', value: 53 }, [2, 12]],
  ['day week_day = 1', { field: 'day', lookup: 'week_day', value: 1 }, [2, 5, 7, 14]],
  ['day quarter = 4', { field: 'day', lookup: 'quarter', value: 4 }, [3, 10, 12]],
  ['day month in 2,3', { field: 'day', transform: 'month', lookup: 'in', value: [2, 3] }, [4, 5]],
  // time columns
  ['at = 00:00:00', { field: 'at', lookup: 'exact', value: '00:00:00' }, [1, 13]],
  ['at >= 23:00', { field: 'at', lookup: 'gte', value: '23:00' }, [2, 9]],
  [
    'at range 06:00..09:00',
    { field: 'at', lookup: 'range', value: ['06:00', '09:00'] },
    [4, 6, 8, 16],
  ],
  ['at in 06:00,18:45:30', { field: 'at', lookup: 'in', value: ['06:00', '18:45:30'] }, [6, 7]],
  ['at hour = 6', { field: 'at', lookup: 'hour', value: 6 }, [6, 8]],
  ['at minute = 15', { field: 'at', lookup: 'minute', value: 15 }, [4, 15]],
  ['at second = 59', { field: 'at', lookup: 'second', value: 59 }, [2]],
  [
    'at! < 06:00 keeps NULL',
    { field: 'at', lookup: 'lt', value: '06:00', negate: true },
    except(1, 10, 13),
  ],
  ['at isnull', { field: 'at', lookup: 'isnull', value: true }, [5, 11]],
];

describe.each(testDatabases())('filter lookups on %s', (databaseName) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let samples: Repository<Sample>;

  beforeAll(async () => {
    database = await createTestDatabase(databaseName);
    const options = {
      ...database.options([Sample]),
      // Store and read MySQL date-times in UTC, like the other databases here.
      ...(databaseName === 'mariadb' ? { timezone: 'Z' } : {}),
    } as DataSourceOptions;
    dataSource = await new DataSource(options).initialize();
    samples = dataSource.getRepository(Sample);
    await samples.insert(SAMPLES);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  function condition(spec: Spec, parameterPrefix = 'lookup') {
    const query = samples.createQueryBuilder('sample');
    const [databaseColumn, columnType] = COLUMNS[spec.field];
    return {
      query,
      condition: buildLookup({
        query,
        column: `${query.escape('sample')}.${query.escape(databaseColumn)}`,
        columnType,
        lookup: spec.lookup,
        transform: spec.transform,
        value: spec.value,
        negate: spec.negate ?? false,
        nullable: spec.field !== 'code' && spec.field !== 'price' && spec.field !== 'active',
        parameterPrefix,
      }),
    };
  }

  async function ids(query: ReturnType<typeof condition>['query']): Promise<number[]> {
    const rows = await query
      .select('sample.id', 'id')
      .orderBy('sample.id')
      .getRawMany<{ id: unknown }>();
    return rows.map((row) => Number(row.id));
  }

  it('stores the fixture', async () => {
    expect(await samples.count()).toBe(SAMPLES.length);
  });

  it.each(CASES)('%s', async (_description, spec, expected) => {
    const { query, condition: built } = condition(spec);
    expect(await ids(query.where(built.sql, built.parameters))).toEqual(expected);
  });

  it('binds every user value as a parameter', () => {
    const { condition: built } = condition({
      field: 'name',
      lookup: 'icontains',
      value: "x'; DROP TABLE t; --",
    });
    expect(built.sql).not.toContain('DROP');
    expect(built.parameters).toEqual({ lookup_pattern: "%x'; DROP TABLE t; --%" });
  });

  it('combines conditions with distinct prefixes', async () => {
    const first = condition(
      { field: 'happenedAt', transform: 'year', lookup: 'gte', value: 2024 },
      'f0',
    );
    const second = condition({ field: 'name', lookup: 'icontains', value: 'pure' }, 'f1');
    const query = first.query
      .where(first.condition.sql, first.condition.parameters)
      .andWhere(second.condition.sql, second.condition.parameters);
    expect(await ids(query)).toEqual([5, 10]);
  });

  it.each<[string, Spec, RegExp]>([
    [
      'range with one value',
      { field: 'amount', lookup: 'range', value: [1] },
      /exactly two values/,
    ],
    [
      'range with three values',
      { field: 'amount', lookup: 'range', value: [1, 2, 3] },
      /exactly two values/,
    ],
    ['isnull with a string', { field: 'amount', lookup: 'isnull', value: 'yes' }, /boolean value/],
    ['in with a scalar', { field: 'amount', lookup: 'in', value: 3 }, /list of values/],
    [
      'contains on a number column',
      { field: 'amount', lookup: 'contains', value: '1' },
      /string column/,
    ],
    [
      'unknown lookup',
      { field: 'amount', lookup: 'regex' as LookupName, value: 'x' },
      /Unknown lookup "regex"/,
    ],
    [
      'text lookup after a transform',
      { field: 'day', transform: 'year', lookup: 'contains', value: '1' },
      /cannot follow/,
    ],
    [
      'a non-number for a date part',
      { field: 'day', lookup: 'year', value: 'MMXX' },
      /number is needed/,
    ],
    ['a malformed date', { field: 'day', lookup: 'exact', value: '2024/01/01' }, /YYYY-MM-DD/],
  ])('throws on %s', (_description, spec, message) => {
    expect(() => condition(spec)).toThrow(message);
  });

  it('rejects a parameter prefix TypeORM would refuse', () => {
    expect(() => condition({ field: 'amount', lookup: 'exact', value: 1 }, 'bad-prefix')).toThrow(
      /parameterPrefix/,
    );
  });
});
