/** The statistics of `npm run bench`: medians and the spread of per-round ratios. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Per-round ratios: their median, lowest and highest. */
export interface RatioSummary {
  median: number;
  min: number;
  max: number;
  rounds: number[];
}

export function ratioSummary(ratios: readonly number[]): RatioSummary {
  return {
    median: median(ratios),
    min: ratios.length ? Math.min(...ratios) : Number.NaN,
    max: ratios.length ? Math.max(...ratios) : Number.NaN,
    rounds: [...ratios],
  };
}
