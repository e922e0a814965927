/**
 * What a field reports when it rejects its input, in DRF's shape: a list of messages for a
 * scalar value, an object keyed by item index (`"0"`, `"3"`) for list children, and an object
 * keyed by field name for nested data.
 *
 * @example
 * ```ts
 * const scalar: FieldErrorDetail = ['This field is required.'];
 * const list: FieldErrorDetail = { '1': ['A valid integer is required.'] };
 * ```
 * @publicApi
 */
export type FieldErrorDetail = string[] | { [key: string]: FieldErrorDetail };

/**
 * Thrown by {@link SerializerField.toInternalValue}, by {@link SerializerField.runValidation} and by validators to
 * reject a value: DRF's `serializers.ValidationError` at field level. A validator that throws
 * it with a list of messages has them collected with the other validators' messages.
 *
 * @example
 * ```ts
 * const even: FieldValidator<number> = (value) => {
 *   if (value % 2) throw new FieldValidationError('Must be even.');
 * };
 * new IntegerField({ validators: [even] });
 * ```
 * @publicApi
 */
export class FieldValidationError extends Error {
  /** The messages, or the per-index / per-field messages of list and nested fields. */
  readonly detail: FieldErrorDetail;

  constructor(detail: string | readonly string[] | { [key: string]: FieldErrorDetail }) {
    const normalised: FieldErrorDetail =
      typeof detail === 'string' ? [detail] : isMessageList(detail) ? [...detail] : { ...detail };
    super(
      Array.isArray(normalised)
        ? normalised.join(' ')
        : `Invalid input: ${JSON.stringify(normalised)}`,
    );
    this.name = 'FieldValidationError';
    this.detail = normalised;
  }
}

function isMessageList(
  detail: readonly string[] | { [key: string]: FieldErrorDetail },
): detail is readonly string[] {
  return Array.isArray(detail);
}
