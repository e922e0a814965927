import { Logger } from '@nestjs/common';
import type * as KeyvRedisModule from '@keyv/redis';
import type * as BullMqModule from 'bullmq';
import { loadOptionalDependency } from '../../core/optional-dependency.util';
import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import type { InvalidationJob } from '../invalidation/invalidation-job.interface';

/**
 * Options of {@link BullMqInvalidationQueue}.
 *
 * @example
 * ```ts
 * new BullMqInvalidationQueue({ url: process.env.REDIS_URL, worker: process.env.ROLE !== 'web' });
 * ```
 * @publicApi
 */
export interface BullMqInvalidationQueueOptions {
  /**
   * Redis URL: the queue opens (and closes) its own node-redis clients. Exactly one of `url`
   * and `client`.
   */
  url?: string;
  /**
   * A Redis client the app owns and BullMQ accepts (a node-redis v5 client, or an ioredis
   * instance with `maxRetriesPerRequest: null` when `ioredis` is installed); the queue never
   * closes it, and the worker uses a duplicate of it for its blocking reads.
   */
  client?: object;
  /** Name of the BullMQ queue; every process that shares it must use the same. @default 'restflow-cache-invalidation' */
  queueName?: string;
  /** Prefix of BullMQ's Redis keys. @default 'bull' */
  prefix?: string;
  /**
   * Run the worker in this app: `false` in the web instances when a separate process (a Nest
   * application context with the same modules and this option `true`) runs it.
   * @default true
   */
  worker?: boolean;
  /** Jobs the worker of this process runs at once. @default 1 */
  concurrency?: number;
  /** Tries of a job before it is given up (and logged); a rule's `dispatcherConfig` may override it. @default 5 */
  attempts?: number;
  /** Wait before the first retry, doubled at each further one, in milliseconds. @default 500 */
  backoffMs?: number;
}

/** Job options of one rule: `dispatcherConfig` of a rule with `dispatcher: 'bullmq'`. @internal */
export interface BullMqJobSettings {
  attempts: number;
  backoffMs: number;
}

/** Name of every job on the queue (the queue carries only invalidations). */
const JOB_NAME = 'invalidate';

/**
 * The Redis-backed queue of the `bullmq` invalidation dispatcher, and optionally its worker:
 * rules with `dispatcher: 'bullmq'` add a job after the commit of a write; a worker (in this app
 * or in another process over the same Redis) runs it, retrying a failing job with exponential
 * backoff. Hand it to `forRoot({ caching: { bullmq } })`; the module starts the worker at boot
 * and closes the worker, the queue and the clients it opened at shutdown. Needs the optional
 * package `bullmq` (and `@keyv/redis` for `url`).
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({
 *   caching: {
 *     store: new RedisCacheStore({ url: process.env.REDIS_URL }),
 *     bullmq: new BullMqInvalidationQueue({ url: process.env.REDIS_URL }),
 *   },
 * });
 * // a rule: new InvalidationRule({ entity: Product, fieldMapping: { id: 'id' }, dispatcher: 'bullmq' })
 * ```
 * @publicApi
 */
export class BullMqInvalidationQueue {
  readonly queueName: string;
  readonly prefix: string;
  readonly runsWorker: boolean;
  /** Job options of rules that set none. */
  readonly defaults: BullMqJobSettings;
  private readonly concurrency: number;
  private readonly bullmq: typeof BullMqModule;
  private readonly connection: object;
  private readonly ownedClient?: { isOpen: boolean; destroy(): void };
  private readonly logger = new Logger('RestflowCache');
  private queue?: BullMqModule.Queue<InvalidationJob>;
  private worker?: BullMqModule.Worker<InvalidationJob>;
  private lastError?: { message: string; at: number };

