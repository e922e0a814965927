import { Logger } from '@nestjs/common';
import type { CacheEntry } from '../stores/cache-entry.interface';
import type { CacheStore } from '../stores/cache-store';
import { CacheHealth } from './cache-health';

/**
 * One app's caching machinery: its store, seen through a fail-open layer (a failing read is a
 * miss, a failing write is skipped, each outage logged once), the calls in flight for
 * single-flight, and the background refreshes of stale entries.
 *
 * @internal
 */
export class CacheRuntime {
  readonly health: CacheHealth;
  /** Calls computing a key right now, so that concurrent misses share one computation. */
  readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly background = new Set<Promise<unknown>>();
  private readonly logger = new Logger('RestflowCache');

  constructor(
    readonly store: CacheStore,
    /** Default TTL in seconds of functions and responses that set none. */
    readonly defaultTtl: number,
  ) {
    this.health = new CacheHealth(store.name);
  }

  /** The entry, or `undefined` on a miss or a failing store. */
  async read(key: string): Promise<CacheEntry | undefined> {
    try {
      const entry = await this.store.get(key);
      this.health.succeeded();
      return entry;
    } catch (error) {
      this.health.failed(error);
      return undefined;
    }
  }

  /** Writes the entry; a failing store is logged (once per outage) and otherwise ignored. */
  async write(
    key: string,
    entry: CacheEntry,
    ttlMs: number | undefined,
    prefixes: readonly string[],
  ): Promise<void> {
    try {
      await this.store.set(key, entry, ttlMs, prefixes);
      this.health.succeeded();
    } catch (error) {
      this.health.failed(error);
    }
  }

  /** Runs `work` after the current request, errors logged; awaited by `drain()`. */
  runInBackground(description: string, work: () => Promise<unknown>): void {
    const task = Promise.resolve()
      .then(work)
      .catch((error: unknown) => {
        this.logger.error(`${description} failed: ${errorMessage(error)}`);
      })
      .finally(() => this.background.delete(task));
    this.background.add(task);
  }

  /** Waits for background work to finish (at shutdown, in tests). */
  async drain(): Promise<void> {
    while (this.background.size > 0) {
      await Promise.allSettled([...this.background]);
    }
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
