import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import { Dispatcher } from './dispatcher';
import { BullMqInvalidationQueue, type BullMqJobSettings } from './bullmq-invalidation.queue';
import type { InvalidationJob } from '../invalidation/invalidation-job.interface';

/**
 * The `bullmq` dispatcher: after the commit, adds the job to the app's
 * {@link BullMqInvalidationQueue} (the write waits for the add, not for the work); a worker runs
 * it, retrying on failure. A rule's `dispatcherConfig` may set `attempts` and `backoffMs`.
 *
 * @example
 * ```ts
 * new InvalidationRule({
 *   entity: Product,
 *   fieldMapping: { id: 'id' },
 *   dispatcher: 'bullmq',
 *   dispatcherConfig: { attempts: 10, backoffMs: 1000 },
 * });
 * ```
 * @internal
 */
export class BullMqDispatcher extends Dispatcher {
  private readonly settings: BullMqJobSettings;

  constructor(
    config: Readonly<Record<string, unknown>>,
    private readonly queue: BullMqInvalidationQueue,
    where: string,
  ) {
    super(config);
    const unknown = Object.keys(config).find((key) => key !== 'attempts' && key !== 'backoffMs');
    const fail = (option: string, message: string): never => {
      throw new RestflowConfigError(
        'InvalidationRule.dispatcherConfig',
        `${where}: invalid dispatcherConfig.${option} of the bullmq dispatcher: ${message}`,
      );
    };
    if (unknown !== undefined) {
      fail(unknown, 'the bullmq dispatcher takes only "attempts" and "backoffMs". Fix: remove it.');
    }
    this.settings = BullMqInvalidationQueue.jobSettings(config, queue.defaults, fail);
  }

  dispatch(job: InvalidationJob): Promise<void> {
    return this.queue.add(job, this.settings);
  }
}
