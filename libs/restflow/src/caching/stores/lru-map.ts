/**
 * A `Map` bounded to `maxEntries`: reading an entry makes it the most recent, and adding one past
 * the bound evicts the least recent. `onDelete` hears every key that leaves, evicted or deleted.
 * A `Map` subclass, so that Keyv treats it as its in-memory store.
 *
 * @internal
 */
export class LruMap<TValue> extends Map<string, TValue> {
  constructor(
    private readonly maxEntries: number,
    private readonly onDelete: (key: string) => void,
  ) {
    super();
  }

  override get(key: string): TValue | undefined {
    if (!super.has(key)) return undefined;
    const value = super.get(key) as TValue;
    super.delete(key);
    super.set(key, value);
    return value;
  }

  override set(key: string, value: TValue): this {
    // The constructor of Map calls set() before the fields exist.
    if (this.maxEntries === undefined) return super.set(key, value);
    super.delete(key);
    super.set(key, value);
    while (this.size > this.maxEntries) {
      const oldest = this.keys().next().value as string;
      this.delete(oldest);
    }
    return this;
  }

  override delete(key: string): boolean {
    const existed = super.delete(key);
    if (existed) this.onDelete(key);
    return existed;
  }

  override clear(): void {
    for (const key of [...this.keys()]) this.delete(key);
  }
}
