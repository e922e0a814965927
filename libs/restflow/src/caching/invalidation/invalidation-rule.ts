import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import type { DispatcherClass } from '../dispatchers/dispatcher';

/** What changed an entity. @publicApi */
export type EntityChange = 'insert' | 'update' | 'remove' | 'softRemove';

/**
 * What an `invalidator` function receives besides the cache target.
 *
 * @example
 * ```ts
 * const invalidator: Invalidator = async (target, entity, { change }) => {
 *   await target.deleteByPrefix({ categoryId: entity?.categoryId });
 * };
 * ```
 * @publicApi
 */
export interface InvalidationContext {
  change: EntityChange;
  /** Properties an update changed (repository saves), `null` when unknown. */
  updatedFields: readonly string[] | null;
}

/** The deletes an `invalidator` may call on its cached function or response. @publicApi */
export interface InvalidationTarget {
  /** Deletes every entry whose partition starts with `values` (by name). */
  deleteByPrefix(values?: Readonly<Record<string, unknown>>): Promise<number>;
  invalidateAll(): Promise<number>;
}

/** A function that owns the invalidation work of a rule. @publicApi */
export type Invalidator = (
  target: InvalidationTarget,
  entity: Record<string, unknown> | undefined,
  context: InvalidationContext,
) => Promise<unknown> | void;

/**
 * Options of an {@link InvalidationRule}.
 *
 * @example
 * ```ts
 * new InvalidationRule({ entity: Product, fieldMapping: { id: 'id' }, watchFields: ['price'] });
 * ```
 * @publicApi
 */
export interface InvalidationRuleOptions {
  /** The entity class whose inserts, updates and removes trigger the rule. */
  entity: abstract new (...args: never[]) => unknown;
  /**
   * Argument (or route parameter) name -> dotted path on the entity: the partition values of
   * `deleteByPrefix`. Without it (and without `invalidator`) the rule deletes every entry.
   */
  fieldMapping?: Readonly<Record<string, string>>;
  /**
   * `true`: every mapped value must be non-null, else the rule is skipped; `false`: nulls are
   * passed; a list: only those must be non-null. @default true
   */
  requireArgs?: boolean | readonly string[];
  /** Run on inserts too. @default false */
  triggerOnCreate?: boolean;
  /**
   * Run on an update only when one of these properties changed (TypeORM's updated columns of a
   * repository save). Inserts and removes are not gated. `invalidateWhen` still applies.
   */
  watchFields?: readonly string[];
  /**
   * Run only when every entry matches the entity: `{ status: 'published' }`; a `!` prefix
   * negates (`{ '!status': 'draft' }`); `null` tests for null.
   */
  invalidateWhen?: Readonly<Record<string, unknown>>;
  /** A function that does the work instead of `fieldMapping` (exclusive with it). */
  invalidator?: Invalidator;
  /** Recompute the entry instead of deleting it; on error, delete. @default false */
  rewarm?: boolean;
  /** Where the work runs: `inline`, `background`, `bullmq`, a registered name or a class. @default 'inline' */
  dispatcher?: string | DispatcherClass;
  /** Settings of the dispatcher (such as `{ queue: 'cache' }` for bullmq). @default {} */
  dispatcherConfig?: Readonly<Record<string, unknown>>;
  /**
   * Let an error of the work reach the code that wrote the entity (inline dispatcher: the
   * `save()` rejects after its commit). Otherwise errors are logged. @default false
   */
  raiseException?: boolean;
}

/**
 * Connects entity writes to a cached function or response: after a commit that inserted
 * (with `triggerOnCreate`), updated or removed an entity, the entries its `fieldMapping` points
 * at are deleted (or rewarmed). Nothing runs after a rollback. Writes through the query builder
 * carry no loaded entity: a rule with `fieldMapping` then deletes every entry of its function,
 * since it cannot tell which ones the write touched.
 *
 * @example
 * ```ts
 * @CacheResult({
 *   keyConstructor: ProductKey,
 *   invalidatesOn: [new InvalidationRule({ entity: Product, fieldMapping: { productId: 'id' } })],
 * })
 * async productDetail({ productId }: { productId: number }) { ... }
 * ```
 * @publicApi
 */
export class InvalidationRule {
  readonly entity: abstract new (...args: never[]) => unknown;
  readonly fieldMapping: Readonly<Record<string, string>> | undefined;
  readonly requireArgs: boolean | readonly string[];
  readonly triggerOnCreate: boolean;
  readonly watchFields: readonly string[] | undefined;
  readonly invalidateWhen: Readonly<Record<string, unknown>>;
  readonly invalidator: Invalidator | undefined;
  readonly rewarm: boolean;
  readonly dispatcher: string | DispatcherClass;
  readonly dispatcherConfig: Readonly<Record<string, unknown>>;
  readonly raiseException: boolean;

  constructor(options: InvalidationRuleOptions) {
    const fail = (option: string, message: string): never => {
      throw new RestflowConfigError(
        `InvalidationRule.${option}`,
        `InvalidationRule.${option}: ${message}`,
      );
    };
    if (typeof options?.entity !== 'function') {
      fail(
        'entity',
        'expected an entity class. Fix: new InvalidationRule({ entity: Product, ... }).',
      );
    }
    if (options.invalidator && options.fieldMapping) {
      fail(
        'invalidator',
        'invalidator and fieldMapping are exclusive: the invalidator owns the work. Fix: keep one.',
      );
    }
    if (options.invalidator !== undefined && typeof options.invalidator !== 'function') {
      fail('invalidator', `expected a function, got ${typeof options.invalidator}.`);
    }
    if (options.rewarm && !options.fieldMapping) {
      fail('rewarm', 'rewarm recomputes the entry of the mapped values: it needs a fieldMapping.');
    }
    this.entity = options.entity;
    this.fieldMapping = options.fieldMapping ? { ...options.fieldMapping } : undefined;
    this.requireArgs = options.requireArgs ?? true;
    this.triggerOnCreate = options.triggerOnCreate ?? false;
    this.watchFields = options.watchFields ? [...options.watchFields] : undefined;
    this.invalidateWhen = { ...(options.invalidateWhen ?? {}) };
    this.invalidator = options.invalidator;
    this.rewarm = options.rewarm ?? false;
    this.dispatcher = options.dispatcher ?? 'inline';
    this.dispatcherConfig = { ...(options.dispatcherConfig ?? {}) };
    this.raiseException = options.raiseException ?? false;
  }
}
