import type { EntityChange } from './invalidation-rule';

/**
 * One unit of invalidation work, as dispatchers carry it (plain JSON, so that a queue can).
 *
 * @example
 * ```ts
 * const job: InvalidationJob = { targetId: 'ProductService.detail', ruleIndex: 0, action: 'delete', values: { productId: 5 }, change: 'update', updatedFields: ['price'], entity: null };
 * ```
 * @publicApi
 */
export interface InvalidationJob {
  /** Id of the cached function or response. */
  targetId: string;
  /** Index of the rule in its `invalidatesOn`. */
  ruleIndex: number;
  /** `delete` by prefix, `rewarm`, `all` (every entry), or run the rule's `invalidator`. */
  action: 'delete' | 'rewarm' | 'all' | 'invalidator';
  /** Partition values by name (`delete`, `rewarm`). */
  values: Record<string, unknown>;
  change: EntityChange;
  updatedFields: string[] | null;
  /** A plain copy of the entity (for invalidators), `null` when there was none. */
  entity: Record<string, unknown> | null;
}
