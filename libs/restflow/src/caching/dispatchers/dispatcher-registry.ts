import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import { BackgroundDispatcher } from './background.dispatcher';
import { Dispatcher, type DispatcherClass } from './dispatcher';
import { InlineDispatcher } from './inline.dispatcher';
import { BullMqDispatcher } from './bullmq.dispatcher';
import type { BullMqInvalidationQueue } from './bullmq-invalidation.queue';

/**
 * One app's dispatchers: the built-in `inline` and `background`, `bullmq` when
 * `forRoot({ caching: { bullmq } })` sets a queue, and those registered in
 * `forRoot({ caching: { dispatchers } })`; one instance per class and configuration.
 *
 * @internal
 */
export class DispatcherRegistry {
  private readonly classes: Record<string, DispatcherClass>;
  private readonly instances = new Map<string, Dispatcher>();

  constructor(
    registered: Readonly<Record<string, DispatcherClass>>,
    private readonly bullmq: BullMqInvalidationQueue | null = null,
  ) {
    this.classes = Object.assign(Object.create(null) as Record<string, DispatcherClass>, {
      inline: InlineDispatcher,
      background: BackgroundDispatcher,
      ...registered,
    });
  }

  /** The dispatcher of a rule. @throws {RestflowConfigError} for an unknown name. */
  resolve(
    spec: string | DispatcherClass,
    config: Readonly<Record<string, unknown>>,
    where: string,
  ): Dispatcher {
    if (spec === 'bullmq' && !('bullmq' in this.classes))
      return this.bullMqDispatcher(config, where);
    const cls = typeof spec === 'string' ? this.classes[spec] : spec;
    if (typeof cls !== 'function' || !(cls.prototype instanceof Dispatcher)) {
      throw new RestflowConfigError(
        'InvalidationRule.dispatcher',
        `${where}: unknown dispatcher ${typeof spec === 'string' ? `"${spec}"` : 'class'}. ` +
          `Registered: ${Object.keys(this.classes).join(', ')}. Fix: use one of them, or register ` +
          `yours in RestflowModule.forRoot({ caching: { dispatchers: { name: YourDispatcher } } }) ` +
          `(a class that extends Dispatcher).`,
      );
    }
    return this.instance(typeof spec === 'string' ? spec : cls.name, config, () => new cls(config));
  }

  private bullMqDispatcher(config: Readonly<Record<string, unknown>>, where: string): Dispatcher {
    if (!this.bullmq) {
      throw new RestflowConfigError(
        'InvalidationRule.dispatcher',
        `${where}: the "bullmq" dispatcher needs a queue. Fix: RestflowModule.forRoot({ caching: ` +
          `{ bullmq: new BullMqInvalidationQueue({ url: process.env.REDIS_URL }) } }).`,
      );
    }
    const queue = this.bullmq;
    return this.instance('bullmq', config, () => new BullMqDispatcher(config, queue, where));
  }

  /** The one dispatcher of a name and configuration, created on first use. */
  private instance(
    name: string,
    config: Readonly<Record<string, unknown>>,
    create: () => Dispatcher,
  ): Dispatcher {
    const id = `${name}:${JSON.stringify(config)}`;
    let instance = this.instances.get(id);
    if (!instance) {
      instance = create();
      this.instances.set(id, instance);
    }
    return instance;
  }

  async close(): Promise<void> {
    for (const dispatcher of this.instances.values()) await dispatcher.close();
  }
}
