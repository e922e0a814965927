import type { PrefixIndex } from './prefix-index';

/**
 * The prefix index of a store that lives in this process: prefix -> keys, and key -> prefixes so
 * that a key leaving the store (evicted, expired, deleted) leaves the index too.
 *
 * @internal
 */
export class MemoryPrefixIndex implements PrefixIndex {
  private readonly byPrefix = new Map<string, Set<string>>();
  private readonly byKey = new Map<string, readonly string[]>();

  add(key: string, prefixes: readonly string[]): Promise<void> {
    this.forget(key);
    this.byKey.set(key, prefixes);
    for (const prefix of prefixes) {
      let keys = this.byPrefix.get(prefix);
      if (!keys) {
        keys = new Set();
        this.byPrefix.set(prefix, keys);
      }
      keys.add(key);
    }
    return Promise.resolve();
  }

  async take(prefix: string, remove: (keys: string[]) => Promise<number>): Promise<number> {
    const keys = [...(this.byPrefix.get(prefix) ?? [])];
    if (keys.length === 0) return 0;
    const removed = await remove(keys);
    for (const key of keys) this.forget(key);
    return removed;
  }

  /** Drops `key` from every prefix it was recorded under. */
  forget(key: string): void {
    const prefixes = this.byKey.get(key);
    if (!prefixes) return;
    this.byKey.delete(key);
    for (const prefix of prefixes) {
      const keys = this.byPrefix.get(prefix);
      keys?.delete(key);
      if (keys?.size === 0) this.byPrefix.delete(prefix);
    }
  }
}
