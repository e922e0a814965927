import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import { ArgsKeyField } from './args.key-field';
import { CacheKeyField } from './cache-key-field';
import { escapeKeyText, sha256Hex } from './key-encoding.util';
import type { KeyCall } from './key-call.interface';

/**
 * Settings of a {@link KeyConstructor}, declared as its static `meta` (a subclass's `meta`
 * extends its base's).
 *
 * @example
 * ```ts
 * class UserKey extends KeyConstructor {
 *   static override meta: KeyConstructorMeta = { namespace: 'users', version: 2 };
 * }
 * ```
 * @publicApi
 */
export interface KeyConstructorMeta {
  /** First segment of every key (letters, digits, `_`, `-`, `.`, `/`). @default '' (none) */
  namespace?: string;
  /**
   * Version of the entries: bump it when the cached value's shape changes. Entries of other
   * versions are never read; `deletePreviousVersions()` removes them. A positive integer up to
   * 10000.
   * @default 1
   */
  version?: number;
  /** Replaces the function id in the key (same characters as `namespace`). @default '' */
  keyIdentifier?: string;
  /** Longest suffix (the non-partition fields) kept as written. @default 250 */
  maxKeySuffixLength?: number;
  /**
   * Replace a suffix longer than `maxKeySuffixLength` by its SHA-256. With `false` an over-long
   * suffix is kept whole (never truncated: truncation would let different calls share a key).
   * @default true
   */
  hashSuffixOnOverflow?: boolean;
}

/** A built key: the key itself, its storage form and the prefixes it is indexed under. */
export interface BuiltCacheKey {
  /** `<namespace>::<function id>::<partition>::<suffix>`. */
  readonly key: string;
  /** The version the entry is stored under. */
  readonly version: number;
  /** The prefix of each partition depth, from the bare function prefix to the full partition. */
  readonly prefixes: readonly string[];
}

const NAME = /^[A-Za-z0-9_.\-/]*$/;
const MAX_VERSION = 10_000;

/** Constructors' wrappers, for `wipe()` and `deletePreviousVersions()`. */
const WRAPPERS = new WeakMap<object, Set<KeyConstructorWrapper>>();

/**
 * What a cached function offers its key constructor: whole-function deletes.
 *
 * @internal
 */
export interface KeyConstructorWrapper {
  invalidateAll(): Promise<number>;
  deleteVersionsBelow(version: number): Promise<number>;
}

/**
 * Declares how the keys of a cached function are built: its properties that are key fields,
 * and its static `meta`. Partition fields (in the order of their property names) form the
 * prefix, the others (same order) the suffix:
 * `<namespace>::<function id>::<partition 1>::...::<suffix>`. A key with no suffix fields ends
 * with `::`, so the prefix `f::user:4::` never matches `user:42`.
 *
 * Everything is checked when the constructor is built (when the function is wrapped, at import).
 *
 * @example
 * ```ts
 * class UserKey extends KeyConstructor {
 *   user = new ArgsKeyField('userId', { partition: true });
 *   scope = new ArgsKeyField('scope');
 *   static override meta: KeyConstructorMeta = { namespace: 'users' };
 * }
 * // getUser({ userId: 1, scope: 'full' }) -> "users::getUser::userId:1::scope:full"
 * ```
 * @publicApi
 */
export class KeyConstructor {
  static meta: KeyConstructorMeta = {};

  /** Partition fields ordered by property name. */
  private partitionFields?: [string, CacheKeyField][];
  /** Suffix fields ordered by property name. */
  private suffixFields?: [string, CacheKeyField][];
  private resolvedMeta?: Required<KeyConstructorMeta>;

  /** Resolves fields and meta; call once (the wrappers do). @throws {RestflowConfigError} */
  init(): this {
    const fields = Object.entries(this)
      .filter((entry): entry is [string, CacheKeyField] => entry[1] instanceof CacheKeyField)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.partitionFields = fields.filter(([, field]) => field.partition);
    this.suffixFields = fields.filter(([, field]) => !field.partition);
    this.resolvedMeta = resolveMeta(this.constructor as typeof KeyConstructor);
    return this;
  }

  /** The resolved meta. */
  get meta(): Required<KeyConstructorMeta> {
    return this.ready().resolvedMeta!;
  }

  /** Names of the partition fields, in key order. */
  get partitionNames(): string[] {
    return this.ready().partitionFields!.map(([name]) => name);
  }

  /** `<namespace>::<function id>::`: what every key of the function starts with. */
  rootPrefix(functionId: string): string {
    const { namespace, keyIdentifier } = this.meta;
    const id = keyIdentifier || escapeKeyText(functionId);
    return namespace ? `${namespace}::${id}::` : `${id}::`;
  }

  /** The key of one call. */
  build(functionId: string, call: KeyCall): BuiltCacheKey {
    this.ready();
    const prefixes = [this.rootPrefix(functionId)];
    for (const [, field] of this.partitionFields!) {
      prefixes.push(`${prefixes[prefixes.length - 1]}${field.keyPart(call)}::`);
    }
    let suffix = this.suffixFields!.map(([, field]) => field.keyPart(call)).join('::');
    const { maxKeySuffixLength, hashSuffixOnOverflow, version } = this.meta;
    if (suffix.length > maxKeySuffixLength && hashSuffixOnOverflow) {
      suffix = sha256Hex(suffix);
    }
    return { key: `${prefixes[prefixes.length - 1]}${suffix}`, version, prefixes };
  }

