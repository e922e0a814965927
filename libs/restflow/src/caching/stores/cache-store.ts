import type { CacheEntry } from './cache-entry.interface';

/**
 * Where cached results live: the abstraction over a cache-manager `Cache` that adds what
 * cache-manager lacks, an index of keys by prefix, so that `deleteByPrefix` costs time in
 * proportion to the entries it removes (never a scan of the keyspace, never `KEYS`), and treats
 * every character of the prefix literally. It is also the DI token of the app's store.
 *
 * Built-in stores: {@link MemoryCacheStore} (the default; bounded, LRU) and
 * {@link RedisCacheStore} (for more than one app instance); {@link KeyvCacheStore} wraps a
 * cache-manager `Cache` an app already has. Stores never swallow errors or wait forever: each
 * operation rejects on failure or after its timeout, and the callers fail open.
 *
 * @example
 * ```ts
 * constructor(private readonly store: CacheStore) {}
 * await this.store.deleteByPrefix('1:users::getUser::');
 * ```
 * @publicApi
 */
export abstract class CacheStore {
  /** A short name for logs and errors, such as `memory` or `redis`. */
  abstract readonly name: string;

  /** The entry under `key`, or `undefined`. */
  abstract get(key: string): Promise<CacheEntry | undefined>;

  /**
   * Stores `entry` under `key` for `ttlMs` milliseconds (`undefined`: no expiry), indexed under
   * each of `prefixes` (each a prefix of `key`).
   */
  abstract set(
    key: string,
    entry: CacheEntry,
    ttlMs: number | undefined,
    prefixes: readonly string[],
  ): Promise<void>;

  /** Deletes one entry; resolves whether it existed. */
  abstract delete(key: string): Promise<boolean>;

  /** Deletes every entry indexed under `prefix`; resolves how many there were. */
  abstract deleteByPrefix(prefix: string): Promise<number>;

  /**
   * Resolves once the store can answer, or after `timeoutMs` (whichever is first): the module
   * waits for it at boot, so that the first requests do not all miss. Never rejects.
   */
  ready(_timeoutMs: number): Promise<void> {
    return Promise.resolve();
  }

  /** Releases connections the store opened itself. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
