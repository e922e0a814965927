/**
 * `npm run bench`: nestjs-restflow against its peers on PostgreSQL, and its paging at scale.
 *
 * 1. Prepares bench/peers: builds the library (`npm run build:lib`), packs it into
 *    bench/peers/nestjs-restflow.tgz, installs bench/peers/package.json (the peers on the Nest
 *    line they support) and compiles bench/peers/src.
 * 2. Seeds the `bench_restflow` database (bench/seed.ts) and starts one server process per
 *    contender and adapter (bench/peers/src/server.ts).
 * 3. Checks that every contender answers the same rows for each workload (bench/equality.ts);
 *    the bench fails otherwise.
 * 4. Per workload: a warm-up, then rounds A, B, C, ... of autocannon, interleaved; per
 *    measurement the server's CPU time per request (`process.cpuUsage()` over IPC).
 * 5. Paging at scale: latency of each paginator on 1,000 and on 1,000,000 rows, interleaved.
 * 6. Writes bench/results.md (and the raw samples to bench/results/<time>.json).
 *
 * Settings (environment): BENCH_ROUNDS (3), BENCH_DURATION (8 s), BENCH_WARMUP (3 s),
 * BENCH_CONNECTIONS (20), BENCH_PAGING_DURATION (3 s), BENCH_WORKLOADS (list,retrieve,create),
 * BENCH_CONTENDERS (restflow,handwritten,crud,paginate,raw; restflow must be among them),
 * BENCH_PAGING=0 (skip the paging-scale case),
 * BENCH_SKIP_PREPARE=1 (reuse the installed and compiled bench/peers), BENCH_CPU_PROF=1 (profile
 * the nestjs-restflow servers into bench/results/profiles/), BENCH_PG_HOST/PORT/USER.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import {
  CONTENDERS,
  CREATE_BODY,
  workloadRows,
  type AdapterName,
  type ContenderSpec,
  type Workload,
} from './contenders';
import { assertSameRows } from './equality';
import { PAGING_ROWS, seed } from './seed';
import { median, ratioSummary, type RatioSummary } from './stats';

// dist/bench/bench/run.js -> the repository root.
const ROOT = resolve(__dirname, '..', '..', '..');
const PEERS = join(ROOT, 'bench', 'peers');
const RESULTS_DIR = join(ROOT, 'bench', 'results');

interface Settings {
  rounds: number;
  duration: number;
  warmup: number;
  connections: number;
  pagingDuration: number;
  workloads: Workload[];
  /** The contender kinds to run (all by default). */
  contenders: string[];
  skipPrepare: boolean;
  paging: boolean;
  cpuProf: boolean;
}

function readSettings(env: NodeJS.ProcessEnv): Settings {
  const number = (name: string, fallback: number, least = 1): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < least) {
      throw new Error(`${name} is "${raw}": use a number of at least ${least}.`);
    }
    return value;
  };
  const workloads = (env.BENCH_WORKLOADS?.trim() || 'list,retrieve,create').split(',');
  for (const workload of workloads) {
    if (!['list', 'retrieve', 'create'].includes(workload)) {
      throw new Error(`BENCH_WORKLOADS names "${workload}": use list, retrieve and/or create.`);
    }
  }
  const contenders = (env.BENCH_CONTENDERS?.trim() ?? '').split(',').filter(Boolean);
  for (const kind of contenders) {
    if (!CONTENDERS.some((spec) => spec.kind === kind)) {
      throw new Error(
        `BENCH_CONTENDERS names "${kind}": use ${CONTENDERS.map((spec) => spec.kind).join(', ')}.`,
      );
    }
  }
  if (contenders.length > 0 && !contenders.includes('restflow')) {
    throw new Error('BENCH_CONTENDERS leaves out restflow, which every ratio compares.');
  }
  return {
    rounds: number('BENCH_ROUNDS', 3),
    duration: number('BENCH_DURATION', 8),
    warmup: number('BENCH_WARMUP', 3),
    connections: number('BENCH_CONNECTIONS', 20),
    pagingDuration: number('BENCH_PAGING_DURATION', 3),
    workloads: workloads as Workload[],
    contenders: contenders.length > 0 ? contenders : CONTENDERS.map((spec) => spec.kind),
    skipPrepare: env.BENCH_SKIP_PREPARE === '1',
    paging: env.BENCH_PAGING !== '0',
    cpuProf: env.BENCH_CPU_PROF === '1',
  };
}

