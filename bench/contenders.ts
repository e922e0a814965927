/**
 * The contenders of `npm run bench` (apps in bench/peers/src), the workloads, and how each
 * contender spells a workload's request and wraps its answer. Every contender serves the same
 * rows: the products of category 3 priced 100 to 800 whose name contains "LAMP" in any case,
 * ordered by price then id, 20 a page, each with its category nested; one product by id with its
 * category; and the creation of one validated product.
 */

export type AdapterName = 'express' | 'fastify';
export type Workload = 'list' | 'retrieve' | 'create';
export type ContenderKind = 'restflow' | 'handwritten' | 'crud' | 'paginate' | 'raw';

/** The filter every list request applies, and the product the retrieve reads. */
export const LIST_FILTER = { category: 3, priceMin: 100, priceMax: 800, name: 'LAMP' } as const;
export const RETRIEVE_ID = 4243;
/** The body every create posts (valid for every contender's validation). */
export const CREATE_BODY = { name: 'Bench desk lamp', price: 19.99, inStock: true, categoryId: 3 };

type Body = Record<string, unknown>;

export interface ContenderSpec {
  kind: ContenderKind;
  /** Shown in tables. */
  label: string;
  adapters: readonly AdapterName[];
  /** The request path of each workload it serves (a workload it lacks is absent). */
  paths: Partial<Record<Workload, string>>;
  /** The rows of a list answer (its envelope removed). */
  listRows(body: unknown): unknown[];
}

const { category, priceMin, priceMax, name } = LIST_FILTER;

function field(body: unknown, key: string): unknown[] {
  const value = (body as Body | null)?.[key];
  if (!Array.isArray(value)) {
    throw new Error(
      `the list answer has no "${key}" array: ${JSON.stringify(body)?.slice(0, 200)}`,
    );
  }
  return value as unknown[];
}

export const CONTENDERS: readonly ContenderSpec[] = [
  {
    kind: 'restflow',
    label: 'nestjs-restflow',
    adapters: ['express', 'fastify'],
    paths: {
      list:
        `/restflow/products?categoryId=${category}&price__gte=${priceMin}` +
        `&price__lte=${priceMax}&name__icontains=${name}`,
      retrieve: `/restflow/products/${RETRIEVE_ID}`,
      create: '/restflow/products',
    },
    listRows: (body) => field(body, 'results'),
  },
  {
    kind: 'handwritten',
    label: 'hand-written Nest',
    adapters: ['express', 'fastify'],
    paths: {
      list:
        `/handwritten/products?category=${category}&price_min=${priceMin}` +
        `&price_max=${priceMax}&name=${name}`,
      retrieve: `/handwritten/products/${RETRIEVE_ID}`,
      create: '/handwritten/products',
    },
    listRows: (body) => field(body, 'results'),
  },
  {
    kind: 'crud',
    label: '@dataui/crud',
    adapters: ['express', 'fastify'],
    paths: {
      list:
        `/crud/products?filter=categoryId||$eq||${category}&filter=price||$gte||${priceMin}` +
        `&filter=price||$lte||${priceMax}&filter=name||$contL||${name}` +
        '&sort=price,ASC&sort=id,ASC&limit=20&page=1',
      retrieve: `/crud/products/${RETRIEVE_ID}`,
      create: '/crud/products',
    },
    listRows: (body) => field(body, 'data'),
  },
  {
    kind: 'paginate',
    label: 'nestjs-paginate',
    adapters: ['express', 'fastify'],
    paths: {
      list:
        `/paginate/products?filter.categoryId=$eq:${category}&filter.price=$gte:${priceMin}` +
        `&filter.price=$lte:${priceMax}&filter.name=$ilike:${name}` +
        '&sortBy=price:ASC&sortBy=id:ASC&limit=20',
    },
    listRows: (body) => field(body, 'data'),
  },
  {
    kind: 'raw',
    label: 'raw Fastify + pg',
    adapters: ['fastify'],
    paths: {
      list:
        `/raw/products?category=${category}&price_min=${priceMin}` +
        `&price_max=${priceMax}&name=${name}`,
      retrieve: `/raw/products/${RETRIEVE_ID}`,
      create: '/raw/products',
    },
    listRows: (body) => field(body, 'results'),
  },
];

/** The rows of one answer of a workload, for the equality check (a created row without its id). */
export function workloadRows(spec: ContenderSpec, workload: Workload, body: unknown): unknown[] {
  if (workload === 'list') return spec.listRows(body);
  if (workload === 'retrieve') return [body];
  const { id, ...created } = (body ?? {}) as Body;
  if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0) {
    throw new Error(`${spec.label} created a row without an integer id: ${JSON.stringify(body)}`);
  }
  return [created];
}
