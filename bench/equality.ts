/**
 * The equality check of `npm run bench`: before anything is timed, every contender's rows for a
 * workload must equal the reference contender's (same ids in the same order, same values, key
 * order aside). Envelopes differ between contenders; `workloadRows()` (contenders.ts) unwraps them.
 */

/** What one contender answered for one workload, unwrapped to its rows. */
export interface ContenderRows {
  contender: string;
  rows: readonly unknown[];
}

/** JSON with object keys sorted, so that key order does not count. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : inner,
  );
}

/** The differences between a contender's rows and the reference rows, in words (none: equal). */
export function rowDifferences(reference: ContenderRows, candidate: ContenderRows): string[] {
  const differences: string[] = [];
  const name = candidate.contender;
  if (candidate.rows.length !== reference.rows.length) {
    differences.push(
      `${name} returned ${candidate.rows.length} rows, ${reference.contender} ${reference.rows.length}.`,
    );
  }
  const count = Math.min(candidate.rows.length, reference.rows.length);
  for (let index = 0; index < count; index++) {
    const expected = canonicalJson(reference.rows[index]);
    const actual = canonicalJson(candidate.rows[index]);
    if (expected !== actual) {
      differences.push(`${name} row ${index}: ${actual}, ${reference.contender}: ${expected}.`);
    }
  }
  return differences;
}

/**
 * Throws unless every contender answered the reference's rows (the first entry is the
 * reference), naming each contender that did not and its first differences.
 */
export function assertSameRows(workload: string, answers: readonly ContenderRows[]): void {
  const [reference, ...others] = answers;
  if (!reference) throw new Error(`${workload}: no contender answered.`);
  if (reference.rows.length === 0) {
    throw new Error(`${workload}: ${reference.contender} returned no rows: nothing to compare.`);
  }
  const failures = others
    .map((candidate) => rowDifferences(reference, candidate))
    .filter((differences) => differences.length > 0)
    .map((differences) => differences.slice(0, 3).join('\n  '));
  if (failures.length > 0) {
    throw new Error(
      `${workload}: contenders return other rows than ${reference.contender}:\n  ${failures.join('\n  ')}`,
    );
  }
}
