/**
 * The escape character of every LIKE pattern built by the lookups. Not a backslash: MySQL treats
 * backslashes in string literals specially, and `'!'` means the same on every dialect.
 *
 * @example
 * ```ts
 * `col LIKE :pattern ESCAPE '${LIKE_ESCAPE}'`;
 * ```
 */
export const LIKE_ESCAPE = '!';

/**
 * Escapes `value` for use inside a LIKE pattern with `ESCAPE '!'`: the escape character itself,
 * `%` and `_` then match literally.
 *
 * @example
 * ```ts
 * escapeLike('50%_off!'); // '50!%!_off!!'
 * ```
 */
export function escapeLike(value: string): string {
  return value.replace(/[!%_]/g, (character) => `${LIKE_ESCAPE}${character}`);
}
