// Memory of MemoryThrottleStore per client key: fills a store with KEYS keys of HITS hits each
// (a realistic key, `throttle_anon_<IPv4>`), and reports the heap growth after a full GC.
//
//   npx nest build --config bench/nest-cli.json
//   node --expose-gc dist/bench/bench/throttle-memory.js
//
// Settings: THROTTLE_MEMORY_KEYS (default 100000), THROTTLE_MEMORY_HITS (comma-separated hit
// counts per key, default 1,3,10,100; the limit is the same number, so every hit is counted).
import { MemoryThrottleStore } from 'nestjs-restflow';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('Run with node --expose-gc.');
  process.exit(1);
}
const collect = gc;

const keys = Number(process.env.THROTTLE_MEMORY_KEYS ?? 100_000);
const hitCounts = (process.env.THROTTLE_MEMORY_HITS ?? '1,3,10,100').split(',').map(Number);

function heapAfterGc(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

function clientAddress(index: number): string {
  return `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
}

async function measure(hits: number): Promise<number> {
  let now = 1_700_000_000_000.5;
  const store = new MemoryThrottleStore({ maxKeys: keys, clock: () => now });
  const before = heapAfterGc();
  // Hits arrive interleaved across clients, as real traffic does (and as the LRU order sees it).
  for (let round = 0; round < hits; round++) {
    for (let index = 0; index < keys; index++) {
      now += 0.25;
      await store.hit(`throttle_anon_${clientAddress(index)}`, hits, 3_600_000);
    }
  }
  const after = heapAfterGc();
  if (store.size !== keys) throw new Error(`Expected ${keys} keys, the store has ${store.size}.`);
  return (after - before) / keys;
}

async function main(): Promise<void> {
  console.log(
    `MemoryThrottleStore, ${keys} keys, heap growth per key after GC (Node ${process.version})`,
  );
  for (const hits of hitCounts) {
    const perKey = await measure(hits);
    console.log(`  ${String(hits).padStart(4)} hits/key: ${Math.round(perKey)} bytes`);
  }
}

void main();
