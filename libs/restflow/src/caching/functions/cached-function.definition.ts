import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import { CacheStatus, type CacheMetadata } from '../cache-status';
import { ArgsKeyField } from '../keys/args.key-field';
import { DefaultKeyConstructor, type BuiltCacheKey } from '../keys/key-constructor';
import { CacheRuntimeRegistry } from '../runtime/cache-runtime.registry';
import { CacheTarget } from '../runtime/cache-target';
import type { CacheRuntime } from '../runtime/cache-runtime';
import { isFresh, type CacheEntry } from '../stores/cache-entry.interface';
import type { RestflowRequest } from '../../core/restflow-request.interface';
import type { CacheResultOptions } from './cache-result-options.interface';
import { CACHE_MISSING } from './cached-function.interface';

type AnyFunction = (...args: unknown[]) => Promise<unknown>;

/**
 * The behaviour of one cached function, shared by `cacheResult()` and `@CacheResult()`: keys,
 * reads, writes, single-flight, stale-while-revalidate and deletes. `self` is `this` of a
 * method call (the provider instance), which also selects the app runtime.
 *
 * @internal
 */
export class CachedFunctionDefinition extends CacheTarget {
  private readonly ttlSeconds: number | null | undefined;
  private readonly staleSeconds: number;

  constructor(
    id: string,
    private readonly fn: AnyFunction,
    readonly options: CacheResultOptions,
  ) {
    const where = `cacheResult("${id}")`;
    super(id, options.keyConstructor ?? DefaultKeyConstructor, options.invalidatesOn ?? [], where);
    if (options.cacheIf && options.cacheUnless) {
      throw new RestflowConfigError(
        'cacheResult.cacheIf',
        `${where}: cacheIf and cacheUnless are exclusive. Fix: keep one of them.`,
      );
    }
    this.ttlSeconds = options.ttl;
    this.staleSeconds = options.staleWhileRevalidate ?? 0;
    checkSeconds(where, 'ttl', options.ttl, true);
    checkSeconds(where, 'staleWhileRevalidate', options.staleWhileRevalidate, false);
    if (this.staleSeconds > 0 && options.ttl === null) {
      throw new RestflowConfigError(
        'cacheResult.staleWhileRevalidate',
        `${where}: staleWhileRevalidate needs a ttl (a value without expiry never goes stale). ` +
          `Fix: set a ttl in seconds.`,
      );
    }
    if (options.argNames) {
      this.checkArgNames(where, options.argNames);
    }
  }

  /**
   * Recomputes the entry of `values` (rules with `rewarm`): `values` are the named arguments.
   * Only functions called on no instance (plain `cacheResult`) or whose arguments are all named
   * can be rewarmed from an entity; methods use the instance bound to the runtime.
   */
  async rewarm(runtime: CacheRuntime, values: Readonly<Record<string, unknown>>): Promise<void> {
    const names = this.options.argNames;
    const args = names ? names.map((name) => values[name]) : [{ ...values }];
    const self = CacheRuntimeRegistry.instanceOf(this, runtime);
    const built = this.key(self, args);
    await this.compute(runtime, self, args, built, CacheStatus.REFRESH);
  }

  /** Arguments by name, as key fields read them. */
  namedArgs(args: readonly unknown[]): Record<string, unknown> {
    const named = Object.create(null) as Record<string, unknown>;
    const names = this.options.argNames;
    if (names) {
      if (args.length > names.length) {
        throw new TypeError(
          `Cached function "${this.id}" got ${args.length} arguments but names only ` +
            `${names.length} (argNames). Fix: list every argument in argNames.`,
        );
      }
      names.forEach((name, index) => (named[name] = args[index]));
      return named;
    }
    if (args.length === 0 || (args.length === 1 && args[0] === undefined)) return named;
    const [only] = args;
    const prototype =
      typeof only === 'object' && only !== null
        ? (Object.getPrototypeOf(only) as unknown)
        : undefined;
    if (args.length > 1 || (prototype !== Object.prototype && prototype !== null)) {
      throw new TypeError(
        `Cached function "${this.id}" takes one object argument (its properties are the names ` +
          `key fields read). Fix: call it with an object, or name positional arguments with ` +
          `{ argNames: [...] }.`,
      );
    }
    Object.assign(named, only);
    return named;
  }

  key(self: unknown, args: readonly unknown[], request?: RestflowRequest): BuiltCacheKey {
    return this.keyConstructor.build(this.id, { args: this.namedArgs(args), self, request });
  }

  async call(
    self: unknown,
    args: readonly unknown[],
    mode: 'cached' | 'refresh' | 'bypass' = 'cached',
  ): Promise<[unknown, CacheMetadata | null]> {
    if (mode === 'bypass') {
      const value = await this.fn.apply(self, args as unknown[]);
      return [
        value,
        { cachedAt: new Date().toISOString(), cacheResetAt: null, cacheStatus: 'BYPASS' },
      ];
    }
    const runtime = this.runtime(self);
    const built = this.key(self, args);
    const key = this.storageKey(built.version, built.key);
    if (mode === 'refresh') {
      return this.compute(runtime, self, args, built, CacheStatus.REFRESH);
    }
    const entry = await runtime.read(key);
    const now = Date.now();
    if (entry && isFresh(entry, now)) {
      return [entry.value, metadata(entry, CacheStatus.HIT)];
    }
    if (entry && entry.staleUntil !== null && now < entry.staleUntil) {
      if (!runtime.inFlight.has(key)) {
        runtime.runInBackground(`Refreshing the stale entry of "${this.id}"`, () =>
          this.singleFlight(runtime, key, () =>
            this.compute(runtime, self, args, built, CacheStatus.REFRESH),
          ),
        );
      }
      return [entry.value, metadata(entry, CacheStatus.STALE)];
    }
    if (this.options.singleFlight === false) {
      return this.compute(runtime, self, args, built, CacheStatus.MISS);
    }
    return this.singleFlight(runtime, key, () =>
      this.compute(runtime, self, args, built, CacheStatus.MISS),
    );
  }

