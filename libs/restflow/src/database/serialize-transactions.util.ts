import type { DataSource, QueryRunner } from 'typeorm';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { SessionLock } from './session-lock';
import { isSingleSessionDataSource } from './single-session.util';

const LOCKS = new WeakMap<DataSource, SessionLock>();

/**
 * Options of {@link serializeTransactions}.
 *
 * @example
 * ```ts
 * const options: SerializeTransactionsOptions = { lockTimeoutMs: 5_000 };
 * serializeTransactions(dataSource, options);
 * ```
 * @publicApi
 */
export interface SerializeTransactionsOptions {
  /**
   * How long a transaction or query waits for the open transaction to end before it fails with
   * 503 `service_unavailable` (`ServiceUnavailable`); the waiting request gives up, the open
   * transaction goes on.
   * @default 10000
   */
  lockTimeoutMs?: number;
}

type AnyFunction = (...args: unknown[]) => Promise<unknown>;
/** The fields of TypeORM's query runners that the wrappers read or reset. */
type RunnerState = Omit<QueryRunner, 'isTransactionActive' | 'broadcaster'> & {
  isTransactionActive: boolean;
  transactionDepth: number;
  isDirty?: boolean;
  broadcaster: object;
  loadedTables: unknown[];
  sqlMemoryMode: boolean;
  sqlInMemory: { upQueries: unknown[]; downQueries: unknown[] };
};

/**
 * Serializes the transactions of a single-session data source (see
 * {@link isSingleSessionDataSource}: sql.js, PGlite), so that overlapping requests stay isolated
 * as they would on a server database. Without it, a second `BEGIN` joins the first transaction
 * and one request's rollback undoes another's committed work. `RestflowModule` calls it at boot
 * for every such `DataSource` of the application; call it yourself for data sources created
 * outside Nest. Idempotent; returns `false` (and changes nothing) for other databases.
 *
 * What it guarantees, per data source:
 * - One transaction at a time: `dataSource.transaction()`, `EntityManager.transaction()` and
 *   `QueryRunner.startTransaction()` wait (first come, first served) until the open transaction
 *   commits or rolls back. TypeORM's implicit transactions (`save()`, `remove()`) count too.
 * - Isolation of everything else: while a transaction is open, any other query on the data
 *   source (reads included) waits until it ends, so it neither joins the transaction nor sees its
 *   uncommitted rows.
 * - What passes without waiting: the queries of the transaction's own query runner, and every
 *   query made in the async context of a `transaction(callback)` (so repositories used inside the
 *   callback, and nested transactions, work as savepoints and do not deadlock).
 *
 * - Bounded waits: a wait longer than `lockTimeoutMs` (10 s) fails with `ServiceUnavailable`
 *   (503 `service_unavailable`).
 *
 * What it does not do: work that a transaction awaits but that was started outside its callback
 * (a batching loader created by another request, a job queue) queries from another context and
 * waits for the transaction, which waits for it, until the wait times out: keep such waits out of
 * transactions. Keep transactions short: on these databases they are a global lock. The first
 * call for a data source wins: call it before `app.init()` to choose another `lockTimeoutMs`.
 *
 * @throws {RestflowConfigError} for a `lockTimeoutMs` that is not a positive integer.
 * @example
 * ```ts
 * const dataSource = await new DataSource({ type: 'sqljs', entities }).initialize();
 * serializeTransactions(dataSource, { lockTimeoutMs: 5_000 });
 * await Promise.all([
 *   dataSource.transaction(async (manager) => { ... }), // runs first
 *   dataSource.transaction(async (manager) => { ... }), // starts once the first has committed
 * ]);
 * ```
 * @publicApi
 */
