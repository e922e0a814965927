import { Dispatcher } from './dispatcher';
import type { InvalidationJob } from '../invalidation/invalidation-job.interface';

/**
 * Runs the work right after the commit and awaits it: the write's `save()` resolves once the
 * cache is invalidated. The default.
 *
 * @example
 * ```ts
 * new InvalidationRule({ entity: Product, fieldMapping: { id: 'id' }, dispatcher: 'inline' });
 * ```
 * @publicApi
 */
export class InlineDispatcher extends Dispatcher {
  async dispatch(
    job: InvalidationJob,
    run: (job: InvalidationJob) => Promise<void>,
  ): Promise<void> {
    await run(job);
  }
}
