import { Logger } from '@nestjs/common';
import type {
  EntitySubscriberInterface,
  InsertEvent,
  QueryRunner,
  RemoveEvent,
  SoftRemoveEvent,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  UpdateEvent,
} from 'typeorm';
import { resolvePath } from '../keys/resolve-path.util';
import type { Dispatcher } from '../dispatchers/dispatcher';
import type { CacheTarget } from '../runtime/cache-target';
import type { InvalidationJob } from './invalidation-job.interface';
import type { EntityChange, InvalidationRule } from './invalidation-rule';
import type { InvalidationRunner } from './invalidation.runner';

/** A rule with what runs it. @internal */
export interface BoundRule {
  target: CacheTarget;
  rule: InvalidationRule;
  index: number;
  dispatcher: Dispatcher;
}

/** Where a transaction keeps the jobs of its writes until it commits. */
const PENDING = Symbol('restflow:pending-invalidations');

interface Pending {
  bound: BoundRule;
  job: InvalidationJob;
}

/**
 * The TypeORM subscriber of one app: turns inserts, updates, removes and soft removes of
 * entities with rules into jobs, gated by each rule; keeps them on the transaction's query
 * runner until the outermost commit, drops them on a rollback, and hands them to the rules'
 * dispatchers. A write outside a transaction is already committed: its jobs run at once.
 *
 * @internal
 */
export class InvalidationSubscriber implements EntitySubscriberInterface {
  private readonly logger = new Logger('RestflowCache');

  constructor(
    private readonly rules: ReadonlyMap<unknown, readonly BoundRule[]>,
    private readonly runner: InvalidationRunner,
  ) {}

  afterInsert(event: InsertEvent<object>): Promise<void> {
    return this.collect(
      event.queryRunner,
      event.metadata.target,
      'insert',
      event.entity,
      null,
      true,
    );
  }

  afterUpdate(event: UpdateEvent<object>): Promise<void> {
    // The query builder's update() loads nothing: no database entity, no updated columns.
    const loaded = event.databaseEntity !== undefined && event.entity !== undefined;
    const updated = loaded ? event.updatedColumns.map((column) => column.propertyPath) : null;
    return this.collect(
      event.queryRunner,
      event.metadata.target,
      'update',
      loaded ? event.entity : undefined,
      updated,
      loaded,
    );
  }

  afterRemove(event: RemoveEvent<object>): Promise<void> {
    return this.removed(event, 'remove');
  }

  afterSoftRemove(event: SoftRemoveEvent<object>): Promise<void> {
    return this.removed(event, 'softRemove');
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    // A released savepoint is not a commit: wait for the outermost one.
    if (event.queryRunner.isTransactionActive) return;
    const pending = this.take(event.queryRunner);
    for (const { bound, job } of pending) await this.dispatch(bound, job);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    // Rolling back to a savepoint keeps the outer work (invalidating more is safe).
    if (!event.queryRunner.isTransactionActive) this.take(event.queryRunner);
  }

  private removed(event: RemoveEvent<object> | SoftRemoveEvent<object>, change: EntityChange) {
    const entity = (event.databaseEntity ?? event.entity) as Record<string, unknown> | undefined;
    const withId =
      entity && event.entityId !== undefined && typeof event.entityId === 'object'
        ? { ...entity, ...(event.entityId as object) }
        : entity;
    return this.collect(event.queryRunner, event.metadata.target, change, withId, null, !!entity);
  }

  private async collect(
    queryRunner: QueryRunner,
    entityClass: unknown,
    change: EntityChange,
    entity: object | undefined,
    updatedFields: string[] | null,
    loaded: boolean,
  ): Promise<void> {
    const rules = this.rules.get(entityClass);
    if (!rules) return;
    const jobs: Pending[] = [];
    for (const bound of rules) {
      const job = this.jobOf(
        bound,
        change,
        loaded ? (entity as Record<string, unknown>) : undefined,
        updatedFields,
      );
      if (job) jobs.push({ bound, job });
    }
    if (jobs.length === 0) return;
    if (queryRunner?.isTransactionActive) {
      const data = queryRunner.data as Record<symbol, Pending[] | undefined>;
      (data[PENDING] ??= []).push(...jobs);
      return;
    }
    for (const { bound, job } of jobs) await this.dispatch(bound, job);
  }

  /** The job of one rule for one change, or `undefined` when a gate says no. */
  private jobOf(
    { target, rule, index }: BoundRule,
    change: EntityChange,
    entity: Record<string, unknown> | undefined,
    updatedFields: string[] | null,
  ): InvalidationJob | undefined {
    if (change === 'insert' && !rule.triggerOnCreate) return undefined;
    if (change === 'update' && rule.watchFields && updatedFields) {
      if (!rule.watchFields.some((field) => updatedFields.includes(field))) return undefined;
    }
    if (entity && !matches(entity, rule.invalidateWhen)) return undefined;
    const base = { targetId: target.id, ruleIndex: index, change, updatedFields, values: {} };
    if (rule.invalidator) {
      return { ...base, action: 'invalidator', entity: entity ? plain(entity) : null };
    }
    if (!rule.fieldMapping || !entity) {
      // No mapping, or a query-builder write with no entity to map: every entry.
      return { ...base, action: 'all', entity: null };
    }
    const values: Record<string, unknown> = {};
    const required =
      rule.requireArgs === true
        ? Object.keys(rule.fieldMapping)
        : rule.requireArgs === false
          ? []
          : rule.requireArgs;
    for (const [name, path] of Object.entries(rule.fieldMapping)) {
      const value = resolvePath(entity, path);
      if (value === undefined || value === null) {
        if (required.includes(name)) return undefined;
      }
      values[name] = value ?? null;
    }
    return { ...base, action: rule.rewarm ? 'rewarm' : 'delete', values, entity: null };
  }

  private async dispatch(bound: BoundRule, job: InvalidationJob): Promise<void> {
    try {
      await bound.dispatcher.dispatch(job, (queued) => this.runner.run(queued));
    } catch (error) {
      if (bound.rule.raiseException) throw error;
      this.logger.error(
        `Invalidation of ${job.targetId} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private take(queryRunner: QueryRunner): Pending[] {
    const data = queryRunner.data as Record<symbol, Pending[] | undefined>;
    const pending = data[PENDING] ?? [];
    delete data[PENDING];
    return pending;
  }
}

/** Whether every `invalidateWhen` entry matches (`!name` negates; `null` tests for null). */
function matches(entity: Record<string, unknown>, conditions: Readonly<Record<string, unknown>>) {
  return Object.entries(conditions).every(([name, expected]) => {
    const negate = name.startsWith('!');
    const actual = resolvePath(entity, negate ? name.slice(1) : name);
    const equal = expected === null ? actual === null || actual === undefined : actual === expected;
    return negate ? !equal : equal;
  });
}

/** A JSON-safe copy of an entity's own data, for invalidators and queues. */
function plain(entity: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(entity)) as Record<string, unknown>;
}
