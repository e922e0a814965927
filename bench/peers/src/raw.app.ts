/**
 * The limit: a raw Fastify app with `pg` prepared statements, no framework and no ORM. It reads
 * the same rows and answers the same row shape (category nested) as the other contenders.
 */
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { Pool } from 'pg';
import { poolConfig } from './database';

const PAGE_SIZE = 20;
const COLUMNS =
  'p.id, p.name, p.price, p."inStock", p."categoryId", c.id AS "cId", c.name AS "cName"';

const LIST = {
  name: 'bench_raw_list',
  text:
    `SELECT ${COLUMNS}, count(*) OVER () AS total FROM bench_product p ` +
    'JOIN bench_category c ON c.id = p."categoryId" ' +
    'WHERE ($1::int IS NULL OR p."categoryId" = $1) AND ($2::numeric IS NULL OR p.price >= $2) ' +
    'AND ($3::numeric IS NULL OR p.price <= $3) AND ($4::text IS NULL OR p.name ILIKE $4) ' +
    'ORDER BY p.price, p.id LIMIT 20 OFFSET $5',
};
const RETRIEVE = {
  name: 'bench_raw_retrieve',
  text: `SELECT ${COLUMNS} FROM bench_product p JOIN bench_category c ON c.id = p."categoryId" WHERE p.id = $1`,
};
const CREATE = {
  name: 'bench_raw_create',
  text:
    'WITH p AS (INSERT INTO bench_product (name, price, "inStock", "categoryId") ' +
    'VALUES ($1, $2, $3, $4) RETURNING *) ' +
    `SELECT ${COLUMNS} FROM p JOIN bench_category c ON c.id = p."categoryId"`,
};

/** One row of the statements above, as pg reads it (numeric as a string). */
interface Row {
  id: number;
  name: string;
  price: string;
  inStock: boolean;
  categoryId: number;
  cId: number;
  cName: string;
  total?: string;
}

function toBody(row: Row) {
  return {
    id: row.id,
    name: row.name,
    price: row.price,
    inStock: row.inStock,
    categoryId: row.categoryId,
    category: { id: row.cId, name: row.cName },
  };
}

const INTEGER = /^[1-9]\d{0,8}$/;
const DECIMAL = /^-?\d{1,8}(\.\d{1,2})?$/;

function badRequest(reply: FastifyReply, field: string): FastifyReply {
  return reply.code(400).send({ error: 'validation_error', field });
}

export function rawApp(): FastifyInstance {
  const pool = new Pool(poolConfig());
  const app = Fastify({ logger: false });
  app.addHook('onClose', () => pool.end());

  app.get('/raw/products', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const { category, price_min: min, price_max: max, name, page = '1' } = query;
    if (category !== undefined && !INTEGER.test(category)) return badRequest(reply, 'category');
    if (min !== undefined && !DECIMAL.test(min)) return badRequest(reply, 'price_min');
    if (max !== undefined && !DECIMAL.test(max)) return badRequest(reply, 'price_max');
    if (!INTEGER.test(page)) return badRequest(reply, 'page');
    if (name !== undefined && name.length > 200) return badRequest(reply, 'name');
    const pattern = name ? `%${name.replace(/[\\%_]/g, (char) => `\\${char}`)}%` : null;
    const { rows } = await pool.query<Row>({
      ...LIST,
      values: [category ?? null, min ?? null, max ?? null, pattern, (Number(page) - 1) * PAGE_SIZE],
    });
    return { count: rows.length > 0 ? Number(rows[0]!.total) : 0, results: rows.map(toBody) };
  });

  app.get('/raw/products/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!INTEGER.test(id)) return reply.code(404).send({ error: 'not_found' });
    const { rows } = await pool.query<Row>({ ...RETRIEVE, values: [id] });
    if (rows.length === 0) return reply.code(404).send({ error: 'not_found' });
    return toBody(rows[0]!);
  });

  app.post('/raw/products', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { name, price, inStock, categoryId } = body;
    if (typeof name !== 'string' || name.trim() === '' || name.length > 200) {
      return badRequest(reply, 'name');
    }
    if (typeof price !== 'number' || !DECIMAL.test(String(price)) || price < 0) {
      return badRequest(reply, 'price');
    }
    if (typeof inStock !== 'boolean') return badRequest(reply, 'inStock');
    if (typeof categoryId !== 'number' || !INTEGER.test(String(categoryId))) {
      return badRequest(reply, 'categoryId');
    }
    const { rows } = await pool.query<Row>({
      ...CREATE,
      values: [name, price, inStock, categoryId],
    });
    return reply.code(201).send(toBody(rows[0]!));
  });
  return app;
}
