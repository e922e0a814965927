import { createHash } from 'node:crypto';
import { Agent, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { FilterSetClass } from '../libs/restflow/src/filters';
import { SAMPLES, Sample } from './fixtures/filter-lookups/sample.entity';
import { FILTER_FUZZ_ENTITIES, FilterFuzzModule } from './fixtures/filter-fuzz/filter-fuzz.module';
import {
  AnySampleFuzzFilterSet,
  OddSampleFuzzFilterSet,
  SampleFuzzFilterSet,
  StrictSampleFuzzFilterSet,
} from './fixtures/filter-fuzz/sample.filter-set';
import { CATEGORIES, Category, PRODUCTS, Product } from './fixtures/filter-set/product.entity';
import {
  AnyProductFilterSet,
  OddProductFilterSet,
  ProductFilterSet,
  StrictProductFilterSet,
} from './fixtures/filter-set/product.filter-set';
import { ADAPTERS } from './utils/adapters';
import { testDatabases } from './utils/databases';
import { useTestApp, useTestDatabase } from './utils/e2e-hooks';

/*
 * Issue 5 acceptance: random query strings (known and unknown names, every lookup and negation,
 * `__` chains, unicode, SQL metacharacters, huge numbers, malformed dates, lists, malformed
 * percent-encoding, ordering and pagination parameters) against filtered endpoints. Every answer
 * is a 200 list/page or a 400 envelope (a 404 envelope for a bad page or cursor), never a 500 and
 * never a dropped connection; the tables are byte-for-byte unchanged afterwards.
 *
 * Reproduce a run with FUZZ_SEED=<seed printed in the failure> (and FUZZ_COUNT=<n>).
 */

/** The base seed; each database/adapter pair fuzzes with its own seed derived from it. */
const BASE_SEED = Number(process.env.FUZZ_SEED ?? 0x5eed_2025) >>> 0;
/** Random query strings per adapter and database (the hand-written corpus runs in addition). */
const COUNT = Number(process.env.FUZZ_COUNT ?? 5000);
/** Requests in flight at once. */
const CONCURRENCY = 12;
/**
 * Node's HTTP parser (both adapters run on `node:http`) refuses a request head over
 * `maxHeaderSize` (16 KiB) with its own 431 and closes the connection: random URLs are cut to
 * stay below this (a cut may leave a malformed escape, which is fine), and a separate test sends
 * longer ones and expects that 431.
 */
const MAX_RANDOM_URL = 15_000;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: a tiny, fast, seedable PRNG (uniform in [0, 1)). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<TItem>(items: readonly TItem[]): TItem {
    return items[this.int(items.length)]!;
  }
  /** Calls one of the weighted makers. */
  weighted<TItem>(choices: readonly (readonly [number, () => TItem])[]): TItem {
    const total = choices.reduce((sum, [weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [weight, make] of choices) {
      roll -= weight;
      if (roll < 0) return make();
    }
    return choices[choices.length - 1]![1]();
  }
}

/** FNV-1a, to derive a seed per database/adapter pair. */
function hash32(text: string): number {
  let value = 0x811c9dc5;
  for (const character of text) {
    value = Math.imul(value ^ character.codePointAt(0)!, 0x01000193) >>> 0;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// The endpoints and what their filters accept

type Kind =
  | 'string'
  | 'email'
  | 'integer'
  | 'float'
  | 'decimal'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'time'
  | 'product-kind'
  | 'pick';

/** A filter's value kind, and whether its base parameter reads a list. */
type FilterSpec = readonly [kind: Kind, list?: boolean];

type Pagination = 'none' | 'page' | 'limit' | 'cursor';

interface Endpoint {
  readonly path: string;
  readonly filterSet: FilterSetClass;
  readonly filters: Readonly<Record<string, FilterSpec>>;
  readonly pagination: Pagination;
  /** Parameters that must be present (else a 400 "This field is required."). */
  readonly required: Readonly<Record<string, readonly string[]>>;
  /** Table whose primary keys the results must come from. */
  readonly table: 'products' | 'samples';
}

const PRODUCT_FILTERS: Record<string, FilterSpec> = {
  name: ['string'],
  code: ['string'],
  stock: ['integer'],
  price: ['float'],
  cost: ['decimal'],
  active: ['boolean'],
  released: ['datetime'],
  kind: ['product-kind'],
  ids: ['integer', true],
  category: ['string'],
  since: ['integer'],
  search: ['string'],
  plenty: ['boolean'],
};
const ODD_PRODUCT_FILTERS: Record<string, FilterSpec> = {
  stock: ['integer'],
  active: ['boolean'],
  kind: ['product-kind'],
};
const STRICT_PRODUCT_FILTERS: Record<string, FilterSpec> = {
  kind: ['product-kind'],
  stock: ['integer'],
};
const SAMPLE_FILTERS: Record<string, FilterSpec> = {
  name: ['string'],
  code: ['string'],
  email: ['email'],
  amount: ['integer'],
  units: ['integer'],
  price: ['decimal'],
  approx: ['float'],
  active: ['boolean'],
  happened: ['datetime'],
  day: ['date'],
  at: ['time'],
  pick: ['pick'],
  days: ['date', true],
  moments: ['datetime', true],
  flags: ['boolean', true],
  times: ['time', true],
  weeks: ['integer', true],
  quarters: ['integer', true],
  weekday: ['integer'],
  before: ['date'],
  after: ['time'],
  prefix: ['string'],
};

const ENDPOINTS: readonly Endpoint[] = [
  {
    path: '/fs/products',
    filterSet: ProductFilterSet,
    filters: PRODUCT_FILTERS,
    pagination: 'none',
    required: {},
    table: 'products',
  },
  {
    path: '/fs/any-products',
    filterSet: AnyProductFilterSet,
    filters: PRODUCT_FILTERS,
    pagination: 'none',
    required: {},
    table: 'products',
  },
  {
    path: '/fs/odd-products',
    filterSet: OddProductFilterSet,
    filters: ODD_PRODUCT_FILTERS,
    pagination: 'none',
    required: {},
    table: 'products',
  },
  {
    path: '/fs/strict-products',
    filterSet: StrictProductFilterSet,
    filters: STRICT_PRODUCT_FILTERS,
    pagination: 'none',
    required: { kind: ['food', 'hardware', 'stationery'] },
    table: 'products',
  },
  {
    path: '/fuzz/samples',
    filterSet: SampleFuzzFilterSet,
    filters: SAMPLE_FILTERS,
    pagination: 'page',
    required: {},
    table: 'samples',
  },
  {
    path: '/fuzz/any-samples',
    filterSet: AnySampleFuzzFilterSet,
    filters: SAMPLE_FILTERS,
    pagination: 'limit',
    required: {},
    table: 'samples',
  },
  {
    path: '/fuzz/odd-samples',
    filterSet: OddSampleFuzzFilterSet,
    filters: SAMPLE_FILTERS,
    pagination: 'cursor',
    required: {},
    table: 'samples',
  },
  {
    path: '/fuzz/strict-samples',
    filterSet: StrictSampleFuzzFilterSet,
    filters: SAMPLE_FILTERS,
    pagination: 'none',
    required: {},
    table: 'samples',
  },
];

const KNOWN_IDS = {
  products: new Set(PRODUCTS.map((product) => product.id)),
  samples: new Set(SAMPLES.map((sample) => sample.id)),
};

const ORDER_PARAM = (endpoint: Endpoint): string =>
  endpoint.filterSet.meta.orderParam ?? 'order_by';
const ORDER_VALUES = (endpoint: Endpoint): string[] =>
  (endpoint.filterSet.meta.orderFields ?? []).flatMap(([value]) => [value, `-${value}`]);

// prettier-ignore
const ALL_LOOKUPS = [
  'exact', 'iexact', 'contains', 'icontains', 'startswith', 'istartswith', 'endswith', 'iendswith',
  'in', 'range', 'isnull', 'gt', 'gte', 'lt', 'lte', 'date', 'year', 'month', 'day', 'week',
  'week_day', 'quarter', 'time', 'hour', 'minute', 'second', 'regex', 'iregex', 'search', 'min',
  'max',
];
// prettier-ignore
const NUMERIC_TRANSFORMS = new Set([
  'year', 'month', 'day', 'week', 'week_day', 'quarter', 'hour', 'minute', 'second',
]);

// ---------------------------------------------------------------------------------------------
// Values

// prettier-ignore
const SQL_META = [
  "'", '"', ';', '--', '/*', '*/', '%', '_', '\\', '`', '!', '!%', '%!', '1 OR 1=1', "' OR '1'='1",
  "' OR 1=1 --", '" OR ""="', "'; DROP TABLE filter_set_products; --",
  '1; DELETE FROM filter_lookup_samples',
  "1'); UPDATE filter_set_products SET name='x' WHERE ('1'='1", "') OR ('a'='a", "\\'; --",
  "x' UNION SELECT * FROM filter_set_categories --", '$1', '$$', ':value', ':...values', '?', '??',
  "E'\\x00'", 'NULL', 'null', 'undefined', '%%', '%_%', '[a-z]%', '* ', 'char(39)', '0x27',
  '1)) OR ((1=1', 'SLEEP(5)', 'pg_sleep(5)', "' || (SELECT 1) || '", '\\%', '\\_', '\\\\',
];

// prettier-ignore
const NUMBERS = [
  '0', '-0', '+0', '1', '-1', '+5', '7', ' 7 ', '\t7\n', '1.0', '1.', '.5', '-.5', '2.25', '0.99',
  '1.000000001', '1e5', '1E+2', '1e-7', '1e309', '-1e309', '1e-400', '1e308',
  '1.7976931348623157e308', '5e-324', '1e99999999999', '1e-99999999999', '1e999999999999999999999',
  '2147483647', '2147483648', '-2147483648', '-2147483649', '4294967296', '9007199254740991',
  '9007199254740993', '9223372036854775807', '9223372036854775808', '-9223372036854775809',
  '18446744073709551616', '99999999999999999999999', '-99999999999999999999999',
  '1' + '0'.repeat(60), '9'.repeat(999), '9'.repeat(1001), '0.' + '0'.repeat(400) + '1', 'NaN',
  'nan', 'Infinity', '-Infinity', 'inf', '-inf', '0x10', '0b101', '0o17', '1_000', '1__0', '_1',
  '1_', '١٢', '１２', '²', '1,5', '1 000', '-', '+', 'e5', '1e', '--1', '1-', '12abc',
  '99999999999999999999999.99', '12345678.999', '0.001', '100000000.00',
];

// prettier-ignore
const DATES = [
  '2024-01-15', '2024-02-29', '2023-02-29', '2024-02-30', '2024-13-01', '2024-00-10', '2024-12-32',
  '0000-00-00', '0000-01-01', '0001-01-01', '1000-01-01', '1969-12-31', '1970-01-01', '9999-12-31',
  '10000-01-01', '275760-09-13', '-0001-01-01', '2024-1-1', '20240115', '2024/01/15', '15.01.2024',
  '2024-W03', '2024-015', 'today', 'now', '1704067200', '2024-01-15T00:00:00', ' 2024-01-15 ',
];

// prettier-ignore
const DATETIMES = [
  '2024-01-15T10:00:00Z', '2024-01-15T10:00:00.000Z', '2024-01-15T11:00:00+01:00',
  '2024-01-15T10:00', '2024-01-15 10:00:00', '2024-01-15', '9999-12-31T23:59:59.999999Z',
  '9999-12-31T23:59:59.999999-23:59', '0001-01-01T00:00:00Z', '0001-01-01T00:00:00+23:59',
  '0000-00-00T00:00:00Z', '0000-00-00 00:00:00', '1970-01-01T00:00:00Z', '2038-01-19T03:14:08Z',
  '2024-02-30T10:00:00Z', '2024-13-01T00:00:00Z', '2024-01-01T24:00', '2024-01-01T24:00:00Z',
  '2024-01-01T23:60:00Z', '2024-01-01T23:59:60Z', '2024-01-01T00:00:00+24:00',
  '2024-01-01T00:00:00+14:00', '2024-01-01T00:00:00-12:00', '2024-01-01T00:00:00+0530',
  '2024-01-01T00:00:00+05', '2024-01-01T00:00:00 Z', '2024-01-01T00:00:00ZZ',
  '2024-01-01T00:00:00.1234567890123Z', '2024-01-01T00:00:00,5Z', '2024-1-1T1:1',
  '2024-01-01T00:00:00[Europe/Paris]', '2024-01-01T00:00:00 CET', 'Mon, 15 Jan 2024 10:00:00 GMT',
  '2024-01-15T10:00:00.000+00:00', '+002024-01-15T10:00:00Z', '275760-09-13T00:00:00Z',
];

// prettier-ignore
const TIMES = [
  '00:00', '00:00:00', '12:30:45', '23:59:59', '23:59:59.999999', '23:59:59.9999999', '24:00',
  '24:00:00', '25:00', '12:60', '12:00:60', '1:2:3', '1:02', '12', '1200', '12:00Z', '12:00+01:00',
  '12:00:00.123', '-01:00', 'noon', '12:00 PM', '08:15:00', '06:05:04',
];

// prettier-ignore
const BOOLEANS = [
  'true', 'false', 'TRUE', 'False', 'tRuE', '1', '0', 'yes', 'No', 'y', 'n', 't', 'f', 'on', 'OFF',
  'null', 'None', 'maybe', '2', '-1', 'trüe', ' true ', 'true\u0000',
];

// prettier-ignore
const STRINGS = [
  'Apple', 'apple', 'a', 'A-1', 'pure', 'a%b', 'a_b', 'a!b', "O'Brien", 'back\\slash', '100% pure',
  'under_score', 'é', 'É', 'ß', 'İ', 'ﬀ', 'Ω', '名前', '🙂', '👩‍👩‍👧', '𝔘𝔫𝔦', '\u200b', '\u202eevil',
  'e\u0301', '\ufeff', '\uffff', '\u0000', 'a\u0000b', '\u0001\u001f', '\r\n', '\t', ' ',
  '  padded  ', '<script>alert(1)</script>', '{"$ne":null}', '[object Object]', '__proto__',
  'constructor', 'food', 'hardware', 'stationery', 'FOOD', 'toys', 'a@b.c', 'user@example.com',
  'not-an-email', 'x@y', '@', 'a'.repeat(50), 'a'.repeat(51), 'a'.repeat(101),
];

/** Raw query-string fragments that are not valid percent-encoding (or are odd but valid). */
// prettier-ignore
const MALFORMED_ESCAPES = [
  '%', '%%', '%z', '%zz', '%2', '%2g', '%E9', '%C3', '%C3%28', '%C0%80', '%ED%A0%80', '%F0%9F%98',
  '%F4%90%80%80', '%FF%FE', '%u00e9', '%00', '%0A', '%0D%0A', '%7F', '%25', '%2525', '%26', '%3D',
  '%2C', '%21', '%5F%5F', '%23', '+', '++', '%2B',
];

/** Parameter names that designate no filter, or almost one, or a JavaScript object key. */
// prettier-ignore
const ODD_NAMES = [
  'bogus', 'a__b__c__d', 'id', 'id__in', 'category__name', 'category.name', 'releasedAt',
  'released_at', 'happenedAt', 'name!!', '!name', 'name !', ' name', 'NAME', 'Name__ICONTAINS',
  'name__', '__name', '__', '!', '', 'name[]', 'name[0]', 'name[a][b]', 'ids[]', '__proto__',
  '__proto__[x]', 'constructor', 'constructor[prototype][x]', 'hasOwnProperty', 'toString',
  'valueOf', 'parameters', 'errors', 'data',
];

/** A value of `kind` that validation may well accept (or an edge case of that kind). */
function typedValue(random: Random, kind: Kind): string {
  switch (kind) {
    case 'string':
    case 'email':
      return random.chance(0.7) ? random.pick(STRINGS) : random.pick(SQL_META);
    case 'integer':
    case 'float':
    case 'decimal':
      return random.chance(0.5) ? String(random.between(-50, 150)) : random.pick(NUMBERS);
    case 'boolean':
      return random.pick(BOOLEANS);
    case 'date':
      return random.chance(0.3)
        ? `20${random.between(19, 26)}-${pad(random.between(1, 12))}-${pad(random.between(1, 31))}`
        : random.pick(DATES);
    case 'datetime':
      return random.chance(0.3)
        ? `20${random.between(19, 26)}-${pad(random.between(1, 12))}-${pad(random.between(1, 28))}T${pad(random.between(0, 23))}:${pad(random.between(0, 59))}:${pad(random.between(0, 59))}Z`
        : random.pick(DATETIMES);
    case 'time':
      return random.chance(0.3)
        ? `${pad(random.between(0, 23))}:${pad(random.between(0, 59))}:${pad(random.between(0, 59))}`
        : random.pick(TIMES);
    case 'product-kind':
      return random.chance(0.7)
        ? random.pick(['food', 'hardware', 'stationery'])
        : random.pick(STRINGS);
    case 'pick':
      return random.chance(0.7)
        ? String(random.pick([1, 2, 3, 5, 8, 13]))
        : random.pick(['0', '4', '1.0', '01', ' 1', '13.5', 'one', ...NUMBERS.slice(0, 10)]);
  }
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** Any value at all: every pool, random unicode, very long text. */
function chaosValue(random: Random): string {
  return random.weighted<string>([
    [3, () => random.pick(SQL_META)],
    [3, () => random.pick(NUMBERS)],
    [2, () => random.pick(DATES)],
    [2, () => random.pick(DATETIMES)],
    [1, () => random.pick(TIMES)],
    [1, () => random.pick(BOOLEANS)],
    [3, () => random.pick(STRINGS)],
    [2, () => randomText(random, random.between(1, 24))],
    [1, () => ''],
    [1, () => longText(random)],
  ]);
}

/** Random code points from every plane (lone surrogates included). */
function randomText(random: Random, length: number): string {
  let text = '';
  for (let index = 0; index < length; index++) {
    text += random.weighted<string>([
      [5, () => String.fromCharCode(random.between(0x20, 0x7e))],
      [1, () => String.fromCharCode(random.between(0, 0x1f))],
      [2, () => String.fromCharCode(random.between(0xa0, 0x2fff))],
      [1, () => String.fromCharCode(random.between(0xd800, 0xdfff))],
      [1, () => String.fromCodePoint(random.between(0x1f300, 0x1faff))],
      [1, () => random.pick(["'", '"', ';', '%', '_', '\\', ',', '&', '=', '#', '!', '+'])],
    ]);
  }
  return text;
}

/** 1 to 12 KB of text (the whole URL stays under {@link MAX_RANDOM_URL}). */
function longText(random: Random): string {
  const length = random.between(1000, 12_000);
  const unit = random.pick(['a', '9', "'", '%', 'é', '🙂', ',', 'ab,', '1,']);
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** A list value: commas, empty items, spaces, 0 to 500 items. */
function listValue(random: Random, kind: Kind): string {
  return random.weighted<string>([
    [6, () => items(random, kind, random.between(0, 5)).join(',')],
    [
      1,
      () => items(random, kind, random.between(2, 4)).join(random.pick([', ', ' ,', ',,', ' , '])),
    ],
    [1, () => random.pick([',', ',,,', ' , , ', '1,,2', ',1', '1,', ', ,', ''])],
    [1, () => items(random, kind, random.pick([100, 500])).join(',')],
    [1, () => chaosValue(random)],
  ]);
}

function items(random: Random, kind: Kind, count: number): string[] {
  return Array.from({ length: count }, () => typedValue(random, kind));
}

// ---------------------------------------------------------------------------------------------
// Query strings

const hex = (byte: number): string => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
const BYTES = Array.from({ length: 256 }, (_, byte) => String.fromCharCode(byte));
/** Per byte: unreserved characters as they are, the rest percent-encoded. */
const STRICT_TABLE = BYTES.map((character, byte) =>
  /[A-Za-z0-9\-_.~!*'()]/.test(character) ? character : hex(byte),
);
/** Per byte: printable ASCII as it is except the delimiters `&`, `=` and `#`. */
const LIGHT_TABLE = BYTES.map((character, byte) =>
  byte > 0x20 && byte < 0x7f && !'&=#'.includes(character) ? character : hex(byte),
);
/** Per byte: printable ASCII as it is, delimiters included. */
const RAW_TABLE = BYTES.map((character, byte) =>
  byte > 0x20 && byte < 0x7f ? character : hex(byte),
);

function encodeWith(table: readonly string[], text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) out += table[byte]!;
  return out;
}

/** Percent-encodes UTF-8 (lone surrogates become U+FFFD), leaving unreserved characters. */
function encode(text: string, spaceAsPlus = false): string {
  const encoded = encodeWith(STRICT_TABLE, text);
  return spaceAsPlus ? encoded.replaceAll('%20', '+') : encoded;
}

/**
 * A lightly encoded spelling: printable ASCII stays as it is (so `%`, `'`, `;`, `,`, `\` reach
 * the server raw and `%` may start a malformed escape), the rest is percent-encoded UTF-8.
 * `&`, `=` and `#` are left raw only when `keepDelimiters` (they then split the pair).
 */
function encodeLight(text: string, keepDelimiters: boolean): string {
  return encodeWith(keepDelimiters ? RAW_TABLE : LIGHT_TABLE, text);
}

function encodeAny(random: Random, text: string): string {
  return random.weighted<string>([
    [6, () => encode(text)],
    [2, () => encode(text, true)],
    [2, () => encodeLight(text, false)],
    [0.3, () => encodeLight(text, true)],
  ]);
}

/** A parameter name: mostly known ones, then lookups, chains, unknown and exotic names. */
function parameterName(random: Random, endpoint: Endpoint): string {
  const known = endpoint.filterSet.getParameters();
  const bases = Object.keys(endpoint.filters);
  return random.weighted<string>([
    [40, () => random.pick(known)],
    [
      10,
      () => `${random.pick(bases)}__${random.pick(ALL_LOOKUPS)}${random.chance(0.3) ? '!' : ''}`,
    ],
    [
      5,
      () =>
        Array.from({ length: random.between(2, 6) }, () =>
          random.pick([...bases, ...ALL_LOOKUPS, '', 'a', 'b', 'c', 'd', 'id', 'category', 'name']),
        ).join('__'),
    ],
    [
      4,
      () =>
        random.pick(['page', 'size', 'limit', 'offset', 'cursor', 'order_by', 'sort', 'format']),
    ],
    [5, () => random.pick(ODD_NAMES)],
    [3, () => randomText(random, random.between(1, 12))],
    [
      2,
      () =>
        random.pick([
          'námé',
          '名前',
          '🙂',
          'name\u200b',
          'n\u0301ame',
          'İd',
          'ΣΑΣ',
          'ǅ',
          'name\u0000',
        ]) + random.pick(['', '__in', '__gte', '!']),
    ],
  ]);
}

/** A value for `name`, typed after the filter the name designates (when it designates one). */
function parameterValue(random: Random, endpoint: Endpoint, name: string): string {
  const [base = '', ...parts] = name.replace(/!$/, '').split('__');
  const spec = Object.hasOwn(endpoint.filters, base) ? endpoint.filters[base] : undefined;
  if (spec === undefined || random.chance(0.15)) {
    return chaosValue(random);
  }
  const last = parts.at(-1);
  let kind: Kind = spec[0];
  if (parts.some((part) => NUMERIC_TRANSFORMS.has(part))) kind = 'integer';
  if (parts.includes('date')) kind = 'date';
  if (parts.includes('time')) kind = 'time';
  if (last === 'isnull') return random.pick(BOOLEANS);
  if (last === 'range') {
    // 2 items mostly; 0, 1 and 3 items too.
    const count = random.weighted<number>([
      [6, () => 2],
      [1, () => 0],
      [1, () => 1],
      [1, () => 3],
    ]);
    return items(random, kind, count).join(',');
  }
  if (last === 'in' || spec[1] === true) {
    return listValue(random, kind);
  }
  return random.chance(0.85) ? typedValue(random, kind) : chaosValue(random);
}

/** One `name=value` pair as sent: encoded name and value, sometimes without `=`. */
function pair(random: Random, name: string, value: string): string {
  const encodedName = encodeAny(random, name);
  return random.weighted<string>([
    [30, () => `${encodedName}=${encodeAny(random, value)}`],
    [1, () => encodedName],
    [1, () => `${encodedName}=`],
    [1, () => `${encodedName}==${encodeAny(random, value)}`],
    [1, () => `${encodedName}=${encodeAny(random, value)}=${encodeAny(random, value)}`],
    [2, () => `${encodedName}=${random.pick(MALFORMED_ESCAPES)}${encodeAny(random, value)}`],
    [2, () => `${encodedName}=${encodeAny(random, value)}${random.pick(MALFORMED_ESCAPES)}`],
    [1, () => `${random.pick(MALFORMED_ESCAPES)}${encodedName}=${encodeAny(random, value)}`],
  ]);
}

/** Random pagination parameters for the endpoint's paginator (valid and invalid values). */
function paginationPairs(random: Random, endpoint: Endpoint): string[] {
  const number = (): string =>
    random.weighted<string>([
      [4, () => String(random.between(1, 6))],
      [2, () => random.pick(['0', '-1', '', 'last', 'LAST', 'first', '1.0', ' 2 ', 'abc'])],
      [2, () => random.pick(NUMBERS)],
    ]);
  const cursor = (): string =>
    random.weighted<string>([
      [
        3,
        () =>
          Buffer.from(
            JSON.stringify({
              k: random.pick<unknown>([1, 7, -1, 0, 1e308, 2 ** 53, 'x', "1'--", true, null, 1.5]),
              ...(random.chance(0.3) ? { r: true } : {}),
              ...(random.chance(0.2) ? { i: random.pick<unknown>([true, 1, 'yes']) } : {}),
              ...(random.chance(0.2) ? { v: random.pick<unknown>(['a', 1, {}, []]) } : {}),
            }),
          ).toString('base64url'),
      ],
      [1, () => Buffer.from(randomText(random, random.between(1, 40))).toString('base64')],
      [1, () => chaosValue(random)],
    ]);
  const pairs: string[] = [];
  const add = (name: string, value: string): void => {
    pairs.push(`${name}=${encodeAny(random, value)}`);
  };
  switch (endpoint.pagination) {
    case 'page':
      if (random.chance(0.8)) add('page', number());
      if (random.chance(0.5)) add('size', number());
      break;
    case 'limit':
      if (random.chance(0.7)) add('limit', number());
      if (random.chance(0.7)) add('offset', number());
      break;
    case 'cursor':
      if (random.chance(0.8)) add('cursor', cursor());
      if (random.chance(0.4)) add('size', number());
      break;
    case 'none':
      add(random.pick(['page', 'size', 'limit', 'offset', 'cursor']), number());
      break;
  }
  return pairs;
}

// prettier-ignore
const ODD_ORDER_VALUES = [
  'id', 'releasedAt', 'category', 'category.name', '?', '1', 'RAND()', 'price; DROP TABLE x',
  'name DESC', '(SELECT 1)', 'price__gte', '-', '--', '',
];

/** An ordering value: valid, negated, doubled, unknown, lists and junk. */
function orderValue(random: Random, endpoint: Endpoint): string {
  // Without ordering fields the parameter is not read at all: any value will do.
  const values = ORDER_VALUES(endpoint).length ? ORDER_VALUES(endpoint) : ['price', '-id', 'stock'];
  const one = (): string =>
    random.weighted<string>([
      [6, () => random.pick(values)],
      [1, () => `-${random.pick(values)}`],
      [1, () => `+${random.pick(values)}`],
      [1, () => ` ${random.pick(values)} `],
      [1, () => random.pick(values).toUpperCase()],
      [1, () => random.pick(ODD_ORDER_VALUES)],
      [1, () => chaosValue(random)],
    ]);
  return Array.from({ length: random.between(1, 4) }, one).join(
    random.pick([',', ',', ', ', ',,']),
  );
}

interface FuzzCase {
  readonly endpoint: Endpoint;
  /** Path and query as sent. */
  readonly url: string;
}

function randomCase(random: Random): FuzzCase {
  const endpoint = random.pick(ENDPOINTS);
  const pairs: string[] = [];
  const count = random.weighted<number>([
    [2, () => 0],
    [10, () => 1],
    [8, () => 2],
    [5, () => random.between(3, 5)],
    [1, () => random.between(6, 30)],
  ]);
  for (let index = 0; index < count; index++) {
    const name = parameterName(random, endpoint);
    const repeat = random.chance(0.1) ? random.between(2, 4) : 1;
    for (let time = 0; time < repeat; time++) {
      pairs.push(pair(random, name, parameterValue(random, endpoint, name)));
    }
  }
  for (const [name, choices] of Object.entries(endpoint.required)) {
    if (random.chance(0.8)) pairs.push(`${name}=${random.pick(choices)}`);
  }
  if (random.chance(0.25)) {
    pairs.push(
      `${encodeAny(random, ORDER_PARAM(endpoint))}=${encodeAny(random, orderValue(random, endpoint))}`,
    );
  }
  if (random.chance(endpoint.pagination === 'none' ? 0.05 : 0.35)) {
    pairs.push(...paginationPairs(random, endpoint));
  }
  for (let index = pairs.length - 1; index > 0; index--) {
    const other = random.int(index + 1);
    [pairs[index], pairs[other]] = [pairs[other]!, pairs[index]!];
  }
  const separator = (): string =>
    random.chance(0.03) ? random.pick(['&&', '&&&', ';', '&;']) : '&';
  let query = pairs.reduce(
    (text, item, index) => (index === 0 ? item : text + separator() + item),
    '',
  );
  if (random.chance(0.03)) query = `&${query}`;
  if (random.chance(0.03)) query = `${query}&`;
  if (random.chance(0.02))
    query = `${query}#${encodeLight(random.pick(['frag', 'x=1', '', 'a&b=c']), true)}`;
  if (random.chance(0.02)) query = `${query}?${query}`;
  let url = pairs.length === 0 && random.chance(0.5) ? endpoint.path : `${endpoint.path}?${query}`;
  if (url.length > MAX_RANDOM_URL) url = url.slice(0, MAX_RANDOM_URL);
  return { endpoint, url };
}

/** Hand-written cases, sent on every run before the random ones. */
function corpus(): FuzzCase[] {
  const urls: [string, string][] = [];
  const add = (path: string, ...queries: string[]): void => {
    for (const query of queries) urls.push([path, query]);
  };
  // prettier-ignore
  add(
    '/fs/products', 'name=%27%20OR%20%271%27%3D%271', "name=' OR '1'='1",
    'name=1;DROP%20TABLE%20filter_set_products;--', 'name__icontains=%25', 'name__icontains=_',
    'name__icontains=%5C', 'name__startswith=%5C%25', 'name__in=%27,%22,%3B,--,%2F*,*%2F',
    'search=%25%27%20OR%201%3D1%20--', 'category=%27)%20OR%20(%271%27%3D%271', 'stock=1e309',
    'stock=-0', 'stock=99999999999999999999999', 'stock=2147483648',
    'stock__gt=9223372036854775808', 'stock__in=1,99999999999999999999999', 'stock=NaN',
    'stock=Infinity', 'stock=0x10', 'stock__range=', 'stock__range=1', 'stock__range=1,2,3',
    'stock__range=99999999999,1', 'price=1e309', 'price__gt=1e308', 'price__lt=-1e308',
    'price=5e-324', 'cost=1e999', 'cost__min=99999999999999999999999.99', 'cost__max=1e-400',
    'price__range=1e308,-1e308', 'released=2024-02-30', 'released=2024-13-01T00:00:00Z',
    'released=0000-00-00', 'released=9999-12-31T23:59:59.999999Z',
    'released=0001-01-01T00:00:00%2B23:59', 'released=9999-12-31T23:59:59.999999-23:59',
    'released__gte=24:00', 'released__date=2024-02-30', 'released__year=99999999999',
    'released__year=-2147483649', 'released__month__gte=1', 'since=99999999999999999999999',
    'since=2147483648', 'ids=,,,', 'ids=1,,2',
    `ids=${Array.from({ length: 500 }, (_, index) => index).join(',')}`,
    `ids=${Array.from({ length: 500 }, () => '99999999999').join(',')}`,
    'ids=1&ids=2&ids=3&ids=&ids=,', 'active=TrUe', 'active=', 'active=%00', 'name=%00',
    'name=a%00b', 'name=%', 'name=%zz', 'name=%E9', 'name=%ED%A0%80', '%=1', '%zz=1', '%E9=1',
    'name%00=1', 'na%6De=Apple', 'name%21=Apple', 'name%5F%5Ficontains=a', 'a__b__c__d=1',
    'name__icontains__exact=1', 'name__in__in=1', 'category__name=Fruit', 'category.name=Fruit',
    '__proto__=1', '__proto__[x]=1', 'constructor[prototype][x]=1', 'order_by=', 'order_by=,,,',
    'order_by=--price', 'order_by=price,-price,price', 'order_by=%27',
    `order_by=${Array.from({ length: 500 }, () => 'price').join(',')}`,
    `name=${'a'.repeat(12_000)}`, `name__icontains=${'%25'.repeat(3000)}`,
    `search=${'%27'.repeat(3000)}`,
  );
  // prettier-ignore
  add(
    '/fs/strict-products', 'kind=food&stock__gte=99999999999', 'kind=food&stock__gte=1e309',
    'kind=food&sort=%27', 'kind=%27%20OR%201%3D1', 'kind=food&%F0%9F%99%82=1',
  );
  add('/fs/odd-products', 'stock__gte=1&stock__lt=99999999999&active=true', 'kind=food&kind!=food');
  // prettier-ignore
  add(
    '/fuzz/samples', 'amount=99999999999', 'units=99999999999',
    'units__in=1,99999999999999999999999', 'units__range=-99999999999,99999999999',
    'units=-2147483649', 'price=1e999', 'price__range=1e-400,1e400', 'approx=1e308',
    'approx__in=1e308,-1e308,5e-324', 'happened__year=99999999999', 'happened__week=2147483648',
    'happened__hour=-99999999999', 'happened__quarter__in=1,99999999999', 'happened__time=24:00',
    'happened__time=23:59:59.999999', 'happened__date=0001-01-01',
    'happened=9999-12-31T23:59:59.999999Z', 'happened__gte=0001-01-01T00:00:00%2B23:59',
    'day=0000-00-00', 'day=2024-02-30', 'day=9999-12-31', 'day__year=99999999999',
    'day__in=2024-01-01,,2024-13-01', 'at=24:00', 'at__hour=25', 'at__hour=99999999999',
    'at__range=00:00,23:59:59.999999', 'weeks=1', 'weeks=1,2,3', 'weeks=1,99999999999',
    'quarters=99999999999', 'weekday=99999999999',
    'moments=9999-12-31T23:59:59.999999Z,0001-01-01T00:00:00Z', 'flags=true,false,maybe',
    'times=24:00,00:00', 'pick=13', 'pick=99999999999', 'email=a@b.c', 'email__icontains=%25',
    'prefix=%5C', 'page=99999999999999999999', 'page=0', 'page=last', 'page=1.5',
    'size=99999999999999999999', 'size=-1',
  );
  // prettier-ignore
  add(
    '/fuzz/any-samples', 'limit=99999999999999999999&offset=99999999999999999999',
    'offset=9007199254740991', 'offset=-1&limit=0', 'units=99999999999&name=Apple',
  );
  // prettier-ignore
  add(
    '/fuzz/odd-samples', 'cursor=%27', 'cursor=eyJrIjoxfQ',
    `cursor=${Buffer.from(JSON.stringify({ k: 99999999999 })).toString('base64url')}`,
    `cursor=${Buffer.from(JSON.stringify({ k: 2 ** 53 })).toString('base64url')}`,
    `cursor=${Buffer.from(JSON.stringify({ k: 1e308 })).toString('base64url')}`,
    `cursor=${Buffer.from(JSON.stringify({ k: -1, r: true })).toString('base64url')}`,
    `cursor=${'A'.repeat(3000)}`, 'units=1&amount=2&price=3&size=99999999999',
  );
  add('/fuzz/strict-samples', 'page=1&size=2&bogus=1', 'units__gte=99999999999&order_by=recent');
  return urls.map(([path, query]) => {
    const endpoint = ENDPOINTS.find((candidate) => candidate.path === path)!;
    const url = `${path}?${encodeLight(query, true)}`;
    return { endpoint, url };
  });
}

// ---------------------------------------------------------------------------------------------
// HTTP and checks

interface Reply {
  status: number;
  contentType: string;
  text: string;
  error?: string;
}

function get(port: number, agent: Agent, path: string): Promise<Reply> {
  return new Promise((resolve) => {
    const fail = (error: unknown): void =>
      resolve({
        status: 0,
        contentType: '',
        text: '',
        error: `${(error as NodeJS.ErrnoException).code ?? 'Error'}: ${(error as Error).message}`,
      });
    try {
      const outgoing = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path,
          method: 'GET',
          agent,
          headers: { accept: 'application/json' },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', fail);
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              contentType: response.headers['content-type'] ?? '',
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      outgoing.setTimeout(20_000, () => outgoing.destroy(new Error('no answer within 20 s')));
      outgoing.on('error', fail);
      outgoing.end();
    } catch (error) {
      fail(error);
    }
  });
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The decoded parameter names of a URL, as the filter set reads them. */
function queryNames(url: string): Set<string> {
  const start = url.indexOf('?');
  if (start === -1) return new Set();
  const hash = url.indexOf('#', start);
  return new Set(new URLSearchParams(url.slice(start + 1, hash === -1 ? undefined : hash)).keys());
}

/** Why the reply is not an acceptable answer to the case, or `undefined` when it is. */
function problemWith(fuzzCase: FuzzCase, reply: Reply): string | undefined {
  if (reply.error !== undefined) return `connection error ${reply.error}`;
  let body: unknown;
  try {
    body = JSON.parse(reply.text);
  } catch {
    return `${reply.status} with a body that is not JSON (${reply.contentType})`;
  }
  if (!/^application\/json/.test(reply.contentType)) {
    return `${reply.status} with content-type ${reply.contentType}`;
  }
  const { endpoint } = fuzzCase;
  if (reply.status === 200) {
    let results: unknown = body;
    if (endpoint.pagination !== 'none') {
      if (!isObject(body) || !('results' in body) || !('next' in body) || !('previous' in body)) {
        return '200 without a page body';
      }
      if (endpoint.pagination !== 'cursor' && typeof body.count !== 'number') {
        return '200 page without a count';
      }
      results = body.results;
    }
    if (!Array.isArray(results)) return '200 without a list of results';
    const known = KNOWN_IDS[endpoint.table];
    const stranger = results.find((row) => !isObject(row) || !known.has(row.id as number));
    if (stranger !== undefined) return `200 with an unknown row ${JSON.stringify(stranger)}`;
    return undefined;
  }
  const error = isObject(body) ? body.error : undefined;
  const envelope =
    isObject(body) &&
    Object.keys(body).length === 1 &&
    isObject(error) &&
    Object.keys(error).sort().join() === 'code,details,message' &&
    typeof error.code === 'string' &&
    typeof error.message === 'string' &&
    isObject(error.details);
  if (!envelope) return `${reply.status} without the error envelope`;
  const code = error.code as string;
  const names = queryNames(fuzzCase.url);
  if (reply.status === 400 && code === 'validation_error') {
    const required = Object.keys(endpoint.required);
    const strange = Object.keys(error.details as object).filter(
      (key) => !names.has(key) && !required.includes(key),
    );
    return strange.length
      ? `400 with details for absent parameters ${JSON.stringify(strange)}`
      : undefined;
  }
  if (reply.status === 400 && code === 'parse_error') return undefined;
  // A page number past the last page or malformed, or a cursor that cannot be read.
  const pageParam = { page: 'page', cursor: 'cursor', limit: undefined, none: undefined }[
    endpoint.pagination
  ];
  if (reply.status === 404 && code === 'not_found' && pageParam && names.has(pageParam)) {
    return undefined;
  }
  return `${reply.status} ${code}: ${error.message as string}`;
}

interface Failure {
  readonly problem: string;
  readonly url: string;
  readonly body: string;
}

/** Sends every case with {@link CONCURRENCY} requests in flight; returns the failures. */
async function runCases(
  port: number,
  cases: readonly FuzzCase[],
  check: (fuzzCase: FuzzCase, reply: Reply) => string | undefined,
): Promise<{ failures: Failure[]; statuses: Map<number, number> }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const failures: Failure[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const fuzzCase = cases[next++]!;
      const reply = await get(port, agent, fuzzCase.url);
      statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      const problem = check(fuzzCase, reply);
      if (problem !== undefined) {
        failures.push({ problem, url: fuzzCase.url, body: reply.text });
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    agent.destroy();
  }
  return { failures, statuses };
}

/** Every failure (URL shortened past 600 characters), after a count per kind of problem. */
function report(failures: readonly Failure[]): string {
  const kinds = new Map<string, number>();
  for (const { problem } of failures) kinds.set(problem, (kinds.get(problem) ?? 0) + 1);
  const summary = [...kinds].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `  ${n} × ${kind}`);
  const shorten = (text: string, limit: number): string =>
    text.length > limit ? `${text.slice(0, limit)}… (${text.length} chars)` : text;
  const lines = failures.map(
    ({ problem, url, body }) =>
      `${problem}\n    GET ${shorten(url, 600)}\n    -> ${shorten(body, 300)}`,
  );
  return `${summary.join('\n')}\n\n${lines.join('\n')}`;
}

// ---------------------------------------------------------------------------------------------
// Table checksums

const TABLES = ['filter_set_categories', 'filter_set_products', 'filter_lookup_samples'];

function normalise(value: unknown): unknown {
  if (value instanceof Date) return `date:${value.toISOString()}`;
  if (Buffer.isBuffer(value)) return `bytes:${value.toString('hex')}`;
  if (typeof value === 'bigint') return `bigint:${value}`;
  return value;
}

/** A digest of every row and column of every table (rows sorted), and the list of tables. */
async function snapshot(
  dataSource: DataSource,
): Promise<{ digest: string; rows: number; tables: string[] }> {
  const digest = createHash('sha256');
  let rows = 0;
  for (const table of TABLES) {
    const records = await dataSource.query<Record<string, unknown>[]>(
      `SELECT * FROM ${dataSource.driver.escape(table)}`,
    );
    rows += records.length;
    const lines = records
      .map((record) =>
        JSON.stringify(
          Object.keys(record)
            .sort()
            .map((column) => [column, normalise(record[column])]),
        ),
      )
      .sort();
    digest.update(`${table}\n${lines.join('\n')}\n`);
  }
  const type = dataSource.options.type;
  const tableQuery =
    type === 'postgres'
      ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'"
      : type === 'mysql' || type === 'mariadb'
        ? 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()'
        : "SELECT name FROM sqlite_master WHERE type = 'table'";
  const tables = (await dataSource.query<Record<string, string>[]>(tableQuery))
    .map((row) => row.name ?? row.NAME ?? row.TABLE_NAME ?? '')
    .sort();
  return { digest: digest.digest('hex'), rows, tables };
}

// ---------------------------------------------------------------------------------------------

describe.each(testDatabases())('filter set fuzzing on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);

  describe.each(ADAPTERS)('over %s', (adapterName) => {
    const handle = useTestApp(adapterName, database, (options) => [
      FilterFuzzModule.forDatabase(options(FILTER_FUZZ_ENTITIES)),
    ]);
    const seed = (BASE_SEED ^ hash32(`${databaseName}/${adapterName}`)) >>> 0;
    let app: INestApplication;
    let dataSource: DataSource;
    let port: number;

    beforeAll(async () => {
      app = handle.app();
      dataSource = app.get(DataSource);
      if ((await dataSource.getRepository(Product).count()) === 0) {
        await dataSource.getRepository(Category).save(CATEGORIES);
        await dataSource.getRepository(Product).save(PRODUCTS);
        await dataSource.getRepository(Sample).save(SAMPLES);
      }
      await app.listen(0, '127.0.0.1');
      port = ((app.getHttpServer() as Server).address() as AddressInfo).port;
    });

    it(`answers ${COUNT} random query strings with 200 or an error envelope, never 500`, async () => {
      let started = performance.now();
      const random = new Random(seed);
      const cases = [...corpus(), ...Array.from({ length: COUNT }, () => randomCase(random))];
      const generated = (performance.now() - started) / 1000;
      const before = await snapshot(dataSource);
      started = performance.now();
      const { failures, statuses } = await runCases(port, cases, problemWith);
      const seconds = (performance.now() - started) / 1000;
      const after = await snapshot(dataSource);
      if (JSON.stringify(after) !== JSON.stringify(before)) {
        failures.push({
          problem: 'the tables changed',
          url: '(whole run)',
          body: `before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`,
        });
      }
      console.log(
        `filter fuzz ${databaseName}/${adapterName}: ${cases.length} requests (${COUNT} random, ` +
          `seed ${seed}) generated in ${generated.toFixed(1)} s, sent in ${seconds.toFixed(1)} s; ` +
          `statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; ` +
          `${failures.length} failures`,
      );
      if (failures.length) {
        throw new Error(
          `${failures.length} of ${cases.length} answers were wrong on ${databaseName}/${adapterName} ` +
            `(reproduce with FUZZ_SEED=${BASE_SEED} FUZZ_COUNT=${COUNT}; seed of this pair ${seed}):\n` +
            report(failures),
        );
      }
      expect(before.rows).toBe(CATEGORIES.length + PRODUCTS.length + SAMPLES.length);
    }, 300_000);

    // Node's HTTP server (under both adapters) answers a head over `maxHeaderSize` with 431 and
    // destroys the socket at once; with the rest of the request unread, the client may see the
    // reset before it reads the 431. Either is the defined outcome; a 500 or a hang is not.
    it('answers URLs past the 16 KiB head limit with 431 (or a reset) and goes on serving', async () => {
      const random = new Random(seed ^ 0x431);
      const cases = Array.from({ length: 20 }, (): FuzzCase => {
        const endpoint = random.pick(ENDPOINTS);
        const length = random.between(20_000, 50_000);
        const value = encodeLight(random.pick(['a', "'", '%', ',', '1,']), true)
          .repeat(length)
          .slice(0, length);
        return { endpoint, url: `${endpoint.path}?name=${value}` };
      });
      const before = await snapshot(dataSource);
      const { failures, statuses } = await runCases(port, cases, (_fuzzCase, reply) =>
        reply.status === 431 || /^(ECONNRESET|EPIPE):/.test(reply.error ?? '')
          ? undefined
          : `expected 431 or a reset, got ${reply.status} ${reply.error ?? ''}`,
      );
      console.log(
        `filter fuzz ${databaseName}/${adapterName}: oversized URLs ${JSON.stringify(Object.fromEntries(statuses))} (0 = reset)`,
      );
      expect(failures).toEqual([]);
      const { failures: after } = await runCases(port, corpus().slice(0, 3), problemWith);
      expect(after).toEqual([]);
      expect(await snapshot(dataSource)).toEqual(before);
    });
  });
});