export function serializeTransactions(
  dataSource: DataSource,
  options: SerializeTransactionsOptions = {},
): boolean {
  if (LOCKS.has(dataSource)) {
    return true;
  }
  if (!isSingleSessionDataSource(dataSource)) {
    return false;
  }
  const { lockTimeoutMs = 10_000 } = options;
  if (!Number.isInteger(lockTimeoutMs) || lockTimeoutMs <= 0) {
    throw new RestflowConfigError(
      'serializeTransactions.lockTimeoutMs',
      `serializeTransactions() option "lockTimeoutMs" is ${String(lockTimeoutMs)}. ` +
        'Fix: use a positive whole number of milliseconds, such as 10000.',
    );
  }
  const lock = new SessionLock(lockTimeoutMs);
  LOCKS.set(dataSource, lock);

  const driver = dataSource.driver as unknown as {
    createQueryRunner(mode: string): RunnerState;
    autoSave?: () => Promise<void>;
  };
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  // The query runners whose transaction is open (at most one at the top level at a time).
  const open = new Set<RunnerState>();
  let fresh: (mode: string) => RunnerState;
  if (dataSource.options.type === 'sqljs') {
    // TypeORM's sql.js driver hands out one shared query runner, so a transaction's state
    // (`isTransactionActive`, depth) would be everybody's. Each caller gets its own view of it
    // instead: the same connection, its own transaction state and subscriber broadcaster.
    let shared: RunnerState | undefined;
    fresh = (mode) => {
      shared ??= createQueryRunner(mode);
      const handle = Object.create(shared) as RunnerState;
      handle.isTransactionActive = false;
      handle.transactionDepth = 0;
      handle.isDirty = false;
      handle.loadedTables = [];
      handle.sqlMemoryMode = false;
      handle.sqlInMemory = { upQueries: [], downQueries: [] };
      const Broadcaster = shared.broadcaster.constructor as new (runner: RunnerState) => object;
      handle.broadcaster = new Broadcaster(handle);
      guardRunner(handle, lock, open);
      return handle;
    };
    // sql.js cannot export the database in the middle of a write transaction: the save after a
    // write outside the transaction waits for the transaction's own save at its commit.
    const autoSave = driver.autoSave?.bind(driver);
    if (autoSave) {
      driver.autoSave = () =>
        [...open].some((runner) => runner.isTransactionActive) ? Promise.resolve() : autoSave();
    }
  } else {
    fresh = (mode) => {
      const runner = createQueryRunner(mode);
      guardRunner(runner, lock, open);
      return runner;
    };
  }
  driver.createQueryRunner = (mode: string) => {
    // Inside a transaction's callback, a new query runner (a repository of the global manager,
    // a nested `dataSource.transaction()`) is the one session already in that transaction: hand
    // out a view of the open runner, so that a nested transaction becomes a savepoint rather than
    // a second BEGIN, and releasing the view leaves the transaction's connection alone.
    const active = lock.owns() ? [...open].find((runner) => runner.isTransactionActive) : undefined;
    if (active) {
      const view = Object.create(active) as RunnerState;
      view.release = () => Promise.resolve();
      return view;
    }
    return fresh(mode);
  };

  // `dataSource.transaction()` and the repositories' manager: the callback runs in an async
  // context that holds the lock, so every query it makes passes, whatever manager it goes through.
  const manager = dataSource.manager as unknown as { transaction: AnyFunction };
  const transaction = manager.transaction;
  manager.transaction = (...args: unknown[]) =>
    lock.runExclusive(() => transaction.apply(manager, args));
  return true;
}

/**
 * Runs `work` with no transaction of `dataSource` open: holding its session lock when
 * {@link serializeTransactions} installed one, else directly.
 *
 * @internal
 */
export function withSessionLock<TResult>(
  dataSource: DataSource,
  work: () => Promise<TResult>,
): Promise<TResult> {
  const lock = LOCKS.get(dataSource);
  return lock ? lock.runExclusive(work) : work();
}

/** Makes one query runner wait for the session lock before it begins or queries. */
function guardRunner(runner: RunnerState, lock: SessionLock, open: Set<RunnerState>): void {
  const target = runner as unknown as Record<string, AnyFunction>;
  const start = runner.startTransaction.bind(runner) as AnyFunction;
  const commit = runner.commitTransaction.bind(runner) as AnyFunction;
  const rollback = runner.rollbackTransaction.bind(runner) as AnyFunction;
  const query = runner.query.bind(runner) as AnyFunction;
  const release = runner.release.bind(runner) as AnyFunction;

  const releaseIfEnded = () => {
    if (!runner.isTransactionActive) {
      open.delete(runner);
      if (lock.heldBy(runner)) {
        lock.release(lock.current());
      }
    }
  };

  target.startTransaction = async (...args: unknown[]) => {
    if (runner.isTransactionActive || lock.owns(runner)) {
      // A nested transaction (a savepoint), or one begun inside `transaction(callback)`.
      await start(...args);
      open.add(runner);
      return;
    }
    const holder = { runner };
    await lock.acquire(holder);
    try {
      await start(...args);
      open.add(runner);
    } catch (error) {
      lock.release(holder);
      throw error;
    }
  };
  target.commitTransaction = async () => {
    try {
      await commit();
    } finally {
      releaseIfEnded();
    }
  };
  target.rollbackTransaction = async () => {
    try {
      await rollback();
    } finally {
      releaseIfEnded();
    }
  };
  target.query = (...args: unknown[]) =>
    lock.owns(runner) ? query(...args) : lock.runExclusive(() => query(...args));
  target.release = async (...args: unknown[]) => {
    if (lock.heldBy(runner) && runner.isTransactionActive) {
      // Released with its transaction still open: roll it back rather than leave every other
      // request waiting for a transaction that nobody will end.
      try {
        await target.rollbackTransaction?.();
      } catch {
        // The rollback's own error is not the caller's; the lock is released below.
      }
    }
    if (lock.heldBy(runner)) {
      open.delete(runner);
      lock.release(lock.current());
    }
    return release(...args);
  };
}
