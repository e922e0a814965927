import type { CacheRuntime } from '../runtime/cache-runtime';
import { CacheTarget } from '../runtime/cache-target';
import type { InvalidationJob } from './invalidation-job.interface';
import { Logger } from '@nestjs/common';

/**
 * Does the work of one job in one app's runtime: deletes by prefix, deletes everything,
 * rewarms (deleting when the rewarm fails), or calls the rule's invalidator. Dispatchers call
 * it; a BullMQ worker calls it in whatever process runs the worker.
 *
 * @internal
 */
export class InvalidationRunner {
  private readonly logger = new Logger('RestflowCache');

  constructor(private readonly runtime: CacheRuntime) {}

  async run(job: InvalidationJob): Promise<void> {
    const target = CacheTarget.byId(job.targetId);
    const rule = target?.rules[job.ruleIndex];
    if (!target || !rule) {
      throw new Error(
        `Invalidation job for unknown cached function "${job.targetId}" (rule ${job.ruleIndex}): ` +
          `the process running it must load the same cached functions as the app.`,
      );
    }
    switch (job.action) {
      case 'all':
        await target.deleteByPrefixIn(this.runtime, {});
        return;
      case 'delete':
        await target.deleteByPrefixIn(this.runtime, job.values);
        return;
      case 'rewarm':
        try {
          await target.rewarm(this.runtime, job.values);
        } catch (error) {
          this.logger.warn(
            `Rewarming ${job.targetId} failed (${error instanceof Error ? error.message : String(error)}): deleting instead.`,
          );
          await target.deleteByPrefixIn(this.runtime, job.values);
        }
        return;
      case 'invalidator':
        await rule.invalidator?.(
          {
            deleteByPrefix: (values = {}) => target.deleteByPrefixIn(this.runtime, values),
            invalidateAll: () => target.deleteByPrefixIn(this.runtime, {}),
          },
          job.entity ?? undefined,
          { change: job.change, updatedFields: job.updatedFields },
        );
        return;
    }
  }
}
