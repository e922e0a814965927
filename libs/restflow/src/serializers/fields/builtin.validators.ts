/**
 * The Django validators that DRF fields append to their `validators` (length and value bounds,
 * forbidden characters), rewritten as {@link FieldValidator}s. Each field passes in its already
 * formatted message, as DRF does with `lazy_format`.
 *
 * @internal
 */
import type { FieldValidator } from './field';
import { FieldValidationError } from './field-validation-error';
import { codePointLength } from './python-format.util';

function lengthOf(value: unknown): number {
  if (typeof value === 'string') return codePointLength(value);
  if (Array.isArray(value)) return value.length;
  return 0;
}

/**
 * Django's `MaxLengthValidator`: strings count code points, lists count items.
 *
 * @example
 * ```ts
 * maxLengthValidator(3, 'Too long.')('abcd'); // throws ['Too long.']
 * ```
 * @internal
 */
export function maxLengthValidator(limit: number, message: string): FieldValidator<unknown> {
  return (value) => {
    if (lengthOf(value) > limit) throw new FieldValidationError(message);
  };
}

/**
 * Django's `MinLengthValidator`.
 *
 * @example
 * ```ts
 * minLengthValidator(2, 'Too short.')('a'); // throws ['Too short.']
 * ```
 * @internal
 */
export function minLengthValidator(limit: number, message: string): FieldValidator<unknown> {
  return (value) => {
    if (lengthOf(value) < limit) throw new FieldValidationError(message);
  };
}

/**
 * Django's `MaxValueValidator`, with the comparison supplied by the field (numbers, decimal
 * strings, durations).
 *
 * @example
 * ```ts
 * maxValueValidator(10, 'Too big.', (a, b) => a - b)(11); // throws ['Too big.']
 * ```
 * @internal
 */
export function maxValueValidator<TValue>(
  limit: TValue,
  message: string,
  compare: (value: TValue, limit: TValue) => number,
): FieldValidator<TValue> {
  return (value) => {
    if (compare(value, limit) > 0) throw new FieldValidationError(message);
  };
}

/**
 * Django's `MinValueValidator`.
 *
 * @example
 * ```ts
 * minValueValidator(0, 'Too small.', (a, b) => a - b)(-1); // throws ['Too small.']
 * ```
 * @internal
 */
export function minValueValidator<TValue>(
  limit: TValue,
  message: string,
  compare: (value: TValue, limit: TValue) => number,
): FieldValidator<TValue> {
  return (value) => {
    if (compare(value, limit) < 0) throw new FieldValidationError(message);
  };
}

/**
 * Django's `ProhibitNullCharactersValidator`, which every `CharField` runs.
 *
 * @example
 * ```ts
 * prohibitNullCharacters('a\0b'); // throws ['Null characters are not allowed.']
 * ```
 * @internal
 */
export const prohibitNullCharacters: FieldValidator<string> = (value) => {
  if (value.includes('\0')) throw new FieldValidationError('Null characters are not allowed.');
};

/**
 * DRF's `ProhibitSurrogateCharactersValidator`: rejects the first lone UTF-16 surrogate (a
 * JSON `"\ud800"` escape). Proper surrogate pairs are one character and pass.
 *
 * @example
 * ```ts
 * prohibitSurrogateCharacters('\ud800'); // throws ['Surrogate characters are not allowed: U+D800.']
 * ```
 * @internal
 */
export const prohibitSurrogateCharacters: FieldValidator<string> = (value) => {
  for (const char of value) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) {
      throw new FieldValidationError(
        `Surrogate characters are not allowed: U+${codePoint.toString(16).toUpperCase()}.`,
      );
    }
  }
};
