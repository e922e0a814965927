/**
 * A small seeded pseudo-random generator (mulberry32): the same seed yields the same sequence on
 * every machine and Node version, which `Math.random` cannot promise. Good for demo data, never
 * for secrets.
 *
 * @example
 * ```ts
 * const random = new Prng(42);
 * random.int(1, 5); // always the same first value for seed 42
 * ```
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** `true` with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return this.at(items, this.int(0, items.length - 1));
  }

  /** A shuffled copy of `items` (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const swap = this.at(copy, i);
      copy[i] = this.at(copy, j);
      copy[j] = swap;
    }
    return copy;
  }

  private at<T>(items: readonly T[], index: number): T {
    if (index < 0 || index >= items.length) {
      throw new RangeError(`Index ${index} is outside a list of ${items.length} items.`);
    }
    return items[index] as T;
  }
}
