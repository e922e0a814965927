import type { ValueTransformer } from 'typeorm';

/**
 * Reads DECIMAL columns as fixed-point strings on every dialect. PostgreSQL and MySQL already
 * return `"10.50"`, but SQLite stores decimals with numeric affinity and sql.js hands back the
 * number `10.5`; without this, the same API would answer differently per database.
 *
 * @example
 * ```ts
 * @Column({ type: 'decimal', precision: 10, scale: 2, transformer: decimalString(2) })
 * price!: string;
 * ```
 */
export function decimalString(scale: number): ValueTransformer {
  return {
    to: (value: unknown) => value,
    from: (value: unknown) => (typeof value === 'number' ? value.toFixed(scale) : value),
  };
}
