// NDJSON export of a large PostgreSQL table: NDJSONResponse over iterateQuery() (keyset batches,
// a ModelSerializer per row) against a hand-written export (one pg client, a server-side cursor,
// FETCH 1000, JSON.stringify per row, res.write with drain), in the same run.
// Each export is served by a fresh server process (the same Nest app, booted the same way), so
// that neither export inherits the other's heap; its peak RSS is the kernel's high-water mark
// (VmHWM) of that process, boot included. The client is curl in another process.
// A third export is the control: the same serializer over `getMany()` of the whole table (what
// constant memory avoids). It must blow the limit (or the bounded heap), or the bench proves nothing.
// Run by hand (not part of npm test or npm run bench):
//   node scripts/compile-ndjson-export.js . dist/ndjson-export   # transpile, no compiler at run time
//   node dist/ndjson-export/bench/ndjson-export.js [rows]
// (rows default 1000000). BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres)
// names the server; the script creates a scratch database, fills it with generate_series, and
// drops it at the end.
// The server processes run with a bounded heap, as in a memory-limited container:
// `--max-semi-space-size=4 --max-old-space-size=64` (the old generation bounded alone makes V8
// collect all the time, as it keeps room to promote a 32 MB young generation into). With Node's
// defaults V8 lets garbage grow to about four times the live heap before a full collection, so RSS
// then measures V8's sizing policy rather than what the export keeps (the hand-written `pg`
// export peaks at about 250 MB too). BENCH_SERVER_FLAGS replaces those flags
// (`BENCH_SERVER_FLAGS= node ...` runs the servers with Node's defaults).
import 'reflect-metadata';
import { Controller, Get, Module, Res, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

const RSS_LIMIT_MB = 150;
/** The server processes' flags when the script is given none (see the header). */
const DEFAULT_SERVER_FLAGS = ['--max-semi-space-size=4', '--max-old-space-size=64'];
const SERVER_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Set in a server process: the scratch database to export from. */
const SERVE_URL = process.env.BENCH_SERVE_DATABASE_URL;

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
  /** Whether every row arrived (the control may die half-way). */
  complete: boolean;
  bootRssMb: number;
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

  /** The control: the whole table read at once, then streamed (what iterateQuery avoids). */
  @Get('buffered')
  async buffered(): Promise<NDJSONResponse> {
    const serializer = new BenchRowSerializer({ context: { dataSource: this.dataSource } });
    const rows = await this.dataSource.getRepository(BenchRow).find({ order: { id: 'ASC' } });
    return new NDJSONResponse(rows.map((row) => serializer.toRepresentation(row)));
  }

  /** The baseline: a server-side cursor on one client, written by hand. */
  @Get('handwritten')
  async handwritten(@Res() response: ServerResponse | { raw: ServerResponse }): Promise<void> {
    const res = 'raw' in response ? response.raw : response;
    const client = new Client({ connectionString: SERVE_URL ?? '' });
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

@Module({})
class ExportBenchModule {
  static forUrl(url: string): DynamicModule {
    return {
      module: ExportBenchModule,
      imports: [
        TypeOrmModule.forRoot({ type: 'postgres', url, entities: [BenchRow] }),
        TypeOrmModule.forFeature([BenchRow]),
        RestflowModule.forRoot({ globalExceptionFilter: true }),
      ],
      controllers: [ExportController],
    };
  }
}

async function onServer(url: string, sql: string, values?: unknown[]): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql, values);
  } finally {
    await client.end();
  }
}

/** A server process: boots the app, prints its port and RSS, serves until it is killed. */
async function serve(url: string): Promise<void> {
  const app = await NestFactory.create(ExportBenchModule.forUrl(url), {
    logger: ['error', 'warn'],
  });
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  process.stdout.write(`listening ${port} ${process.memoryUsage().rss}\n`);
  process.once('SIGTERM', () => {
    void app.close().finally(() => process.exit(0));
  });
}

/** Peak resident memory of process `pid` so far (the kernel's VmHWM), in bytes. */
function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kilobytes === undefined) throw new Error(`No VmHWM in /proc/${pid}/status.`);
  return Number(kilobytes) * 1024;
}

/**
 * Starts a fresh server process, downloads `/export/<label>` with curl in another process
 * (counting lines and bytes), and reads the server's peak RSS before stopping it.
 */
