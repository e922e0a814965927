import type { FieldValidator } from './field';

const DATABASE_VALIDATOR = Symbol('restflow:database-validator');

type MarkedValidator<TValue> = FieldValidator<TValue> & { [DATABASE_VALIDATOR]?: true };

/**
 * Marks a field validator that queries the database (a uniqueness check, an existence check).
 * A field runs its other validators first and its database validators only when all of them
 * passed, so that a query never receives a value the field refuses: a NUL character
 * (PostgreSQL rejects it in text), a number beyond the column's range, a string longer than the
 * column. `ModelSerializer`'s uniqueness checks are database validators.
 *
 * @example
 * ```ts
 * const usernameFree = databaseValidator<string>(async (value) => {
 *   if (await users.existsBy({ username: value })) {
 *     throw new FieldValidationError('This username is taken.');
 *   }
 * });
 * class SignupSerializer extends Serializer {
 *   @Field({ maxLength: 150, validators: [usernameFree] }) username!: string;
 * }
 * ```
 * @publicApi
 */
export function databaseValidator<TValue>(
  validator: FieldValidator<TValue>,
): FieldValidator<TValue> {
  const marked: MarkedValidator<TValue> = (value) => validator(value);
  marked[DATABASE_VALIDATOR] = true;
  return marked;
}

/**
 * Whether {@link databaseValidator} marked `validator`.
 *
 * @internal
 */
export function isDatabaseValidator(validator: FieldValidator<never>): boolean {
  return (validator as MarkedValidator<never>)[DATABASE_VALIDATOR] === true;
}