function run(command: string, args: string[], cwd: string): void {
  execFileSync(command, args, { cwd, stdio: 'inherit' });
}

/**
 * Builds and packs the library, installs bench/peers and compiles its sources. Returns a note
 * for the results when the library's declared Nest range leaves out the peers' Nest line.
 */
function preparePeers(): string {
  console.log('Building the library and packing it for bench/peers');
  run('npm', ['run', 'build:lib'], ROOT);
  const manifest = JSON.parse(
    readFileSync(join(ROOT, 'dist', 'libs', 'restflow', 'package.json'), 'utf8'),
  ) as { peerDependencies?: Record<string, string> };
  const nestRange = manifest.peerDependencies?.['@nestjs/common'] ?? '';
  // The peers run on Nest 11 (nestjs-paginate supports ^10 || ^11): a library whose range leaves
  // it out is installed beside it anyway, and the results say so.
  const acceptsNest11 = /(^|[|\s^~])11\./.test(nestRange);
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', PEERS], {
    cwd: join(ROOT, 'dist', 'libs', 'restflow'),
  })
    .toString()
    .trim()
    .split('\n')
    .pop()!;
  renameSync(join(PEERS, packed), join(PEERS, 'nestjs-restflow.tgz'));
  // A changed tarball keeps its name: drop the installed copy so that npm installs it again.
  rmSync(join(PEERS, 'node_modules', 'nestjs-restflow'), { recursive: true, force: true });
  console.log('Installing bench/peers (its own package.json)');
  run(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...(acceptsNest11 ? [] : ['--legacy-peer-deps']),
    ],
    PEERS,
  );
  rmSync(join(PEERS, 'dist'), { recursive: true, force: true });
  run(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
    PEERS,
  );
  return acceptsNest11
    ? ''
    : ` The packed nestjs-restflow declares @nestjs/common "${nestRange}": it was installed ` +
        'beside Nest 11 with --legacy-peer-deps.';
}

/** One running contender server. */
interface Server {
  spec: ContenderSpec;
  adapter: AdapterName;
  /** `nestjs-restflow (fastify)`. */
  name: string;
  child: ChildProcess;
  origin: string;
}

interface Usage {
  userMicros: number;
  systemMicros: number;
  rss: number;
}

async function startServer(
  spec: ContenderSpec,
  adapter: AdapterName,
  settings: Settings,
): Promise<Server> {
  const name = `${spec.label} (${adapter})`;
  const execArgv =
    settings.cpuProf && spec.kind === 'restflow'
      ? [
          '--cpu-prof',
          `--cpu-prof-dir=${join(RESULTS_DIR, 'profiles')}`,
          `--cpu-prof-name=restflow-${adapter}-${Date.now()}.cpuprofile`,
        ]
      : [];
  const child = fork(join(PEERS, 'dist', 'server.js'), [], {
    cwd: PEERS,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      BENCH_CONTENDER: spec.kind,
      BENCH_ADAPTER: adapter,
    },
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not start in 60 s.`)), 60000);
    child.once('message', (message: { port?: number }) => {
      clearTimeout(timer);
      if (typeof message.port === 'number') done(message.port);
      else fail(new Error(`${name} sent ${JSON.stringify(message)}.`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${name} exited with code ${code} before listening.`));
    });
  });
  return { spec, adapter, name, child, origin: `http://127.0.0.1:${port}` };
}

function usageOf(server: Server): Promise<Usage> {
  return new Promise((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`${server.name} did not report its usage.`)),
      10000,
    );
    const listener = (message: { usage?: Usage }) => {
      if (!message.usage) return;
      clearTimeout(timer);
      server.child.off('message', listener);
      done(message.usage);
    };
    server.child.on('message', listener);
    server.child.send('usage');
  });
}

async function stopServer(server: Server): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.send('stop');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
  await exited;
  clearTimeout(timer);
}

