// NDJSON export of a large PostgreSQL table: NDJSONResponse over iterateQuery() (keyset batches,
// a ModelSerializer per row) against a hand-written export (one pg client, a server-side cursor,
// FETCH 1000, JSON.stringify per row, res.write with drain), in one process, in the same run.
// Run by hand (not part of npm test or npm run bench):
//   node scripts/compile-ndjson-export.js . dist/ndjson-export   # transpile, no compiler at run time
//   node --max-semi-space-size=2 --max-old-space-size=96 dist/ndjson-export/bench/ndjson-export.js [rows]
// (rows default 1000000). `node -r ./test/swc-register.js bench/ndjson-export.ts` also works, but
// the in-process compiler adds to the memory measured.
// BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server; the
// script creates a scratch database, fills it with generate_series, and drops it at the end.
import 'reflect-metadata';
import { Controller, Get, Module, Res, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import {
  ModelSerializer,
  NDJSONResponse,
  RestflowModule,
  iterateQuery,
  type ModelSerializerMeta,
} from 'nestjs-restflow';
import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const SERVER_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = `restflow_bench_${randomBytes(4).toString('hex')}`;
const DATABASE_URL = (() => {
  const url = new URL(SERVER_URL);
  url.pathname = `/${DATABASE}`;
  return url.href;
})();
const RSS_LIMIT_MB = 150;

/** The part of pg's Client this script uses (pg ships no types). */
interface PgClient {
  connect(): Promise<void>;
  query<TRow>(sql: string, values?: unknown[]): Promise<{ rows: TRow[] }>;
  end(): Promise<void>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Client } = require('pg') as {
  Client: new (options: { connectionString: string }) => PgClient;
};

interface Measurement {
  label: string;
  rows: number;
  megabytes: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
}

@Entity('bench_row')
class BenchRow {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 40 }) name!: string;
  @Column({ type: 'numeric', precision: 10, scale: 2 }) price!: string;
  @Column({ type: 'boolean' }) inStock!: boolean;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}

class BenchRowSerializer extends ModelSerializer<BenchRow> {
  static override meta: ModelSerializerMeta = {
    model: BenchRow,
    fields: ['id', 'name', 'price', 'inStock', 'createdAt'],
  };
}

@Controller('export')
class ExportController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The library: keyset batches of 1000, a serializer per row. */
  @Get('restflow')
  restflow(): NDJSONResponse {
    const serializer = new BenchRowSerializer({ context: { dataSource: this.dataSource } });
    const query = this.dataSource.getRepository(BenchRow).createQueryBuilder('row');
    return new NDJSONResponse(
      iterateQuery(query, {
        batchSize: 1000,
        mapBatch: (rows) => rows.map((row) => serializer.toRepresentation(row)),
      }),
    );
  }

  /** The baseline: a server-side cursor on one client, written by hand. */
  @Get('handwritten')
  async handwritten(@Res() response: ServerResponse | { raw: ServerResponse }): Promise<void> {
    const res = 'raw' in response ? response.raw : response;
    const client = new Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        'DECLARE export NO SCROLL CURSOR FOR SELECT id, name, price, "inStock", "createdAt" ' +
          'FROM bench_row ORDER BY id',
      );
      res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
      for (;;) {
        const { rows } = await client.query<Record<string, unknown>>('FETCH 1000 FROM export');
        if (rows.length === 0) break;
        let text = '';
        for (const row of rows) text += `${JSON.stringify(row)}\n`;
        if (!res.write(text)) await once(res, 'drain');
      }
      await client.query('COMMIT');
      res.end();
    } finally {
      await client.end();
    }
  }
}

@Module({
  imports: [
    TypeOrmModule.forRoot({ type: 'postgres', url: DATABASE_URL, entities: [BenchRow] }),
    TypeOrmModule.forFeature([BenchRow]),
    RestflowModule.forRoot({ globalExceptionFilter: true }),
  ],
  controllers: [ExportController],
})
class ExportBenchModule {}

async function onServer(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Downloads `url` with curl in a child process, counting lines; samples this process's RSS. */
async function measure(label: string, url: string): Promise<Measurement> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = process.hrtime.bigint();
  const child = spawn('sh', ['-c', `curl -sS --fail "${url}" | wc -lc`]);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number];
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  const [lines = 0, bytes = 0] = output.trim().split(/\s+/).map(Number);
  if (code !== 0 || lines !== ROWS) {
    throw new Error(`${label}: curl exited ${code} with ${lines} lines (expected ${ROWS}).`);
  }
  return {
    label,
    rows: lines,
    megabytes: Math.round(bytes / 1e5) / 10,
    seconds,
    rowsPerSecond: Math.round(ROWS / seconds),
    peakRssMb: Math.round(peak / 1e6),
  };
}

async function main(): Promise<void> {
  await onServer(SERVER_URL, `CREATE DATABASE ${DATABASE}`);
  try {
    const app = await NestFactory.create(ExportBenchModule, { logger: ['error', 'warn'] });
    try {
      await run(app);
    } finally {
      await app.close();
    }
  } finally {
    await onServer(SERVER_URL, `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  }
}

async function run(app: INestApplication): Promise<void> {
  await app.get(DataSource).synchronize();
  const seedStart = Date.now();
  await app
    .get(DataSource)
    .query(
      'INSERT INTO bench_row (name, price, "inStock", "createdAt") ' +
        "SELECT 'product ' || g, (g % 100000) / 100.0, g % 3 = 0, " +
        "timestamptz '2026-01-01' + g * interval '1 second' FROM generate_series(1, $1) g",
      [ROWS],
    );
  console.log(`seeded ${ROWS} rows in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  global.gc?.();
  console.log(`RSS after boot and seed: ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
  const results: Measurement[] = [];
  for (const label of ['restflow', 'handwritten', 'restflow', 'handwritten']) {
    results.push(await measure(label, `http://127.0.0.1:${port}/export/${label}`));
    console.log(JSON.stringify(results[results.length - 1]));
  }
  const best = (label: string) =>
    Math.max(...results.filter((r) => r.label === label).map((r) => r.rowsPerSecond));
  const peak = Math.max(...results.filter((r) => r.label === 'restflow').map((r) => r.peakRssMb));
  console.log(
    `restflow ${best('restflow')} rows/s, hand-written ${best('handwritten')} rows/s ` +
      `(ratio ${(best('restflow') / best('handwritten')).toFixed(2)}); ` +
      `peak RSS during the restflow export ${peak} MB ` +
      `(${peak < RSS_LIMIT_MB ? 'under' : 'OVER'} ${RSS_LIMIT_MB} MB)`,
  );
  if (peak >= RSS_LIMIT_MB) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
