import type { InvalidationJob } from '../invalidation/invalidation-job.interface';

/**
 * Runs the invalidation work of a rule: `dispatch(job, run)` decides where and when
 * `run(job)` happens. Dispatchers are called after the commit of the write. Register your own
 * with `forRoot({ caching: { dispatchers: { name: MyDispatcher } } })`; it is built once per app
 * and rule configuration with the rule's `dispatcherConfig`.
 *
 * @example
 * ```ts
 * class LoggedDispatcher extends Dispatcher {
 *   async dispatch(job: InvalidationJob, run: (job: InvalidationJob) => Promise<void>) {
 *     console.log('invalidating', job.targetId);
 *     await run(job);
 *   }
 * }
 * ```
 * @publicApi
 */
export abstract class Dispatcher {
  constructor(readonly config: Readonly<Record<string, unknown>> = {}) {}

  /** Runs (or queues) `job`. Rejecting reaches the writer only with `raiseException`. */
  abstract dispatch(
    job: InvalidationJob,
    run: (job: InvalidationJob) => Promise<void>,
  ): Promise<void>;

  /** Releases what the dispatcher opened (queues, connections), at shutdown. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** A dispatcher class. @publicApi */
export type DispatcherClass = new (config: Readonly<Record<string, unknown>>) => Dispatcher;