  /**
   * The prefix that `values` pin down: the root, then each partition field (in key order) that
   * can be computed from `values`, up to the first that cannot. Deleting by it never misses an
   * entry of those values (it may take more when a field in the middle is left out).
   */
  prefixOf(functionId: string, values: Readonly<Record<string, unknown>>): string {
    this.ready();
    let prefix = this.rootPrefix(functionId);
    for (const [, field] of this.partitionFields!) {
      if (!field.canResolve(values)) break;
      prefix += `${field.keyPart({ args: values })}::`;
    }
    return prefix;
  }

  /** Deletes every entry of every function that uses this constructor (any store they use). */
  static async wipe(): Promise<number> {
    let removed = 0;
    for (const wrapper of WRAPPERS.get(this) ?? []) removed += await wrapper.invalidateAll();
    return removed;
  }

  /** Deletes the entries of versions below the current `meta.version`, of every function. */
  static async deletePreviousVersions(): Promise<number> {
    const { version } = resolveMeta(this);
    let removed = 0;
    for (const wrapper of WRAPPERS.get(this) ?? []) {
      removed += await wrapper.deleteVersionsBelow(version);
    }
    return removed;
  }

  /** @internal */
  static registerWrapper(wrapper: KeyConstructorWrapper): void {
    let wrappers = WRAPPERS.get(this);
    if (!wrappers) {
      wrappers = new Set();
      WRAPPERS.set(this, wrappers);
    }
    wrappers.add(wrapper);
  }

  private ready(): this {
    return this.resolvedMeta ? this : this.init();
  }
}

/** A key constructor class. @publicApi */
export type KeyConstructorClass = typeof KeyConstructor;

/**
 * Builds a {@link KeyConstructor} class from a plain object of fields, for one-off use.
 *
 * @example
 * ```ts
 * const SearchKey = InlineKeyConstructor({ q: new ArgsKeyField('q', { hash: true }) }, { keyIdentifier: 'search' });
 * ```
 * @publicApi
 */
export function InlineKeyConstructor(
  fields: Readonly<Record<string, CacheKeyField>>,
  meta: KeyConstructorMeta = {},
): KeyConstructorClass {
  for (const [name, field] of Object.entries(fields)) {
    if (!(field instanceof CacheKeyField)) {
      throw new RestflowConfigError(
        `InlineKeyConstructor.${name}`,
        `InlineKeyConstructor: "${name}" is not a key field. Fix: pass key fields such as ` +
          `new ArgsKeyField('${name}').`,
      );
    }
  }
  const inline = class extends KeyConstructor {
    static override meta = meta;
    constructor() {
      super();
      Object.assign(this, fields);
    }
  };
  Object.defineProperty(inline, 'name', { value: 'InlineKeyConstructor' });
  return inline;
}

/**
 * The constructor of `cacheResult` without `keyConstructor`: every named argument in the
 * suffix (`ArgsKeyField('*')`).
 *
 * @example
 * ```ts
 * cacheResult(loadStats, { keyConstructor: DefaultKeyConstructor });
 * ```
 * @publicApi
 */
export class DefaultKeyConstructor extends KeyConstructor {
  arguments = new ArgsKeyField('*');
}

function resolveMeta(constructor: typeof KeyConstructor): Required<KeyConstructorMeta> {
  const chain: KeyConstructorMeta[] = [];
  for (
    let current: unknown = constructor;
    typeof current === 'function' && current !== Function.prototype;
    current = Object.getPrototypeOf(current)
  ) {
    if (Object.hasOwn(current, 'meta')) chain.unshift((current as typeof KeyConstructor).meta);
  }
  const meta: Required<KeyConstructorMeta> = Object.assign(
    {
      namespace: '',
      version: 1,
      keyIdentifier: '',
      maxKeySuffixLength: 250,
      hashSuffixOnOverflow: true,
    },
    ...chain,
  ) as Required<KeyConstructorMeta>;
  const where = `${constructor.name}.meta`;
  const fail = (option: string, message: string): never => {
    throw new RestflowConfigError(`${where}.${option}`, `Invalid ${where}.${option}: ${message}`);
  };
  for (const option of ['namespace', 'keyIdentifier'] as const) {
    if (typeof meta[option] !== 'string' || !NAME.test(meta[option])) {
      fail(
        option,
        `expected letters, digits, "_", "-", "." or "/", got ${JSON.stringify(meta[option])}. Fix: use a plain name such as "users".`,
      );
    }
  }
  if (!Number.isInteger(meta.version) || meta.version < 1 || meta.version > MAX_VERSION) {
    fail(
      'version',
      `expected an integer from 1 to ${MAX_VERSION}, got ${String(meta.version)}. Fix: use a whole number, e.g. 2.`,
    );
  }
  if (!Number.isInteger(meta.maxKeySuffixLength) || meta.maxKeySuffixLength < 1) {
    fail(
      'maxKeySuffixLength',
      `expected a positive integer, got ${String(meta.maxKeySuffixLength)}. Fix: e.g. 250.`,
    );
  }
  if (typeof meta.hashSuffixOnOverflow !== 'boolean') {
    fail(
      'hashSuffixOnOverflow',
      `expected true or false, got ${String(meta.hashSuffixOnOverflow)}.`,
    );
  }
  return Object.freeze(meta);
}