/** The request of a workload against one server (a create posts {@link CREATE_BODY} as JSON). */
function requestOf(
  server: Server,
  workload: Workload,
): { url: string; method: 'GET' | 'POST'; body?: string; headers?: Record<string, string> } {
  const url = `${server.origin}${server.spec.paths[workload]!}`;
  return workload === 'create'
    ? {
        url,
        method: 'POST',
        body: JSON.stringify(CREATE_BODY),
        headers: { 'content-type': 'application/json' },
      }
    : { url, method: 'GET' };
}

async function answerOf(server: Server, workload: Workload): Promise<unknown> {
  const { url, ...request } = requestOf(server, workload);
  const response = await fetch(url, request);
  const text = await response.text();
  const expected = workload === 'create' ? 201 : 200;
  if (response.status !== expected) {
    throw new Error(
      `${server.name} ${workload}: status ${response.status} (expected ${expected}): ${text.slice(0, 300)}`,
    );
  }
  return JSON.parse(text) as unknown;
}

/** The equality check of every workload: the bench stops at the first contender that differs. */
async function checkSameRows(servers: Server[], workloads: Workload[]): Promise<void> {
  for (const workload of workloads) {
    const serving = servers.filter((server) => server.spec.paths[workload]);
    const answers = [];
    for (const server of serving) {
      answers.push({
        contender: server.name,
        rows: workloadRows(server.spec, workload, await answerOf(server, workload)),
      });
    }
    assertSameRows(workload, answers);
    console.log(
      `${workload}: ${serving.length} contenders answer the same ${answers[0]!.rows.length} row(s)`,
    );
  }
}

/** One autocannon measurement of one contender. */
interface Sample {
  workload: Workload;
  server: string;
  kind: string;
  adapter: AdapterName;
  round: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  cpuMicrosPerRequest: number;
  errors: number;
  non2xx: number;
}

async function measure(server: Server, workload: Workload, seconds: number, connections: number) {
  return autocannon({
    ...requestOf(server, workload),
    duration: seconds,
    connections,
  });
}

async function benchWorkload(
  servers: Server[],
  workload: Workload,
  settings: Settings,
): Promise<Sample[]> {
  const serving = servers.filter((server) => server.spec.paths[workload]);
  for (const server of serving)
    await measure(server, workload, settings.warmup, settings.connections);
  const samples: Sample[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    for (const server of serving) {
      const before = await usageOf(server);
      const result = await measure(server, workload, settings.duration, settings.connections);
      const after = await usageOf(server);
      const cpuMicros =
        after.userMicros + after.systemMicros - before.userMicros - before.systemMicros;
      const sample: Sample = {
        workload,
        server: server.name,
        kind: server.spec.kind,
        adapter: server.adapter,
        round,
        requestsPerSecond: result.requests.average,
        latencyP50Ms: result.latency.p50,
        latencyP99Ms: result.latency.p99,
        requests: result.requests.total,
        cpuMicrosPerRequest: cpuMicros / Math.max(1, result.requests.total),
        errors: result.errors,
        non2xx: result.non2xx,
      };
      samples.push(sample);
      console.log(
        `${workload.padEnd(8)} #${round} ${server.name.padEnd(30)} ${sample.requestsPerSecond.toFixed(0).padStart(6)} req/s ` +
          `p50 ${sample.latencyP50Ms} ms p99 ${sample.latencyP99Ms} ms, ${sample.cpuMicrosPerRequest.toFixed(0)} µs CPU/req` +
          (sample.errors || sample.non2xx
            ? ` (${sample.errors} errors, ${sample.non2xx} non-2xx)`
            : ''),
      );
    }
  }
  return samples;
}

/** A target: nestjs-restflow's median throughput ratio against one contender on one workload. */
interface Target {
  workload: Workload;
  adapter: AdapterName;
  against: string;
  /** nestjs-restflow req/s / the other's, at least. */
  least: number;
}

