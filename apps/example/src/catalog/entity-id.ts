// The largest value of a 32-bit INTEGER column: a bigger id cannot exist, and PostgreSQL would
// reject the comparison with an out-of-range error (a 500) instead of finding nothing.
const MAX_ID = 2_147_483_647;

/**
 * Whether `id` can name a row of an `int` auto-increment primary key. Looking up anything else
 * is skipped and answered as "not found", never sent to the database.
 *
 * @example
 * ```ts
 * const product = isStorableId(id) ? await products.findOneBy({ id }) : null;
 * ```
 */
export function isStorableId(id: number): boolean {
  return Number.isInteger(id) && id >= 1 && id <= MAX_ID;
}