async function measure(
  label: string,
  url: string,
  rows: number,
  flags: string[],
): Promise<Measurement> {
  const server = spawn(process.execPath, [...flags, __filename], {
    env: { ...process.env, BENCH_SERVE_DATABASE_URL: url },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [port, bootRss] = await new Promise<[number, number]>((resolve, reject) => {
      let text = '';
      server.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const found = /listening (\d+) (\d+)\n/.exec(text);
        if (found) resolve([Number(found[1]), Number(found[2])]);
      });
      server.once('exit', (code) => reject(new Error(`The server exited with ${code}.`)));
    });
    const started = process.hrtime.bigint();
    const client = spawn('sh', [
      '-c',
      `curl -sS --fail "http://127.0.0.1:${port}/export/${label}" | wc -lc`,
    ]);
    let output = '';
    client.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(client, 'close')) as [number];
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const [lines = 0, bytes = 0] = output.trim().split(/\s+/).map(Number);
    const complete = code === 0 && lines === rows;
    if (!complete && label !== 'buffered') {
      throw new Error(`${label}: curl exited ${code} with ${lines} lines (expected ${rows}).`);
    }
    // A control that died (out of heap) may have taken its /proc entry along: its peak is unknown.
    const peak = complete ? peakRss(server.pid ?? 0) : Number.NaN;
    return {
      label,
      rows: lines,
      megabytes: Math.round(bytes / 1e5) / 10,
      seconds: Math.round(seconds * 100) / 100,
      rowsPerSecond: Math.round(lines / seconds),
      complete,
      bootRssMb: Math.round(bootRss / 1e6),
      peakRssMb: Math.round(peak / 1e6),
    };
  } finally {
    server.kill('SIGTERM');
    if (server.exitCode === null && server.signalCode === null) await once(server, 'exit');
  }
}

async function main(rows: number): Promise<void> {
  const database = `restflow_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  await onServer(SERVER_URL, `CREATE DATABASE ${database}`);
  try {
    const seedStart = Date.now();
    await onServer(
      url.href,
      'CREATE TABLE bench_row (id serial PRIMARY KEY, name varchar(40) NOT NULL, ' +
        'price numeric(10, 2) NOT NULL, "inStock" boolean NOT NULL, ' +
        '"createdAt" timestamptz NOT NULL)',
    );
    await onServer(
      url.href,
      'INSERT INTO bench_row (name, price, "inStock", "createdAt") ' +
        "SELECT 'product ' || g, (g % 100000) / 100.0, g % 3 = 0, " +
        "timestamptz '2026-01-01' + g * interval '1 second' FROM generate_series(1, $1) g",
      [rows],
    );
    console.log(`seeded ${rows} rows in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
    const flags =
      process.env.BENCH_SERVER_FLAGS === undefined
        ? DEFAULT_SERVER_FLAGS
        : process.env.BENCH_SERVER_FLAGS.split(' ').filter(Boolean);
    console.log(`server processes run with: ${flags.join(' ') || "Node's defaults"}`);
    const results: Measurement[] = [];
    for (const label of ['restflow', 'handwritten', 'restflow', 'handwritten', 'buffered']) {
      results.push(await measure(label, url.href, rows, flags));
      console.log(JSON.stringify(results[results.length - 1]));
    }
    report(results);
  } finally {
    await onServer(SERVER_URL, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

function report(results: Measurement[]): void {
  const of = (label: string) => results.filter((result) => result.label === label);
  const best = (label: string) => Math.max(...of(label).map((result) => result.rowsPerSecond));
  const peak = (label: string) => Math.max(...of(label).map((result) => result.peakRssMb));
  console.log(
    `restflow ${best('restflow')} rows/s, hand-written ${best('handwritten')} rows/s ` +
      `(ratio ${(best('restflow') / best('handwritten')).toFixed(2)}); peak RSS of the server ` +
      `process: restflow ${peak('restflow')} MB (${peak('restflow') < RSS_LIMIT_MB ? 'under' : 'OVER'} ` +
      `${RSS_LIMIT_MB} MB), hand-written ${peak('handwritten')} MB`,
  );
  if (peak('restflow') >= RSS_LIMIT_MB) process.exitCode = 1;
  const [control] = of('buffered');
  const controlHeld =
    control !== undefined && (!control.complete || control.peakRssMb >= RSS_LIMIT_MB);
  console.log(
    control === undefined
      ? 'control: not run'
      : `control (getMany() of the whole table): ${
          control.complete
            ? `${control.rows} rows, peak RSS ${control.peakRssMb} MB`
            : `died after ${control.rows} rows (out of heap)`
        }: ${controlHeld ? 'over the limit, as it must be' : 'UNDER the limit: the bench cannot tell'}`,
  );
  if (!controlHeld) process.exitCode = 1;
}

const run = SERVE_URL === undefined ? main(Number(process.argv[2] ?? 1_000_000)) : serve(SERVE_URL);
run.catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
