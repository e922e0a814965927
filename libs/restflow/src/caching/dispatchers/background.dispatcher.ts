import { Logger } from '@nestjs/common';
import { Dispatcher } from './dispatcher';
import type { InvalidationJob } from '../invalidation/invalidation-job.interface';

/** Work in flight of every background dispatcher, awaited by `drainBackgroundInvalidations`. */
const RUNNING = new Set<Promise<void>>();

/**
 * Runs the work after the commit on the event loop, without making the write wait; errors are
 * logged. The app finishes pending work at shutdown.
 *
 * @example
 * ```ts
 * new InvalidationRule({ entity: Product, fieldMapping: { id: 'id' }, dispatcher: 'background' });
 * ```
 * @publicApi
 */
export class BackgroundDispatcher extends Dispatcher {
  private readonly logger = new Logger('RestflowCache');

  dispatch(job: InvalidationJob, run: (job: InvalidationJob) => Promise<void>): Promise<void> {
    const task: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => run(job))
      .catch((error: unknown) => {
        this.logger.error(
          `Background invalidation of ${job.targetId} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      })
      .finally(() => RUNNING.delete(task));
    RUNNING.add(task);
    return Promise.resolve();
  }

  override async close(): Promise<void> {
    await drainBackgroundInvalidations();
  }
}

/**
 * Resolves once every background invalidation started so far has finished (tests, shutdown).
 *
 * @example
 * ```ts
 * await repository.save(product);
 * await drainBackgroundInvalidations();
 * ```
 * @publicApi
 */
export async function drainBackgroundInvalidations(): Promise<void> {
  while (RUNNING.size > 0) await Promise.allSettled([...RUNNING]);
}
