import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import {
  KeyConstructor,
  type BuiltCacheKey,
  type KeyConstructorClass,
} from '../keys/key-constructor';
import type { InvalidationRule } from '../invalidation/invalidation-rule';
import { CacheRuntimeRegistry } from './cache-runtime.registry';
import type { CacheRuntime } from './cache-runtime';

/** Every cache target of the process by id: ids must be unique, or keys would be shared. */
const TARGETS = new Map<string, CacheTarget>();

/**
 * Something that writes cache entries under one id: a cached function or a cached response.
 * Owns what both share: the key constructor, the runtime lookup, the stored form of keys, and
 * the deletes that invalidation rules call.
 *
 * @internal
 */
export abstract class CacheTarget {
  readonly keyConstructor: KeyConstructor;

  protected constructor(
    readonly id: string,
    Constructor: KeyConstructorClass,
    readonly rules: readonly InvalidationRule[],
    where: string,
  ) {
    if (!id) {
      throw new RestflowConfigError(
        'cacheResult.id',
        `${where}: the function has no name. Fix: pass a named function or { id: "loadUser" }.`,
      );
    }
    if (TARGETS.has(id)) {
      throw new RestflowConfigError(
        'cacheResult.id',
        `${where}: another cached function already has the id "${id}", and they would share ` +
          `keys. Fix: give one of them its own { id }.`,
      );
    }
    if (!(Constructor.prototype instanceof KeyConstructor) && Constructor !== KeyConstructor) {
      throw new RestflowConfigError(
        'cacheResult.keyConstructor',
        `${where}: keyConstructor must be a KeyConstructor class. Fix: pass e.g. UserKey (a ` +
          `class that extends KeyConstructor), not an instance.`,
      );
    }
    this.keyConstructor = new Constructor().init();
    TARGETS.set(id, this);
    Constructor.registerWrapper({
      invalidateAll: () => this.invalidateAll(undefined),
      deleteVersionsBelow: (version) => this.deleteVersionsBelow(version),
    });
  }

  /** The target of an id, if one is defined in this process. */
  static byId(id: string): CacheTarget | undefined {
    return TARGETS.get(id);
  }

  /** Every cache target defined in this process. */
  static all(): Iterable<CacheTarget> {
    return TARGETS.values();
  }

  /** The runtime a call on `self` uses. @throws {Error} before any app with caching started. */
  runtime(self: unknown): CacheRuntime {
    const runtime = CacheRuntimeRegistry.resolve(self);
    if (!runtime) {
      throw new Error(
        `Cached function "${this.id}" was used before any RestflowModule started: its cache ` +
          `store comes from RestflowModule.forRoot({ caching }). Fix: call it from a running app.`,
      );
    }
    return runtime;
  }

  /** The stored form of a key: the version first, so versions never share an entry or prefix. */
  storageKey(version: number, key: string): string {
    return `${version}:${key}`;
  }

  /** The stored forms of a built key and of its prefixes: what a write stores and indexes. */
  storedKeys(built: BuiltCacheKey): { key: string; prefixes: string[] } {
    return {
      key: this.storageKey(built.version, built.key),
      prefixes: built.prefixes.map((prefix) => this.storageKey(built.version, prefix)),
    };
  }

  /**
   * Deletes every entry whose partition starts with `values` (by name); `{}` deletes all.
   * Uses the runtime of `self` (or the default one).
   */
  deleteByPrefix(self: unknown, values: Readonly<Record<string, unknown>> = {}): Promise<number> {
    return this.deleteByPrefixIn(this.runtime(self), values);
  }

  /** {@link deleteByPrefix} in a given runtime (invalidation rules run in their app's). */
  deleteByPrefixIn(
    runtime: CacheRuntime,
    values: Readonly<Record<string, unknown>>,
  ): Promise<number> {
    const named = Object.assign(Object.create(null) as Record<string, unknown>, values);
    const prefix = this.keyConstructor.prefixOf(this.id, named);
    const version = this.keyConstructor.meta.version;
    return runtime.store.deleteByPrefix(this.storageKey(version, prefix));
  }

  invalidateAll(self: unknown): Promise<number> {
    return this.deleteByPrefix(self, {});
  }

  /**
   * Recomputes the entry of `values` (rules with `rewarm`). Targets that cannot (responses)
   * reject, and the rule falls back to deleting.
   */
  abstract rewarm(runtime: CacheRuntime, values: Readonly<Record<string, unknown>>): Promise<void>;

  private async deleteVersionsBelow(version: number): Promise<number> {
    const runtime = this.runtime(undefined);
    const root = this.keyConstructor.rootPrefix(this.id);
    let removed = 0;
    for (let older = 1; older < version; older++) {
      removed += await runtime.store.deleteByPrefix(this.storageKey(older, root));
    }
    return removed;
  }
}