const TARGETS: readonly Omit<Target, 'adapter'>[] = [
  { workload: 'list', against: 'handwritten', least: 0.95 },
  { workload: 'retrieve', against: 'handwritten', least: 0.95 },
  { workload: 'create', against: 'handwritten', least: 0.95 },
  { workload: 'list', against: 'raw', least: 0.8 },
  { workload: 'list', against: 'crud', least: 1.5 },
  { workload: 'list', against: 'paginate', least: 1.0 },
];

interface TargetResult extends Target {
  throughput: RatioSummary;
  /** The other's CPU time per request / nestjs-restflow's (above 1: restflow spends less). */
  cpu: RatioSummary;
}

/** Per round, restflow's sample against the other's on the same adapter: the ratios' median. */
function targetResults(samples: Sample[]): TargetResult[] {
  const results: TargetResult[] = [];
  for (const target of TARGETS) {
    for (const adapter of ['express', 'fastify'] as const) {
      const of = (kind: string, at: AdapterName) =>
        samples.filter(
          (sample) =>
            sample.workload === target.workload && sample.kind === kind && sample.adapter === at,
        );
      // The raw route runs on Fastify only: it is the Fastify target.
      if (target.against === 'raw' && adapter !== 'fastify') continue;
      const ours = of('restflow', adapter);
      const theirs = of(target.against, adapter);
      if (ours.length === 0 || theirs.length === 0) continue;
      const pairs = ours.flatMap((sample) => {
        const other = theirs.find((candidate) => candidate.round === sample.round);
        return other ? [[sample, other] as const] : [];
      });
      results.push({
        ...target,
        adapter,
        throughput: ratioSummary(pairs.map(([a, b]) => a.requestsPerSecond / b.requestsPerSecond)),
        cpu: ratioSummary(pairs.map(([a, b]) => b.cpuMicrosPerRequest / a.cpuMicrosPerRequest)),
      });
    }
  }
  return results;
}

/** Paging at scale: mean latency on the small and the large table, interleaved. */
interface PagingResult {
  paginator: string;
  smallMs: number[];
  largeMs: number[];
  ratio: RatioSummary;
}

/** A cursor positioned deep in a table: the first page's `next` cursor moved to `score`. */
async function deepCursor(origin: string, table: 'small' | 'large', rows: number): Promise<string> {
  const response = await fetch(`${origin}/restflow/paging/${table}/cursor`);
  const body = (await response.json()) as { next: string | null };
  if (!body.next) throw new Error(`the ${table} cursor page has no next link.`);
  const token = new URL(body.next).searchParams.get('cursor')!;
  const position = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  // 90 % of the way down: score = id * 3 (bench/seed.ts).
  const id = Math.floor(rows * 0.9);
  const deep = { ...position, v: id * 3, k: id };
  return Buffer.from(JSON.stringify(deep), 'utf8').toString('base64url');
}

async function benchPaging(server: Server, settings: Settings): Promise<PagingResult[]> {
  const deep = {
    small: await deepCursor(server.origin, 'small', PAGING_ROWS.small),
    large: await deepCursor(server.origin, 'large', PAGING_ROWS.large),
  };
  const cases: [string, (table: 'small' | 'large') => string][] = [
    ['FastPageNumberPagination, page 1', (table) => `/restflow/paging/${table}/fast`],
    ['FastPageNumberPagination, page 40', (table) => `/restflow/paging/${table}/fast?page=40`],
    ['CursorPagination, first page', (table) => `/restflow/paging/${table}/cursor`],
    [
      'CursorPagination, deep page (90 %)',
      (table) => `/restflow/paging/${table}/cursor?cursor=${deep[table]}`,
    ],
    ['PageNumberPagination (COUNT), page 1', (table) => `/restflow/paging/${table}/numbered`],
  ];
  const results: PagingResult[] = [];
  for (const [paginator, path] of cases) {
    for (const table of ['small', 'large'] as const) {
      const response = await fetch(`${server.origin}${path(table)}`);
      const body = (await response.json()) as { results?: unknown[] };
      if (response.status !== 200 || body.results?.length !== 20) {
        throw new Error(
          `paging ${paginator} on ${table}: status ${response.status}, ${JSON.stringify(body).slice(0, 200)}`,
        );
      }
      await autocannon({ url: `${server.origin}${path(table)}`, duration: 1, connections: 1 });
    }
    const result: PagingResult = { paginator, smallMs: [], largeMs: [], ratio: ratioSummary([]) };
    for (let round = 1; round <= settings.rounds; round++) {
      for (const table of ['small', 'large'] as const) {
        const measured = await autocannon({
          url: `${server.origin}${path(table)}`,
          duration: settings.pagingDuration,
          connections: 1,
        });
        // One connection: the mean time per request is the duration over the requests (precise,
        // where autocannon's latency histogram counts whole milliseconds).
        const meanMs = (measured.duration * 1000) / Math.max(1, measured.requests.total);
        (table === 'small' ? result.smallMs : result.largeMs).push(meanMs);
      }
    }
    result.ratio = ratioSummary(
      result.largeMs.map((large, index) => large / result.smallMs[index]!),
    );
    console.log(
      `paging ${paginator.padEnd(38)} 1,000 rows ${median(result.smallMs).toFixed(2)} ms, ` +
        `1,000,000 rows ${median(result.largeMs).toFixed(2)} ms, ratio ${result.ratio.median.toFixed(2)}`,
    );
    results.push(result);
  }
  return results;
}

