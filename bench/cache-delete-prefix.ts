/**
 * `deleteByPrefix` of the Redis store against the size of the keyspace: the time to delete 100
 * entries under one prefix with 1,000 unrelated keys in Redis, then with 1,000,000. The store
 * keeps an index of keys per prefix, so both should take the same time (a `SCAN` or `KEYS`
 * would not). It runs a PRIVATE `redis-server` on a free port (never the machine's shared one)
 * and kills it at the end.
 *
 *   npx nest build --config bench/nest-cli.json && node dist/bench/bench/cache-delete-prefix.js
 *
 * Settings (environment): PREFIX_BENCH_REPETITIONS (timed deletes per keyspace size, 300),
 * PREFIX_BENCH_LARGE (unrelated keys of the large run, 1000000).
 */
import { createClient } from '@keyv/redis';
import { RedisCacheStore, type CacheEntry } from 'nestjs-restflow';
import { startPrivateRedis } from '../test/utils/private-redis';

const NAMESPACE = 'bench:cache';
const PREFIX = '1:bench::MyReviews.list::user:42::';
const ENTRIES = 100;

/** Adds unrelated keys (in the store's namespace, like other users' entries) up to `total`. */
async function fillUnrelated(
  client: {
    multi(): { set(key: string, value: string): unknown; execAsPipeline(): Promise<unknown> };
  },
  from: number,
  total: number,
) {
  const batch = 10_000;
  for (let start = from; start < total; start += batch) {
    const multi = client.multi();
    for (let i = start; i < Math.min(total, start + batch); i++) {
      multi.set(`${NAMESPACE}::1:bench::Other.fn::user:${i}::`, '{"value":0}');
    }
    await multi.execAsPipeline();
  }
}

/** Times `repetitions` deletes of 100 freshly written entries; returns the times in ms. */
async function timeDeletes(store: RedisCacheStore, repetitions: number): Promise<number[]> {
  const entry: CacheEntry = { value: { rating: 5 }, cachedAt: 0, resetAt: null, staleUntil: null };
  const times: number[] = [];
  for (let round = 0; round < repetitions; round++) {
    await Promise.all(
      Array.from({ length: ENTRIES }, (_, i) =>
        store.set(`${PREFIX}page:${i}`, entry, 600_000, [PREFIX]),
      ),
    );
    const started = process.hrtime.bigint();
    const removed = await store.deleteByPrefix(PREFIX);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (removed !== ENTRIES) throw new Error(`deleteByPrefix removed ${removed}, not ${ENTRIES}`);
  }
  return times;
}

function quantile(times: number[], q: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const repetitions = Number(process.env.PREFIX_BENCH_REPETITIONS ?? 300);
  const large = Number(process.env.PREFIX_BENCH_LARGE ?? 1_000_000);
  const redis = await startPrivateRedis();
  const client = createClient({ url: redis.url });
  await client.connect();
  const store = new RedisCacheStore({
    url: redis.url,
    namespace: NAMESPACE,
    commandTimeoutMs: 5000,
  });
  await store.ready(5000);
  try {
    const rows: { keys: number; median: number; p90: number; scanMs: number }[] = [];
    for (const [from, total] of [
      [0, 1_000],
      [1_000, large],
    ] as const) {
      const filled = Date.now();
      await fillUnrelated(client, from, total);
      const size = await client.dbSize();
      console.log(`${size} keys in Redis (filled in ${Date.now() - filled} ms)`);
      await timeDeletes(store, 100); // warm-up
      const times = await timeDeletes(store, repetitions);
      // For scale: what finding the entries by a SCAN of the keyspace would cost (one pass).
      const scanStarted = process.hrtime.bigint();
      for await (const keys of client.scanIterator({
        MATCH: `${NAMESPACE}::${PREFIX}*`,
        COUNT: 1000,
      })) {
        void keys;
      }
      const scanMs = Number(process.hrtime.bigint() - scanStarted) / 1e6;
      rows.push({ keys: total, median: quantile(times, 0.5), p90: quantile(times, 0.9), scanMs });
    }
    console.log(`\ndeleteByPrefix of ${ENTRIES} entries, ${repetitions} repetitions each`);
    for (const { keys, median, p90, scanMs } of rows) {
      console.log(
        `${String(keys).padStart(9)} unrelated keys: median ${median.toFixed(3)} ms, p90 ${p90.toFixed(3)} ms (one SCAN pass, for scale: ${scanMs.toFixed(1)} ms)`,
      );
    }
    const [small, big] = rows as [(typeof rows)[0], (typeof rows)[0]];
    console.log(
      `ratio (median, ${big.keys} / ${small.keys} keys): ${(big.median / small.median).toFixed(2)}`,
    );
  } finally {
    await store.close();
    client.destroy();
    await redis.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
