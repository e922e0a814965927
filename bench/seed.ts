/**
 * Creates and fills the bench's own PostgreSQL database (`bench_restflow`, never the shared
 * `test` database): 20 categories, 10,000 products, and the paging tables of 1,000 and 1,000,000
 * rows. Deterministic (`generate_series`), so every run reads the same rows. The products are
 * recreated on every run (the create workload adds rows); the 1,000,000 rows are kept when they
 * are already there.
 */

/** The part of `pg` (a workspace dependency without types) the seeding uses. */
interface ClientConfig {
  host: string;
  port: number;
  user: string;
  database: string;
}
interface Client {
  connect(): Promise<void>;
  query<TRow>(text: string, values?: unknown[]): Promise<{ rows: TRow[]; rowCount: number | null }>;
  end(): Promise<void>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- pg ships no types
const { Client } = require('pg') as { Client: new (config: ClientConfig) => Client };

export const BENCH_DATABASE = 'bench_restflow';

export function connection(database: string): ClientConfig {
  return {
    host: process.env.BENCH_PG_HOST ?? '127.0.0.1',
    port: Number(process.env.BENCH_PG_PORT ?? 5432),
    user: process.env.BENCH_PG_USER ?? 'postgres',
    database,
  };
}

async function withClient<T>(database: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client(connection(database));
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const PRODUCTS = `
DROP TABLE IF EXISTS bench_product;
DROP TABLE IF EXISTS bench_category;
CREATE TABLE bench_category (id serial PRIMARY KEY, name varchar(100) NOT NULL);
INSERT INTO bench_category (name)
  SELECT 'Category ' || lpad(i::text, 2, '0') FROM generate_series(1, 20) AS i;
CREATE TABLE bench_product (
  id serial PRIMARY KEY,
  name varchar(200) NOT NULL,
  price numeric(10, 2) NOT NULL,
  "inStock" boolean NOT NULL,
  "categoryId" int NOT NULL REFERENCES bench_category (id)
);
INSERT INTO bench_product (name, price, "inStock", "categoryId")
  SELECT (ARRAY['Red', 'blue', 'GREEN', 'Amber', 'silver'])[i % 5 + 1] || ' ' ||
         (ARRAY['Lamp', 'chair', 'DESK', 'Table', 'lampshade', 'sofa', 'Rug'])[i % 7 + 1] || ' ' || i,
         ((i * 7919) % 100000) / 100.0,
         i % 3 <> 0,
         i % 20 + 1
  FROM generate_series(1, 10000) AS i;
CREATE INDEX bench_product_category ON bench_product ("categoryId");
CREATE INDEX bench_product_price ON bench_product (price, id);
ANALYZE bench_category;
ANALYZE bench_product;
`;

function pagingTable(table: string, rows: number): string {
  return `
DROP TABLE IF EXISTS ${table};
CREATE TABLE ${table} (id serial PRIMARY KEY, score int NOT NULL, name varchar(50) NOT NULL);
INSERT INTO ${table} (score, name) SELECT i * 3, 'row ' || i FROM generate_series(1, ${rows}) AS i;
CREATE INDEX ${table}_score ON ${table} (score, id);
ANALYZE ${table};
`;
}

export const PAGING_ROWS = { small: 1000, large: 1000000 } as const;

/** Creates the database when missing and (re)fills its tables; returns what it did, in words. */
export async function seed(): Promise<string> {
  await withClient('postgres', async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      BENCH_DATABASE,
    ]);
    if (!rowCount) await client.query(`CREATE DATABASE ${BENCH_DATABASE}`);
  });
  return withClient(BENCH_DATABASE, async (client) => {
    const started = Date.now();
    await client.query(PRODUCTS);
    await client.query(pagingTable('bench_paging_small', PAGING_ROWS.small));
    const large = await client
      .query<{ n: string }>('SELECT count(*) AS n FROM bench_paging_large')
      .then(
        (result) => Number(result.rows[0]?.n),
        () => 0,
      );
    if (large !== PAGING_ROWS.large) {
      await client.query(pagingTable('bench_paging_large', PAGING_ROWS.large));
    }
    const kept =
      large === PAGING_ROWS.large ? ' (1,000,000 paging rows kept from a previous run)' : '';
    return `seeded ${BENCH_DATABASE} in ${((Date.now() - started) / 1000).toFixed(1)} s${kept}`;
  });
}
