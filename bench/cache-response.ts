/**
 * The response cache benchmark: a cached GET (`@CacheResponse()`, in-memory store, every
 * request a HIT) against Nest's hello world (a handler returning the same JSON) on the same
 * adapter and in the same app, on Express and on Fastify, measured with autocannon in
 * interleaved rounds (hello, cached, hello, cached, ...). The target is a ratio of at least 0.9.
 *
 *   npx nest build --config bench/nest-cli.json && node dist/bench/bench/cache-response.js
 *
 * Settings (environment): BENCH_ADAPTERS (`express,fastify`), BENCH_DURATION (seconds per
 * measurement, 5), BENCH_WARMUP (3), BENCH_ROUNDS (3), BENCH_CONNECTIONS (50), BENCH_CPU_PROF=1
 * (profile the server into `bench/results/profiles/`). Only the ratios of one run mean anything:
 * the server and autocannon share the machine.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { extname, join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { CACHED_PATH, HELLO_PATH } from './cache-response.server';

type AdapterName = 'express' | 'fastify';
const TARGET_RATIO = 0.9;
// dist/bench/bench/cache-response.js (or bench/cache-response.ts under a require hook) -> root.
const ROOT =
  extname(__filename) === '.ts' ? resolve(__dirname, '..') : resolve(__dirname, '..', '..', '..');
const RESULTS_DIR = join(ROOT, 'bench', 'results');

function setting(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  const value = raw ? Number(raw) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number.`);
  return value;
}

async function startServer(adapter: AdapterName): Promise<{ child: ChildProcess; origin: string }> {
  const execArgv = [
    // Keeps a require hook the runner was started with (`-r ./test/swc-register.js`).
    ...process.execArgv,
    ...(process.env.BENCH_CPU_PROF === '1'
      ? ['--cpu-prof', `--cpu-prof-dir=${join(RESULTS_DIR, 'profiles')}`]
      : []),
  ];
  const child = fork(join(__dirname, `cache-response.server${extname(__filename)}`), [], {
    env: { ...process.env, NODE_ENV: 'production', BENCH_ADAPTER: adapter },
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((done, fail) => {
    child.once('message', (message: { port?: number }) =>
      typeof message.port === 'number' ? done(message.port) : fail(new Error('no port')),
    );
    child.once('exit', (code) => fail(new Error(`${adapter} server exited with ${code}`)));
  });
  return { child, origin: `http://127.0.0.1:${port}` };
}

/** The CPU time the server process has used so far, in microseconds. */
function serverCpu(child: ChildProcess): Promise<number> {
  return new Promise((done) => {
    const listen = (message: { cpuMicros?: number }) => {
      if (typeof message.cpuMicros !== 'number') return;
      child.off('message', listen);
      done(message.cpuMicros);
    };
    child.on('message', listen);
    child.send('cpu');
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.send('stop');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function benchAdapter(adapter: AdapterName) {
  const duration = setting('BENCH_DURATION', 5);
  const warmup = setting('BENCH_WARMUP', 3);
  const rounds = setting('BENCH_ROUNDS', 3);
  const connections = setting('BENCH_CONNECTIONS', 50);
  const { child, origin } = await startServer(adapter);
  try {
    const first = await fetch(`${origin}${CACHED_PATH}`);
    const again = await fetch(`${origin}${CACHED_PATH}`);
    const plain = await fetch(`${origin}${HELLO_PATH}`);
    const [a, b, c] = await Promise.all([first.text(), again.text(), plain.text()]);
    if (a !== c || b !== c || !again.headers.get('etag')) {
      throw new Error(`[${adapter}] the cached route does not replay the hello body: ${b} / ${c}`);
    }
    for (const path of [HELLO_PATH, CACHED_PATH]) {
      await autocannon({ url: `${origin}${path}`, duration: warmup, connections });
    }
    const runs: {
      route: 'hello' | 'cached';
      rps: number;
      p99: number;
      non2xx: number;
      cpuMicrosPerRequest: number;
    }[] = [];
    for (let round = 0; round < rounds; round++) {
      // Alternate which route goes first, so drift in the machine's load hits both alike.
      const order =
        round % 2 === 0 ? (['hello', 'cached'] as const) : (['cached', 'hello'] as const);
      for (const route of order) {
        const cpuBefore = await serverCpu(child);
        const result = await autocannon({
          url: `${origin}${route === 'hello' ? HELLO_PATH : CACHED_PATH}`,
          duration,
          connections,
        });
        const cpuMicrosPerRequest = ((await serverCpu(child)) - cpuBefore) / result.requests.total;
        runs.push({
          route,
          rps: result.requests.average,
          p99: result.latency.p99,
          non2xx: result.non2xx + result.errors,
          cpuMicrosPerRequest,
        });
        console.log(
          `[${adapter}] round ${round + 1} ${route.padEnd(6)} ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms, ${cpuMicrosPerRequest.toFixed(1)} µs CPU/request`,
        );
      }
    }
    if (runs.some((run) => run.non2xx > 0)) throw new Error(`[${adapter}] errors under load`);
    const mean = (route: string, of: (run: (typeof runs)[0]) => number) => {
      const picked = runs.filter((run) => run.route === route);
      return picked.reduce((sum, run) => sum + of(run), 0) / picked.length;
    };
    const hello = mean('hello', (run) => run.rps);
    const cached = mean('cached', (run) => run.rps);
    const helloCpu = mean('hello', (run) => run.cpuMicrosPerRequest);
    const cachedCpu = mean('cached', (run) => run.cpuMicrosPerRequest);
    // Throughput ratio, and the same ratio from server CPU time per request (hello / cached):
    // the requests per CPU-second each route allows, which the machine's load blurs less.
    return {
      adapter,
      hello,
      cached,
      ratio: cached / hello,
      helloCpu,
      cachedCpu,
      cpuRatio: helloCpu / cachedCpu,
      runs,
    };
  } finally {
    await stopServer(child);
  }
}

async function main(): Promise<void> {
  const adapters = (process.env.BENCH_ADAPTERS ?? 'express,fastify').split(',') as AdapterName[];
  console.log(
    `Response cache benchmark, Node ${process.version}, ${cpus().length} CPUs, load ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}`,
  );
  const results = [];
  for (const adapter of adapters) results.push(await benchAdapter(adapter));
  console.log(
    '\nadapter  hello req/s  cached req/s  ratio   hello µs CPU/req  cached µs CPU/req  CPU ratio',
  );
  const verdict = (ratio: number) => `${ratio.toFixed(2)}${ratio >= TARGET_RATIO ? ' ' : '!'}`;
  for (const { adapter, hello, cached, ratio, helloCpu, cachedCpu, cpuRatio } of results) {
    console.log(
      `${adapter.padEnd(8)} ${String(Math.round(hello)).padStart(11)}  ${String(Math.round(cached)).padStart(12)}  ${verdict(ratio).padEnd(6)}  ${helloCpu.toFixed(1).padStart(16)}  ${cachedCpu.toFixed(1).padStart(17)}  ${verdict(cpuRatio)}`,
    );
  }
  console.log(`(target: cached/hello >= ${TARGET_RATIO}; "!" marks a ratio below it)`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `cache-response-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify({ loadavg: loadavg(), results }, null, 2));
  console.log(`\nwritten to ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
