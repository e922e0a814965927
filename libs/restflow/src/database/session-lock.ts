import { AsyncLocalStorage } from 'node:async_hooks';
import { ServiceUnavailable } from '../exceptions/standard.exceptions';

/** Who holds a {@link SessionLock}: a query runner, an async context (token), or both. */
export interface SessionLockHolder {
  /** The query runner whose transaction holds the lock (its own queries pass). */
  readonly runner?: object;
  /** Set while the holder's async context runs: every query made inside it passes. */
  readonly token?: object;
}

/**
 * The tokens of the locks the current async context holds. A set, so that work inside a
 * transaction on one data source can open a transaction on another without losing the first.
 */
const heldTokens = new AsyncLocalStorage<ReadonlySet<object>>();

/**
 * A first-come first-served lock over the one session of a single-session database. A
 * transaction holds it from `BEGIN` to `COMMIT`/`ROLLBACK`; every query from elsewhere waits
 * for it, so nothing joins another request's transaction.
 *
 * @internal
 */
export class SessionLock {
  constructor(
    /** How long a query or transaction waits for the lock before it fails with a 503. */
    readonly timeoutMs: number,
  ) {}

  private holder: SessionLockHolder | undefined;
  private readonly waiting: { holder: SessionLockHolder; resolve: () => void }[] = [];

  /** Whether `runner`, or the current async context, holds the lock. */
  owns(runner?: object): boolean {
    const holder = this.holder;
    if (!holder) {
      return false;
    }
    if (runner !== undefined && holder.runner === runner) {
      return true;
    }
    return holder.token !== undefined && (heldTokens.getStore()?.has(holder.token) ?? false);
  }

  /** Whether the lock is held by `runner` (not merely by the current context). */
  heldBy(runner: object): boolean {
    return this.holder?.runner === runner;
  }

  /**
   * Waits for the lock, then holds it for `holder`.
   *
   * @throws {ServiceUnavailable} after `timeoutMs` of waiting (the lock's holder keeps it).
   */
  acquire(holder: SessionLockHolder): Promise<void> {
    if (!this.holder) {
      this.holder = holder;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const entry = {
        holder,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(entry), 1);
        reject(
          new ServiceUnavailable(
            `The database is busy: another transaction has held it for over ${this.timeoutMs} ms.`,
          ),
        );
      }, this.timeoutMs);
      this.waiting.push(entry);
    });
  }

  /** Hands the lock to the next waiter. Does nothing unless `holder` holds it. */
  release(holder: SessionLockHolder | undefined): void {
    if (!holder || this.holder !== holder) {
      return;
    }
    const next = this.waiting.shift();
    this.holder = next?.holder;
    next?.resolve();
  }

  /** The current holder (to release it later). */
  current(): SessionLockHolder | undefined {
    return this.holder;
  }

  /**
   * Runs `work` holding the lock in a new async context, so that everything `work` starts
   * (queries through any entity manager, nested transactions) passes. Re-entrant: when the
   * current context already holds the lock, `work` just runs.
   */
  async runExclusive<TResult>(work: () => Promise<TResult>): Promise<TResult> {
    if (this.owns()) {
      return work();
    }
    const holder: SessionLockHolder = { token: {} };
    await this.acquire(holder);
    try {
      const tokens = new Set(heldTokens.getStore());
      tokens.add(holder.token as object);
      return await heldTokens.run(tokens, work);
    } finally {
      this.release(holder);
    }
  }
}