function markdownTable(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

const LABELS: Record<string, string> = Object.fromEntries(
  CONTENDERS.map((spec) => [spec.kind, spec.label]),
);

function spread(summary: RatioSummary): string {
  return `${summary.median.toFixed(2)} (${summary.min.toFixed(2)}–${summary.max.toFixed(2)})`;
}

interface Report {
  settings: Settings;
  startedAt: Date;
  minutes: number;
  git: string;
  loadAtStart: number;
  loadAtEnd: number;
  samples: Sample[];
  targets: TargetResult[];
  paging: PagingResult[];
  rss: { server: string; rssMb: number }[];
  prepared: string;
}

function resultsMarkdown(report: Report): string {
  const { settings } = report;
  const byServer = new Map<string, Sample[]>();
  for (const sample of report.samples) {
    const key = `${sample.workload}\u0000${sample.server}`;
    byServer.set(key, [...(byServer.get(key) ?? []), sample]);
  }
  const throughputRows = [...byServer.values()].map((samples) => {
    const first = samples[0]!;
    return [
      first.workload,
      first.server,
      median(samples.map((s) => s.requestsPerSecond)).toFixed(0),
      `${median(samples.map((s) => s.latencyP50Ms)).toFixed(1)} / ${median(samples.map((s) => s.latencyP99Ms)).toFixed(1)}`,
      median(samples.map((s) => s.cpuMicrosPerRequest)).toFixed(0),
      String(samples.reduce((sum, s) => sum + s.errors + s.non2xx, 0)),
    ];
  });
  const targetRows = report.targets.map((target) => [
    target.workload,
    target.adapter,
    `nestjs-restflow / ${LABELS[target.against]}`,
    `≥ ${target.least.toFixed(2)}`,
    spread(target.throughput),
    target.throughput.median >= target.least ? 'met' : '**missed**',
    spread(target.cpu),
  ]);
  const pagingRows = report.paging.map((result) => [
    result.paginator,
    median(result.smallMs).toFixed(2),
    median(result.largeMs).toFixed(2),
    spread(result.ratio),
    result.paginator.startsWith('PageNumberPagination')
      ? 'shown (COUNT)'
      : result.ratio.median <= 1.2
        ? 'met (≤ 1.20)'
        : '**missed** (≤ 1.20)',
  ]);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `# Benchmark results

Written by \`npm run bench\` (bench/run.ts) on ${report.startedAt.toISOString()}, git ${report.git}, in
${report.minutes.toFixed(1)} minutes. Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB,
${platform()} ${release()}, Node ${process.version}, PostgreSQL on loopback. Load average (1 min)
${report.loadAtStart.toFixed(2)} at the start, ${report.loadAtEnd.toFixed(2)} at the end: ${
    report.loadAtStart > 1 || report.loadAtEnd > 1
      ? 'the machine was loaded by other work during the run, so absolute numbers are low and noisy; the ratios of interleaved rounds are what to read'
      : 'an otherwise quiet machine'
  }.

Method: autocannon, ${settings.connections} connections, a ${settings.warmup} s warm-up per contender, then
${settings.rounds} interleaved rounds (A, B, C, ..., A, B, C, ...) of ${settings.duration} s per contender and
workload; the server and autocannon share the cores. Before timing, every contender's rows were
checked equal (same ids, same values). Ratios are per round (same round, same adapter), given as
median (min–max). CPU is the server's \`process.cpuUsage()\` over the measurement divided by its
requests. ${report.prepared}

## Targets

${markdownTable(['workload', 'adapter', 'compared', 'target', 'throughput ratio, median (min–max)', 'verdict', 'CPU per request, theirs / ours'], targetRows)}

## Throughput

${markdownTable(['workload', 'contender', 'req/s (median)', 'p50 / p99 ms', 'CPU µs / request', 'errors + non-2xx'], throughputRows)}

## Paging at scale (nestjs-restflow, Fastify, 1 connection)

Mean latency per request on a 1,000-row and a 1,000,000-row table, ${settings.rounds} interleaved rounds of
${settings.pagingDuration} s; the ratio is large / small per round.

${markdownTable(['paginator', '1,000 rows ms', '1,000,000 rows ms', 'ratio, median (min–max)', 'target'], pagingRows)}

## Memory

RSS of each server after the run:

${markdownTable(
  ['server', 'RSS MB'],
  report.rss.map((entry) => [entry.server, entry.rssMb.toFixed(0)]),
)}
`;
}

function gitDescription(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const settings = readSettings(process.env);
  const started = new Date();
  // Read now: the checkout may move while the bench runs.
  const git = gitDescription();
  const loadAtStart = loadavg()[0] ?? 0;
  const installNote =
    !settings.skipPrepare || !existsSync(join(PEERS, 'dist', 'server.js')) ? preparePeers() : '';
  const prepared = `${await seed()}.${installNote}`;
  console.log(prepared);
  const servers: Server[] = [];
  try {
    for (const spec of CONTENDERS.filter((entry) => settings.contenders.includes(entry.kind))) {
      for (const adapter of spec.adapters) servers.push(await startServer(spec, adapter, settings));
    }
    console.log(`${servers.length} servers: ${servers.map((server) => server.name).join(', ')}`);
    await checkSameRows(servers, settings.workloads);
    const samples: Sample[] = [];
    for (const workload of settings.workloads)
      samples.push(...(await benchWorkload(servers, workload, settings)));
    const fastify = servers.find(
      (server) => server.spec.kind === 'restflow' && server.adapter === 'fastify',
    )!;
    const paging = settings.paging ? await benchPaging(fastify, settings) : [];
    const rss = [];
    for (const server of servers)
      rss.push({ server: server.name, rssMb: (await usageOf(server)).rss / 2 ** 20 });
    const report: Report = {
      settings,
      startedAt: started,
      minutes: (Date.now() - started.getTime()) / 60000,
      git,
      loadAtStart,
      loadAtEnd: loadavg()[0] ?? 0,
      samples,
      targets: targetResults(samples),
      paging,
      rss,
      prepared,
    };
    const markdown = resultsMarkdown(report);
    writeFileSync(join(ROOT, 'bench', 'results.md'), markdown);
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(
      join(RESULTS_DIR, `${started.toISOString().replace(/[:.]/g, '-')}.json`),
      `${JSON.stringify(report, null, 2)}\n`,
    );
    console.log(`\n${markdown}\nWritten to bench/results.md`);
    const failed = samples.filter((sample) => sample.non2xx > 0 || sample.errors > 0);
    if (failed.length > 0) {
      throw new Error(
        `measurements with errors or non-2xx answers: ${failed.map((s) => `${s.workload} ${s.server} #${s.round}`).join(', ')}`,
      );
    }
  } finally {
    await Promise.all(servers.map(stopServer));
    if (settings.cpuProf && existsSync(join(RESULTS_DIR, 'profiles'))) {
      console.log(`profiles: ${readdirSync(join(RESULTS_DIR, 'profiles')).join(', ')}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(`\nBenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