  async cachedEntry(self: unknown, args: readonly unknown[]): Promise<CacheEntry | undefined> {
    const built = this.key(self, args);
    const entry = await this.runtime(self).read(this.storageKey(built.version, built.key));
    const now = Date.now();
    if (!entry) return undefined;
    const fresh = isFresh(entry, now);
    return fresh || (entry.staleUntil !== null && now < entry.staleUntil) ? entry : undefined;
  }

  async getCacheOnly(self: unknown, args: readonly unknown[]): Promise<unknown> {
    const entry = await this.cachedEntry(self, args);
    return entry ? entry.value : CACHE_MISSING;
  }

  async getCachedMetadata(self: unknown, args: readonly unknown[]): Promise<CacheMetadata | null> {
    const entry = await this.cachedEntry(self, args);
    if (!entry) return null;
    const fresh = isFresh(entry, Date.now());
    return metadata(entry, fresh ? CacheStatus.HIT : CacheStatus.STALE);
  }

  deleteCache(self: unknown, args: readonly unknown[]): Promise<boolean> {
    const built = this.key(self, args);
    return this.runtime(self).store.delete(this.storageKey(built.version, built.key));
  }

  private async singleFlight<TValue>(
    runtime: CacheRuntime,
    key: string,
    work: () => Promise<TValue>,
  ): Promise<TValue> {
    const running = runtime.inFlight.get(key);
    if (running) return running as Promise<TValue>;
    const promise = work().finally(() => runtime.inFlight.delete(key));
    runtime.inFlight.set(key, promise);
    return promise;
  }

  private async compute(
    runtime: CacheRuntime,
    self: unknown,
    args: readonly unknown[],
    built: BuiltCacheKey,
    status: CacheStatus,
  ): Promise<[unknown, CacheMetadata | null]> {
    const value = await this.fn.apply(self, args as unknown[]);
    if (!(await this.shouldCache(value))) return [value, null];
    const ttl = this.ttlSeconds === undefined ? runtime.defaultTtl : this.ttlSeconds;
    const cachedAt = Date.now();
    const resetAt = ttl === null ? null : cachedAt + ttl * 1000;
    const staleUntil =
      resetAt === null || this.staleSeconds === 0 ? null : resetAt + this.staleSeconds * 1000;
    const entry: CacheEntry = { value, cachedAt, resetAt, staleUntil };
    const { key, prefixes } = this.storedKeys(built);
    await runtime.write(
      key,
      entry,
      ttl === null ? undefined : (ttl + this.staleSeconds) * 1000,
      prefixes,
    );
    return [value, metadata(entry, status)];
  }

  private async shouldCache(value: unknown): Promise<boolean> {
    if (value === undefined) return false;
    if (this.options.cacheIf) return Boolean(await this.options.cacheIf(value));
    if (this.options.cacheUnless) return !(await this.options.cacheUnless(value));
    return true;
  }

  private checkArgNames(where: string, names: readonly string[]): void {
    if (
      new Set(names).size !== names.length ||
      names.some((name) => typeof name !== 'string' || !name)
    ) {
      throw new RestflowConfigError(
        'cacheResult.argNames',
        `${where}: argNames must be distinct non-empty names, got ${JSON.stringify(names)}.`,
      );
    }
    for (const [property, field] of Object.entries(this.keyConstructor)) {
      if (!(field instanceof ArgsKeyField) || field.names === '*') continue;
      const unknown = field.names.filter((name) => !names.includes(name));
      if (unknown.length > 0) {
        throw new RestflowConfigError(
          'cacheResult.argNames',
          `${where}: key field "${property}" reads ${unknown.map((n) => `"${n}"`).join(', ')}, ` +
            `which argNames ${JSON.stringify(names)} does not name. Fix: add it to argNames or ` +
            `correct the field.`,
        );
      }
    }
  }
}

function metadata(entry: CacheEntry, status: CacheStatus): CacheMetadata {
  return {
    cachedAt: new Date(entry.cachedAt).toISOString(),
    cacheResetAt: entry.resetAt === null ? null : new Date(entry.resetAt).toISOString(),
    cacheStatus: status,
  };
}

function checkSeconds(where: string, option: string, value: unknown, nullable: boolean): void {
  if (value === undefined || (nullable && value === null)) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RestflowConfigError(
      `cacheResult.${option}`,
      `${where}: ${option} must be a positive number of seconds${nullable ? ' or null' : ''}, ` +
        `got ${JSON.stringify(value) ?? typeof value}. Fix: e.g. { ${option}: 300 }.`,
    );
  }
}
