/**
 * The views benchmark (`npm run bench`): the products `list` and `retrieve` of a `ModelViewSet`
 * against a hand-written Nest controller running the same query and answering the same JSON, on
 * Express and on Fastify, measured with autocannon.
 *
 * Per adapter: start `server.js` in a child process (`NODE_ENV=production`), wait until it
 * answers, check that both implementations answer byte-identical bodies (the bench fails
 * otherwise), warm every URL up, then measure each endpoint in the order viewset, hand-written,
 * viewset, hand-written (ABAB). The server and autocannon share this machine's cores, so only the
 * ratios taken in one run mean anything, not the absolute numbers.
 *
 * Settings (environment): BENCH_ADAPTERS (`express,fastify`), BENCH_DURATION (seconds per
 * measurement, 8), BENCH_WARMUP (seconds per URL, 2), BENCH_CONNECTIONS (50), BENCH_ROUNDS (2),
 * BENCH_RETRIEVE_ID (100), BENCH_CPU_PROF=1 (profile the server with `--cpu-prof` into
 * `bench/results/profiles/`).
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release } from 'node:os';
import { join, relative, resolve } from 'node:path';
import autocannon from 'autocannon';
import { HANDWRITTEN_PATH, VIEWSET_PATH } from './routes';

type AdapterName = 'express' | 'fastify';
type Endpoint = 'list' | 'retrieve';
type Variant = 'viewset' | 'handwritten';

interface Settings {
  adapters: AdapterName[];
  duration: number;
  warmup: number;
  connections: number;
  rounds: number;
  retrieveId: number;
  cpuProf: boolean;
}

/** One autocannon measurement. */
interface Sample {
  adapter: AdapterName;
  endpoint: Endpoint;
  variant: Variant;
  round: number;
  path: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyAverageMs: number;
  totalRequests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** Means over the rounds of one implementation. */
interface Stats {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
}

interface Summary {
  adapter: AdapterName;
  endpoint: Endpoint;
  viewset: Stats;
  handwritten: Stats;
  /** viewset / hand-written mean requests per second. */
  ratio: number;
  /** The same ratio per viewset/hand-written pair, in measurement order. */
  pairRatios: number[];
}

const TARGET_RATIO = 0.9;
const ENDPOINTS: Endpoint[] = ['list', 'retrieve'];
const VARIANTS: Variant[] = ['viewset', 'handwritten'];
const MISSING_ID = 999999;
// dist/bench/bench/run.js -> the repository root.
const ROOT = resolve(__dirname, '..', '..', '..');
const RESULTS_DIR = join(ROOT, 'bench', 'results');

function readSettings(env: NodeJS.ProcessEnv): Settings {
  const number = (name: string, fallback: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) {
      throw new Error(`${name} is "${raw}", which is not a positive number.`);
    }
    return value;
  };
  const adapters = (env.BENCH_ADAPTERS?.trim() || 'express,fastify')
    .split(',')
    .map((name) => name.trim().toLowerCase());
  for (const name of adapters) {
    if (name !== 'express' && name !== 'fastify') {
      throw new Error(`BENCH_ADAPTERS names "${name}"; use express, fastify or both.`);
    }
  }
  return {
    adapters: adapters as AdapterName[],
    duration: number('BENCH_DURATION', 8),
    warmup: number('BENCH_WARMUP', 2),
    connections: number('BENCH_CONNECTIONS', 50),
    rounds: number('BENCH_ROUNDS', 2),
    retrieveId: number('BENCH_RETRIEVE_ID', 100),
    cpuProf: env.BENCH_CPU_PROF === '1',
  };
}

function pathOf(variant: Variant, endpoint: Endpoint, settings: Settings): string {
  const prefix = `/${variant === 'viewset' ? VIEWSET_PATH : HANDWRITTEN_PATH}`;
  return endpoint === 'list' ? prefix : `${prefix}/${settings.retrieveId}`;
}

/** A running benchmark server. */
interface Server {
  child: ChildProcess;
  origin: string;
}

async function startServer(adapter: AdapterName, settings: Settings): Promise<Server> {
  const execArgv = settings.cpuProf
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${join(RESULTS_DIR, 'profiles')}`,
        `--cpu-prof-name=${adapter}-${Date.now()}.cpuprofile`,
      ]
    : [];
  const child = fork(join(__dirname, 'server.js'), [], {
    env: { ...process.env, NODE_ENV: 'production', BENCH_ADAPTER: adapter, PORT: '0' },
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`${adapter} server did not start in 60 s.`)),
      60000,
    );
    child.once('message', (message: { port?: number }) => {
      clearTimeout(timer);
      if (typeof message.port === 'number') done(message.port);
      else fail(new Error(`${adapter} server sent ${JSON.stringify(message)}.`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${adapter} server exited with code ${code} before listening.`));
    });
  });
  const server = { child, origin: `http://127.0.0.1:${port}` };
  await waitUntilAnswers(`${server.origin}${pathOf('handwritten', 'list', settings)}`);
  return server;
}

