import { performance } from 'node:perf_hooks';
import type { ThrottleHit, ThrottleStore } from './throttle-store.interface';

/**
 * Options of {@link MemoryThrottleStore}.
 *
 * @example
 * ```ts
 * new MemoryThrottleStore({ maxKeys: 50_000 });
 * ```
 * @publicApi
 */
export interface MemoryThrottleStoreOptions {
  /**
   * Most keys (clients × scopes) kept at once. Past it, the key hit least recently is forgotten
   * (that client starts a fresh window). Heap per key, measured on Node 20 with
   * `bench/throttle-memory.ts`: about 370 bytes with up to 17 hits in its window, 0.6 KB with
   * 20, 0.9 KB with 50, 1.35 KB with 100 (a key holds at most `limit` hits). The default
   * 100,000 keys take about 37 MB with a few hits per client, 135 MB at 100 hits per window.
   * @default 100000
   */
  maxKeys?: number;
  /**
   * How often, at most, a sweep of expired histories starts. A sweep runs in small steps on the
   * following requests (no timer), so no single request pays for the whole map.
   * @default 10000
   */
  sweepIntervalMs?: number;
  /**
   * The clock, in milliseconds. Inject one in tests to move time by hand.
   * @default a monotonic clock (`performance.timeOrigin + performance.now()`)
   */
  clock?: () => number;
}

interface History {
  /** Hit times, oldest first. */
  hits: number[];
  /** When the newest hit leaves its window: past it, the history is empty and can go. */
  expiresAt: number;
}

/** Keys a sweep step looks at, per request. */
const SWEEP_STEP = 256;

/**
 * The default {@link ThrottleStore}: request histories in this process's memory (DRF with the
 * local-memory cache). Each `RestflowModule` gets its own unless `throttling.store` names one.
 * Limits are per process: use `RedisThrottleStore` when several instances serve one API.
 *
 * Memory is bounded: at most `maxKeys` histories (the least recently hit one is evicted first),
 * each with at most `limit` times; expired histories are dropped when their key is hit again and
 * by an incremental sweep that advances a few hundred keys per request, at most once per
 * `sweepIntervalMs`. There is no timer, so nothing keeps the process alive or needs closing.
 *
 * @example
 * ```ts
 * const store = new MemoryThrottleStore({ maxKeys: 10_000 });
 * RestflowModule.forRoot({ throttling: { store, rates: { anon: '20/min' } } });
 * store.size; // keys currently tracked
 * ```
 * @publicApi
 */
export class MemoryThrottleStore implements ThrottleStore {
  private readonly histories = new Map<string, History>();
  private readonly maxKeys: number;
  private readonly sweepIntervalMs: number;
  private readonly clock: () => number;
  private sweep: Iterator<[string, History]> | undefined;
  private nextSweepAt = -Infinity;

  constructor(options: MemoryThrottleStoreOptions = {}) {
    this.maxKeys = positiveInteger(options.maxKeys ?? 100_000, 'maxKeys');
    this.sweepIntervalMs = positiveInteger(options.sweepIntervalMs ?? 10_000, 'sweepIntervalMs');
    this.clock = options.clock ?? (() => performance.timeOrigin + performance.now());
  }

  /** Keys currently tracked. */
  get size(): number {
    return this.histories.size;
  }

  hit(key: string, limit: number, durationMs: number): Promise<ThrottleHit> {
    return Promise.resolve(this.hitNow(key, limit, durationMs));
  }

  /** Forgets every history. */
  clear(): void {
    this.histories.clear();
    this.sweep = undefined;
  }

  private hitNow(key: string, limit: number, durationMs: number): ThrottleHit {
    const now = this.clock();
    const history = this.histories.get(key);
    if (history) {
      dropExpired(history.hits, now - durationMs);
    }
    const count = history?.hits.length ?? 0;
    if (count >= limit) {
      this.sweepStep(now);
      return { allowed: false, hits: count, oldestAt: history?.hits[0] ?? null, now };
    }
    const entry = history ?? { hits: [], expiresAt: 0 };
    entry.hits.push(now);
    entry.expiresAt = now + durationMs;
    // Re-inserting keeps the map ordered by last hit, so its first key is the one to evict.
    this.histories.delete(key);
    this.histories.set(key, entry);
    if (this.histories.size > this.maxKeys) {
      const oldest = this.histories.keys().next();
      if (!oldest.done) this.histories.delete(oldest.value);
    }
    this.sweepStep(now);
    return { allowed: true, hits: count + 1, oldestAt: entry.hits[0] ?? now, now };
  }

  /**
   * Advances the sweep by a few keys. A Map iterator stays valid while entries are deleted and
   * visits entries added meanwhile, so a sweep ends after at most one pass over the map.
   */
  private sweepStep(now: number): void {
    if (!this.sweep) {
      if (now < this.nextSweepAt) return;
      this.nextSweepAt = now + this.sweepIntervalMs;
      this.sweep = this.histories.entries();
    }
    for (let visited = 0; visited < SWEEP_STEP; visited++) {
      const next = this.sweep.next();
      if (next.done) {
        this.sweep = undefined;
        return;
      }
      const [key, history] = next.value;
      if (history.expiresAt <= now) {
        this.histories.delete(key);
      }
    }
  }
}

/** Removes the leading hits at or before `cutoff` (DRF drops `history[-1] <= now - duration`). */
function dropExpired(hits: number[], cutoff: number): void {
  let expired = 0;
  while (expired < hits.length && (hits[expired] ?? Infinity) <= cutoff) {
    expired++;
  }
  if (expired > 0) {
    hits.splice(0, expired);
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(
      `MemoryThrottleStore: ${name} must be a positive integer, got ${String(value)}.`,
    );
  }
  return value;
}
