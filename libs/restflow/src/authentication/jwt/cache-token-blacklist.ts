import type * as CacheManager from 'cache-manager';
import type { Cache } from 'cache-manager';
import type * as KeyvModule from 'keyv';
import { loadOptionalDependency } from '../../core/optional-dependency.util';
import { TokenBlacklist } from './token-blacklist';

const KEY_PREFIX = 'restflow:jwt:bl:';

/**
 * A {@link TokenBlacklist} over a cache-manager 7 `Cache`: each revoked `jti` is the key
 * `restflow:jwt:bl:<jti>`, kept for the token's remaining lifetime (at least one second), so the
 * cache forgets it exactly when the token would be refused as expired anyway.
 *
 * cache-manager has no add-if-absent, so `add()` is a lookup then a write, serialised per `jti`
 * inside this process: concurrent refreshes of one token on one app instance get exactly one
 * winner, but two instances sharing the cache may both win the same race. With several
 * instances, prefer {@link RedisTokenBlacklist} (`SET NX`) or {@link EntityTokenBlacklist}
 * (a unique row), which are atomic across instances.
 *
 * Over a shared cache, create the Keyv store with `throwOnErrors: true`: Keyv hides store
 * failures otherwise, and a lookup during an outage would read as "not blacklisted". With it, a
 * failed lookup or write propagates (the endpoints answer 503) instead of letting a revoked
 * token through. A blacklist whose every store is in memory is {@link processLocal}, which
 * production refuses unless `jwt.blacklistAllowInMemory` is set.
 *
 * @example
 * ```ts
 * import { createKeyv } from '@keyv/redis';
 * import { createCache } from 'cache-manager';
 *
 * const redis = createKeyv('redis://127.0.0.1:6379', { throwOnErrors: true });
 * RestflowModule.forRoot({
 *   jwt: {
 *     signingKey: process.env.JWT_SIGNING_KEY,
 *     blacklist: new CacheTokenBlacklist(createCache({ stores: [redis] })),
 *   },
 * });
 * ```
 * @publicApi
 */
export class CacheTokenBlacklist extends TokenBlacklist {
  /** Whether every store of the cache lives in this process (a `Map` or another memory store). */
  override readonly processLocal: boolean;
  /** The `add()` in progress per key, so that adds of one `jti` run one after the other. */
  private readonly adding = new Map<string, Promise<boolean>>();

  constructor(
    /** The cache the revoked `jti`s live in. */
    readonly cache: Cache,
  ) {
    super();
    this.processLocal = cache.stores.every((keyv) => isMemoryStore(keyv.store));
  }

  /**
   * A blacklist over a private in-memory cache: what the JWT stack uses when
   * `jwt.blacklist` is not set. It lives in one process only (fine for one instance and for
   * tests); expired entries are swept as new ones arrive.
   *
   * @example
   * ```ts
   * const blacklist = CacheTokenBlacklist.inMemory();
   * ```
   */
  static inMemory(): CacheTokenBlacklist {
    const feature = 'the JWT blacklist in memory (jwt.blacklist not set)';
    const { createCache } = loadOptionalDependency<typeof CacheManager>(
      'cache-manager',
      feature,
      'jwt.blacklist',
    );
    const { Keyv } = loadOptionalDependency<typeof KeyvModule>('keyv', feature, 'jwt.blacklist');
    return new CacheTokenBlacklist(
      createCache({
        stores: [new Keyv({ store: new ExpiringMemoryStore(), throwOnErrors: true })],
      }),
    );
  }

  /** The cache key of `jti`. Override to change the key layout. */
  protected keyOf(jti: string): string {
    return `${KEY_PREFIX}${jti}`;
  }

  add(jti: string, exp: number): Promise<boolean> {
    const key = this.keyOf(jti);
    const previous = this.adding.get(key);
    const attempt = (previous ?? Promise.resolve(true))
      .catch(() => true)
      .then(async () => {
        if (await this.has(jti)) return false;
        const seconds = Math.max(1, Math.ceil(exp - Date.now() / 1000));
        await this.cache.set(key, true, seconds * 1000);
        return true;
      });
    this.adding.set(key, attempt);
    const forget = () => {
      if (this.adding.get(key) === attempt) this.adding.delete(key);
    };
    attempt.then(forget, forget);
    return attempt;
  }

  async has(jti: string): Promise<boolean> {
    const key = this.keyOf(jti);
    // cache-manager reports a failing store through a `get` event and resolves `undefined`;
    // catch that event so that a failure is an error, not "not blacklisted".
    let failure: { error: unknown } | undefined;
    const listener = (event: { key?: string; error?: unknown }) => {
      if (event.key === key && event.error !== undefined) failure = { error: event.error };
    };
    this.cache.on('get', listener);
    try {
      const value = await this.cache.get<unknown>(key);
      if (failure) {
        throw failure.error instanceof Error
          ? failure.error
          : new Error(`Token blacklist lookup failed: ${String(failure.error)}`);
      }
      return value !== undefined && value !== null;
    } finally {
      this.cache.off('get', listener);
    }
  }
}

const MEMORY_STORES = new Set([
  'Map',
  'ExpiringMemoryStore',
  'CacheableMemory',
  'KeyvCacheableMemory',
]);

/** Whether a Keyv store keeps its entries in this process. */
function isMemoryStore(store: unknown): boolean {
  if (store instanceof Map || store instanceof ExpiringMemoryStore) return true;
  const name = (store as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === 'string' && MEMORY_STORES.has(name);
}

/**
 * A Keyv store in a `Map` that honours the time to live Keyv passes and drops expired entries
 * now and then (Keyv's default `Map` only forgets an expired key when it is read again, which a
 * revoked token's key never is).
 *
 * @internal
 */
export class ExpiringMemoryStore {
  private readonly entries = new Map<string, { value: unknown; expiresAt: number }>();
  private nextSweep = 0;

  constructor(private readonly sweepEvery = 60_000) {}

  get(key: string): unknown {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: unknown, ttl?: number): boolean {
    const now = Date.now();
    if (now >= this.nextSweep) {
      this.sweep(now);
      this.nextSweep = now + this.sweepEvery;
    }
    const expiresAt = typeof ttl === 'number' && ttl > 0 ? now + ttl : Number.POSITIVE_INFINITY;
    this.entries.set(key, { value, expiresAt });
    return true;
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Number of entries held, expired or not (for tests). */
  get size(): number {
    return this.entries.size;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(key);
    }
  }
}
