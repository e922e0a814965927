import { Logger } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { BullMqInvalidationQueue, RedisCacheStore, cachedMethod } from 'nestjs-restflow';
import { startPrivateRedis, type PrivateRedis } from './utils/private-redis';
import { CachedItem } from './fixtures/caching/cached-item.entity';
import {
  FLAKY_CALLS,
  QueuedCachingModule,
  QueuedItemService,
} from './fixtures/caching/queued-item.service';

/**
 * One process of the suite over its own sql.js, its cache and its invalidation queue in
 * `redis`: a web instance (`worker: false`) or the worker process (`worker: true`).
 */
async function boot(
  redis: PrivateRedis,
  namespace: string,
  worker: boolean,
): Promise<{ moduleRef: TestingModule; queue: BullMqInvalidationQueue }> {
  const queue = new BullMqInvalidationQueue({
    url: redis.url,
    queueName: `${namespace}-invalidation`,
    worker,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [
      QueuedCachingModule.forDatabase(
        { type: 'sqljs', entities: [CachedItem], synchronize: true },
        { store: new RedisCacheStore({ url: redis.url, namespace }), bullmq: queue },
      ),
    ],
  }).compile();
  await moduleRef.init();
  await moduleRef
    .get(DataSource)
    .getRepository(CachedItem)
    .save([
      { name: 'one', price: 10, status: 'published' },
      { name: 'two', price: 20, status: 'published' },
      { name: 'three', price: 30, status: 'published' },
    ]);
  return { moduleRef, queue };
}

/** Polls `probe` every 50 ms until it returns true, for at most `ms`. */
async function eventually(probe: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`not reached within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The worker as a process of its own (`queue-worker.main.ts`); resolves once it runs. */
async function startWorkerProcess(redis: PrivateRedis, namespace: string) {
  const child = spawn(
    process.execPath,
    [
      '-r',
      join(__dirname, 'swc-register.js'),
      join(__dirname, 'fixtures', 'caching', 'queue-worker.main.ts'),
    ],
    {
      env: {
        ...process.env,
        REDIS_URL: redis.url,
        CACHE_NAMESPACE: namespace,
        QUEUE_NAME: `${namespace}-invalidation`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await eventually(() => {
    if (child.exitCode !== null) throw new Error(`the worker process exited: ${output}`);
    return Promise.resolve(output.includes('worker ready'));
  }, 60_000);
  return {
    output: () => output,
    async stop() {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}

describe('BullMQ invalidation dispatcher', () => {
  let redis: PrivateRedis;
  let web: { moduleRef: TestingModule; queue: BullMqInvalidationQueue };
  let worker: { moduleRef: TestingModule; queue: BullMqInvalidationQueue } | undefined;
  const namespace = `restflow-bullmq-${randomBytes(6).toString('hex')}`;
  const detail = () => cachedMethod(web.moduleRef.get(QueuedItemService), 'detail');
  const label = () => cachedMethod(web.moduleRef.get(QueuedItemService), 'label');
  const status = async (fn: ReturnType<typeof detail> | ReturnType<typeof label>, id: number) =>
    (await fn.getWithMetadata(id))[1]?.cacheStatus;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    web = await boot(redis, namespace, false);
  });
  afterAll(async () => {
    await worker?.moduleRef.close();
    await web?.moduleRef.close();
    await redis?.destroy();
  });

  it('enqueues after the commit (not before, nothing on a rollback); a worker process of its own runs the job', async () => {
    const dataSource = web.moduleRef.get(DataSource);
    await detail()(1);
    await detail()(2);
    expect(await status(detail(), 1)).toBe('HIT');

    // A rolled-back update enqueues nothing.
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.update(CachedItem, { id: 2 }, { name: 'rolled back' });
        await manager.save(
          Object.assign(new CachedItem(), {
            id: 2,
            name: 'rolled back',
            price: 20,
            status: 'published',
          }),
        );
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await web.queue.pendingCount()).toBe(0);

    // A committed update enqueues its job once the transaction commits, not before.
    await dataSource.transaction(async (manager) => {
      const item = await manager.findOneByOrFail(CachedItem, { id: 1 });
      item.name = 'uno';
      await manager.save(item);
      expect(await web.queue.pendingCount()).toBe(0);
    });
    expect(await web.queue.pendingCount()).toBe(1);
    // No worker runs in the web instance: the entry stays until one does.
    expect(await status(detail(), 1)).toBe('HIT');

    // A worker in a process of its own runs the job.
    const workerProcess = await startWorkerProcess(redis, namespace);
    try {
      await eventually(async () => (await web.queue.pendingCount()) === 0);
      const [fresh, meta] = await detail().getWithMetadata(1);
      expect(meta?.cacheStatus).toBe('MISS');
      expect(fresh?.name).toBe('uno');
      // The entry of the other item was left alone.
      expect(await status(detail(), 2)).toBe('HIT');
    } finally {
      // SIGTERM: the worker closes its worker, queue and clients, then exits.
      expect(await workerProcess.stop()).toBe(0);
      expect(workerProcess.output()).toContain('worker closed');
    }
  });

  it('retries a failing job with backoff until it succeeds (a worker in the app)', async () => {
    worker = await boot(redis, namespace, true);
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      await label()(3);
      expect(await status(label(), 3)).toBe('HIT');
      const repository = web.moduleRef.get(DataSource).getRepository(CachedItem);
      const item = await repository.findOneByOrFail({ id: 3 });
      item.status = 'flaky';
      await repository.save(item);
      await eventually(
        async () => FLAKY_CALLS.length === 2 && (await web.queue.pendingCount()) === 0,
      );
      expect(FLAKY_CALLS).toEqual([3, 3]);
      const [fresh, meta] = await label().getWithMetadata(3);
      expect(meta?.cacheStatus).toBe('MISS');
      expect(fresh).toBe('three (flaky)');
      expect(
        warn.mock.calls.filter(([message]) =>
          String(message).includes('failed (try 1 of 3): flaky invalidator'),
        ),
      ).toHaveLength(1);
    } finally {
      warn.mockRestore();
    }
  });

  it('refuses at boot a bullmq rule without a queue, and bad queue options', async () => {
    await expect(
      Test.createTestingModule({
        imports: [
          QueuedCachingModule.forDatabase(
            { type: 'sqljs', entities: [CachedItem], synchronize: true },
            { store: new RedisCacheStore({ url: redis.url, namespace }) },
          ),
        ],
      })
        .compile()
        .then(async (moduleRef) => {
          try {
            await moduleRef.init();
          } finally {
            await moduleRef.close();
          }
        }),
    ).rejects.toThrow(
      'the "bullmq" dispatcher needs a queue. Fix: RestflowModule.forRoot({ caching: { bullmq: new BullMqInvalidationQueue(',
    );
    expect(() => new BullMqInvalidationQueue({})).toThrow(
      'Invalid BullMqInvalidationQueue option "url": exactly one of "url" and "client" is needed.',
    );
    expect(() => new BullMqInvalidationQueue({ url: redis.url, attempts: 0 })).toThrow(
      'Invalid BullMqInvalidationQueue option "attempts": expected a whole number from 1 to 100, got 0.',
    );
  });
});