async function waitUntilAnswers(url: string): Promise<void> {
  const deadline = Date.now() + 30000;
  for (;;) {
    try {
      const response = await fetch(url);
      const body: unknown = await response.json();
      if (response.ok && Array.isArray(body) && body.length > 0) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer a product list in 30 s.`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

async function stopServer(server: Server): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.send('stop');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
  await exited;
  clearTimeout(timer);
}

/** Status, content type and body of one GET, for the byte-for-byte comparison. */
async function snapshot(url: string): Promise<string> {
  const response = await fetch(url);
  const body = Buffer.from(await response.arrayBuffer()).toString('utf8');
  return `${response.status} ${response.headers.get('content-type')}\n${body}`;
}

/** Fails unless both implementations answer the very same bytes to every checked request. */
async function verifySameResponses(server: Server, settings: Settings): Promise<void> {
  const missing = { ...settings, retrieveId: MISSING_ID };
  const checks: [string, Settings, Endpoint, number][] = [
    ['list', settings, 'list', 200],
    ['retrieve', settings, 'retrieve', 200],
    ['retrieve (missing)', missing, 'retrieve', 404],
  ];
  for (const [name, checkSettings, endpoint, status] of checks) {
    const [viewset, handwritten] = await Promise.all(
      VARIANTS.map((variant) =>
        snapshot(`${server.origin}${pathOf(variant, endpoint, checkSettings)}`),
      ),
    );
    if (viewset !== handwritten) {
      const at = [...viewset!].findIndex((char, index) => char !== handwritten![index]);
      throw new Error(
        `${name}: the viewset and the hand-written controller answer differently ` +
          `(first difference at character ${at}).\n` +
          `viewset:      ${viewset!.slice(Math.max(0, at - 80), at + 80)}\n` +
          `hand-written: ${handwritten!.slice(Math.max(0, at - 80), at + 80)}`,
      );
    }
    if (!viewset!.startsWith(`${status} `)) {
      throw new Error(`${name}: expected status ${status}, got ${viewset!.slice(0, 60)}`);
    }
  }
}

async function load(url: string, duration: number, connections: number) {
  return autocannon({ url, duration, connections });
}

async function benchAdapter(adapter: AdapterName, settings: Settings): Promise<Sample[]> {
  console.log(`\n[${adapter}] starting the server`);
  const server = await startServer(adapter, settings);
  const samples: Sample[] = [];
  try {
    await verifySameResponses(server, settings);
    console.log(`[${adapter}] list, retrieve and 404 bodies are byte-identical`);
    for (const endpoint of ENDPOINTS) {
      for (const variant of VARIANTS) {
        const path = pathOf(variant, endpoint, settings);
        await load(`${server.origin}${path}`, settings.warmup, settings.connections);
      }
    }
    console.log(`[${adapter}] warmed up (${settings.warmup} s per URL)`);
    for (const endpoint of ENDPOINTS) {
      for (let round = 1; round <= settings.rounds; round++) {
        for (const variant of VARIANTS) {
          const path = pathOf(variant, endpoint, settings);
          const result = await load(
            `${server.origin}${path}`,
            settings.duration,
            settings.connections,
          );
          const sample: Sample = {
            adapter,
            endpoint,
            variant,
            round,
            path,
            requestsPerSecond: result.requests.average,
            latencyP50Ms: result.latency.p50,
            latencyP99Ms: result.latency.p99,
            latencyAverageMs: result.latency.average,
            totalRequests: result.requests.total,
            errors: result.errors,
            timeouts: result.timeouts,
            non2xx: result.non2xx,
          };
          samples.push(sample);
          const problems =
            sample.errors || sample.non2xx
              ? ` (${sample.errors} errors, ${sample.non2xx} non-2xx)`
              : '';
          console.log(
            `[${adapter}] ${endpoint.padEnd(8)} ${variant.padEnd(11)} #${round}: ` +
              `${fixed(sample.requestsPerSecond, 0).padStart(6)} req/s, ` +
              `p50 ${sample.latencyP50Ms} ms, p99 ${sample.latencyP99Ms} ms${problems}`,
          );
        }
      }
    }
  } finally {
    await stopServer(server);
  }
  return samples;
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function statsOf(samples: Sample[]): Stats {
  return {
    requestsPerSecond: mean(samples.map((sample) => sample.requestsPerSecond)),
    latencyP50Ms: mean(samples.map((sample) => sample.latencyP50Ms)),
    latencyP99Ms: mean(samples.map((sample) => sample.latencyP99Ms)),
  };
}

