/**
 * Which keys are stored under which prefix, for `deleteByPrefix`.
 *
 * @internal
 */
export interface PrefixIndex {
  /** Records `key` under each of `prefixes` (after the entry is stored). */
  add(key: string, prefixes: readonly string[], ttlMs: number | undefined): Promise<void>;
  /** Removes every key recorded under `prefix`, with `remove`, and forgets them. */
  take(prefix: string, remove: (keys: string[]) => Promise<number>): Promise<number>;
}
