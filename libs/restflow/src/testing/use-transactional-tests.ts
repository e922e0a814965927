import type { DataSource, QueryRunner } from 'typeorm';
import { DataSource as DataSourceClass } from 'typeorm';
import { testHooks } from './test-hooks.util';
import type { RestflowTestingContext } from './use-restflow-testing-app';

/**
 * Runs every test of the file inside one database transaction that is rolled back at its
 * teardown (DRF's `APITestCase`): rows a test writes are gone for the next. Every repository
 * and entity manager of the app joins that transaction (while it runs, the data source hands
 * out the test's query runner), and transactions the code opens become savepoints inside it.
 * Nothing commits, so TypeORM's transaction-commit events (after-commit subscribers, cache
 * invalidation) do not fire: work that must see a real commit needs
 * {@link useRealTransactionTests} instead. Call it after {@link useRestflowTestingApp}.
 *
 * @param dataSource the data source to wrap: by default the app's `DataSource`.
 * @example
 * ```ts
 * const testing = useRestflowTestingApp({ imports: [AppModule] });
 * useTransactionalTests(testing);
 * ```
 * @publicApi
 */
export function useTransactionalTests(
  context: RestflowTestingContext,
  dataSource: (app: RestflowTestingContext['app']) => DataSource = (app) =>
    app.get(DataSourceClass),
): void {
  const hooks = testHooks('useTransactionalTests');
  let restore: (() => Promise<void>) | null = null;
  hooks.beforeEach(async () => {
    restore = await joinOneTransaction(dataSource(context.app));
  });
  hooks.afterEach(async () => {
    const undo = restore;
    restore = null;
    await undo?.();
  });
}

/** Opens a transaction and makes the data source hand out its query runner; resolves the undo. */
async function joinOneTransaction(dataSource: DataSource): Promise<() => Promise<void>> {
  const runner: QueryRunner = dataSource.createQueryRunner();
  await runner.connect();
  // The class's own methods: on sql.js and PGlite the library serializes transactions behind a
  // session lock (serializeTransactions), and a lock held by the test's transaction would make
  // every transaction of the code under test wait for it. Theirs become savepoints instead.
  const unguarded = (name: 'startTransaction' | 'rollbackTransaction') => {
    const method = Reflect.get(
      Object.getPrototypeOf(runner) as object,
      name,
    ) as () => Promise<void>;
    return () => method.call(runner);
  };
  await unguarded('startTransaction')();
  // Nothing the code under test commits is a commit (each is a savepoint of the test's
  // transaction), so after-commit subscribers must not run, as Django's on_commit does not.
  const restoreBroadcast = silenceCommitEvents(runner);
  const release = runner.release.bind(runner);
  const originalCreate = Object.getOwnPropertyDescriptor(dataSource, 'createQueryRunner');
  // Code that "releases" the shared runner must not end the test's transaction.
  runner.release = () => Promise.resolve();
  Object.defineProperty(dataSource, 'createQueryRunner', {
    configurable: true,
    writable: true,
    value: () => runner,
  });
  return async () => {
    if (originalCreate) Object.defineProperty(dataSource, 'createQueryRunner', originalCreate);
    else delete (dataSource as unknown as Record<string, unknown>).createQueryRunner;
    runner.release = release;
    restoreBroadcast();
    try {
      if (runner.isTransactionActive) await unguarded('rollbackTransaction')();
    } finally {
      await runner.release();
    }
  };
}

type Broadcast = (event: string, ...args: unknown[]) => Promise<void>;

/** Drops the transaction-commit events of `runner`'s broadcaster; returns the undo. */
function silenceCommitEvents(runner: QueryRunner): () => void {
  const broadcaster = (runner as unknown as { broadcaster?: { broadcast?: Broadcast } })
    .broadcaster;
  if (!broadcaster || typeof broadcaster.broadcast !== 'function') return () => undefined;
  const own = Object.prototype.hasOwnProperty.call(broadcaster, 'broadcast');
  const broadcast = broadcaster.broadcast;
  broadcaster.broadcast = function (this: unknown, event: string, ...args: unknown[]) {
    if (event === 'BeforeTransactionCommit' || event === 'AfterTransactionCommit') {
      return Promise.resolve();
    }
    return broadcast.call(this, event, ...args);
  };
  return () => {
    if (own) broadcaster.broadcast = broadcast;
    else delete broadcaster.broadcast;
  };
}