function summarize(samples: Sample[], settings: Settings): Summary[] {
  const summaries: Summary[] = [];
  for (const adapter of settings.adapters) {
    for (const endpoint of ENDPOINTS) {
      const of = (variant: Variant) =>
        samples.filter(
          (sample) =>
            sample.adapter === adapter &&
            sample.endpoint === endpoint &&
            sample.variant === variant,
        );
      const viewsetSamples = of('viewset');
      const handwrittenSamples = of('handwritten');
      const viewset = statsOf(viewsetSamples);
      const handwritten = statsOf(handwrittenSamples);
      summaries.push({
        adapter,
        endpoint,
        viewset,
        handwritten,
        ratio: viewset.requestsPerSecond / handwritten.requestsPerSecond,
        pairRatios: viewsetSamples.map(
          (sample, index) =>
            sample.requestsPerSecond / (handwrittenSamples[index]?.requestsPerSecond ?? NaN),
        ),
      });
    }
  }
  return summaries;
}

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}

function table(summaries: Summary[]): string {
  const header = [
    'adapter',
    'endpoint',
    'viewset req/s',
    'hand-written req/s',
    'ratio',
    'pair ratios',
    'viewset p50 / p99 ms',
    'hand-written p50 / p99 ms',
  ];
  const rows = summaries.map((summary) => [
    summary.adapter,
    summary.endpoint,
    fixed(summary.viewset.requestsPerSecond, 0),
    fixed(summary.handwritten.requestsPerSecond, 0),
    `${fixed(summary.ratio, 2)}${summary.ratio < TARGET_RATIO ? ' (below 0.90)' : ''}`,
    summary.pairRatios.map((ratio) => fixed(ratio, 2)).join(', '),
    `${fixed(summary.viewset.latencyP50Ms, 1)} / ${fixed(summary.viewset.latencyP99Ms, 1)}`,
    `${fixed(summary.handwritten.latencyP50Ms, 1)} / ${fixed(summary.handwritten.latencyP99Ms, 1)}`,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

function gitDescription(): string | undefined {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT })
      .toString()
      .trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT }).toString().trim();
    return dirty ? `${commit} (uncommitted changes)` : commit;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const settings = readSettings(process.env);
  const perAdapter =
    ENDPOINTS.length * VARIANTS.length * (settings.warmup + settings.rounds * settings.duration);
  console.log(
    `Views benchmark: ModelViewSet vs hand-written controller, ${settings.connections} connections, ` +
      `${settings.rounds} x ${settings.duration} s per endpoint and implementation ` +
      `(about ${((perAdapter * settings.adapters.length) / 60).toFixed(1)} min of load).`,
  );
  const loadAtStart = loadavg()[0] ?? 0;
  if (loadAtStart > 0.5) {
    console.log(
      `Note: the 1-minute load average is ${loadAtStart.toFixed(2)} before starting: other ` +
        'processes compete for the cores, so expect noisier ratios.',
    );
  }
  const started = new Date();
  const samples: Sample[] = [];
  for (const adapter of settings.adapters) {
    samples.push(...(await benchAdapter(adapter, settings)));
  }
  const summaries = summarize(samples, settings);

  console.log(`\nviewset / hand-written throughput (target >= ${TARGET_RATIO}):\n`);
  console.log(table(summaries));

  const report = {
    benchmark: 'views: ModelViewSet list/retrieve vs hand-written controller',
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    git: gitDescription(),
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    loadAverage: { atStart: loadAtStart, atEnd: loadavg()[0] },
    settings: { ...settings, targetRatio: TARGET_RATIO, nodeEnv: 'production' },
    summaries,
    samples,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nResults written to ${relative(process.cwd(), file)}`);

  const failed = samples.filter((sample) => sample.non2xx > 0);
  if (failed.length > 0) {
    throw new Error(
      `Some measurements got non-2xx answers: ${failed
        .map((sample) => `${sample.adapter} ${sample.endpoint} ${sample.variant} #${sample.round}`)
        .join(', ')}.`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(`\nBenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