  constructor(options: BullMqInvalidationQueueOptions) {
    const fail = (option: string, message: string): never => {
      throw new RestflowConfigError(
        `caching.bullmq.${option}`,
        `Invalid BullMqInvalidationQueue option "${option}": ${message}`,
      );
    };
    if (typeof options !== 'object' || options === null) {
      fail('url', 'expected an options object. Fix: new BullMqInvalidationQueue({ url }).');
    }
    if ((options.url === undefined) === (options.client === undefined)) {
      fail(
        'url',
        'exactly one of "url" and "client" is needed. Fix: new BullMqInvalidationQueue({ url: "redis://127.0.0.1:6379" }).',
      );
    }
    if (options.url !== undefined && (typeof options.url !== 'string' || options.url === '')) {
      fail('url', `expected a Redis URL, got ${JSON.stringify(options.url)}.`);
    }
    if (options.client !== undefined && (typeof options.client !== 'object' || !options.client)) {
      fail('client', 'expected a Redis client instance (node-redis or ioredis).');
    }
    const name = (option: 'queueName' | 'prefix', fallback: string): string => {
      const value = options[option] ?? fallback;
      if (typeof value !== 'string' || !/^[\w.-]+$/.test(value)) {
        fail(
          option,
          `expected letters, digits, ".", "_" or "-", got ${JSON.stringify(value)}. Fix: e.g. "${fallback}".`,
        );
      }
      return value;
    };
    this.queueName = name('queueName', 'restflow-cache-invalidation');
    this.prefix = name('prefix', 'bull');
    if (options.worker !== undefined && typeof options.worker !== 'boolean') {
      fail('worker', `expected true or false, got ${JSON.stringify(options.worker)}.`);
    }
    this.runsWorker = options.worker ?? true;
    this.concurrency = positiveInteger(options.concurrency, 1, 'concurrency', 1, 100, fail);
    this.defaults = BullMqInvalidationQueue.jobSettings(
      { attempts: options.attempts, backoffMs: options.backoffMs },
      { attempts: 5, backoffMs: 500 },
      (option, message) => fail(option, message),
    );
    const feature = 'BullMqInvalidationQueue (caching.bullmq)';
    this.bullmq = loadOptionalDependency<typeof BullMqModule>('bullmq', feature, 'caching.bullmq');
    if (options.url !== undefined) {
      const { createClient } = loadOptionalDependency<typeof KeyvRedisModule>(
        '@keyv/redis',
        feature,
        'caching.bullmq',
      );
      const client = createClient({
        url: options.url,
        // A write must not wait for Redis: while it is down, adding a job fails at once.
        disableOfflineQueue: true,
        socket: { reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000) },
      });
      client.on('error', () => undefined);
      this.connection = client;
      this.ownedClient = client;
    } else {
      this.connection = options.client as object;
    }
  }

  /**
   * Attempts and backoff from `given` (a rule's `dispatcherConfig`, or the queue's options),
   * each missing one from `fallback`.
   *
   * @internal
   */
  static jobSettings(
    given: { attempts?: unknown; backoffMs?: unknown },
    fallback: BullMqJobSettings,
    fail: (option: string, message: string) => never,
  ): BullMqJobSettings {
    return {
      attempts: positiveInteger(given.attempts, fallback.attempts, 'attempts', 1, 100, fail),
      backoffMs: positiveInteger(
        given.backoffMs,
        fallback.backoffMs,
        'backoffMs',
        0,
        3_600_000,
        fail,
      ),
    };
  }

  /**
   * Connects the queue and, with `worker`, starts the worker, which hands each job to `run`.
   * Waits at most `timeoutMs` for Redis; a Redis that is down is logged and retried in the
   * background.
   *
   * @internal
   */
  async start(run: (job: InvalidationJob) => Promise<void>, timeoutMs: number): Promise<void> {
    if (this.queue) return;
    const ownedClient = this.ownedClient as
      { isOpen: boolean; connect(): Promise<unknown> } | undefined;
    if (ownedClient && !ownedClient.isOpen) ownedClient.connect().catch(() => undefined);
    const { Queue, Worker } = this.bullmq;
    const common = {
      connection: this.connection as BullMqModule.ConnectionOptions,
      prefix: this.prefix,
    };
    this.queue = new Queue<InvalidationJob>(this.queueName, common);
    this.queue.on('error', (error) => this.logError('queue', error));
    if (this.runsWorker) {
      this.worker = new Worker<InvalidationJob>(this.queueName, (job) => run(job.data), {
        ...common,
        concurrency: this.concurrency,
      });
      this.worker.on('error', (error) => this.logError('worker', error));
      this.worker.on('failed', (job, error) => {
        if (!job) return;
        const final = job.attemptsMade >= (job.opts.attempts ?? 1);
        const message =
          `Invalidation job of ${job.data.targetId} failed (try ${job.attemptsMade} of ` +
          `${job.opts.attempts ?? 1}): ${error.message}` +
          (final ? '; given up.' : '; retrying.');
        if (final) this.logger.error(message);
        else this.logger.warn(message);
      });
    }
    const ready = Promise.all([this.queue.waitUntilReady(), this.worker?.waitUntilReady()]);
    const timedOut = Symbol('timeout');
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      ready.then(
        () => undefined,
        (error: unknown) => error,
      ),
      new Promise<symbol>((resolve) => {
        timer = setTimeout(() => resolve(timedOut), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (outcome !== undefined) {
      this.logger.warn(
        `The BullMQ invalidation queue "${this.queueName}" is not connected yet ` +
          `(${outcome === timedOut ? `no answer in ${timeoutMs} ms` : errorMessage(outcome)}): ` +
          `invalidations of rules with dispatcher "bullmq" fail (and are logged) until Redis answers.`,
      );
    }
  }

  /** Adds one job, with the rule's attempts and exponential backoff. @internal */
  async add(job: InvalidationJob, settings: BullMqJobSettings): Promise<void> {
    if (!this.queue) {
      throw new Error(
        `The BullMQ invalidation queue "${this.queueName}" is not started: it is started by the ` +
          `RestflowModule it is configured in, at boot.`,
      );
    }
    await this.queue.add(JOB_NAME, job, {
      attempts: settings.attempts,
      backoff: { type: 'exponential', delay: settings.backoffMs },
      removeOnComplete: true,
      removeOnFail: { count: 1000 },
    });
  }

  /**
   * Jobs waiting, delayed or running right now (tests, health checks).
   *
   * @example
   * ```ts
   * await queue.pendingCount(); // 0 once the worker caught up
   * ```
   */
  async pendingCount(): Promise<number> {
    if (!this.queue) return 0;
    return this.queue.getJobCountByTypes('waiting', 'delayed', 'active', 'prioritized');
  }

  /**
   * Stops the worker (letting the running jobs finish), the queue, and the clients the queue
   * opened. Called by the module at shutdown.
   *
   * @internal
   */
  async close(): Promise<void> {
    const worker = this.worker;
    const queue = this.queue;
    this.worker = undefined;
    this.queue = undefined;
    await worker?.close();
    await queue?.close();
    if (this.ownedClient?.isOpen) this.ownedClient.destroy();
  }

  /** Logs a connection error, once per message and minute (an outage repeats it per retry). */
  private logError(part: string, error: Error): void {
    const message = `BullMQ invalidation ${part} "${this.queueName}": ${error.message}`;
    const now = Date.now();
    if (this.lastError?.message === message && now - this.lastError.at < 60_000) return;
    this.lastError = { message, at: now };
    this.logger.error(message);
  }
}

function positiveInteger(
  value: unknown,
  fallback: number,
  option: string,
  min: number,
  max: number,
  fail: (option: string, message: string) => never,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(option, `expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}.`);
  }
  return value;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
