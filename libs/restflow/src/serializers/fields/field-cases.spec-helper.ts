/** Shared vocabulary of the table-driven field specs: a case is a field, an input, an outcome. */
import type { SerializerField } from './field';
import { FieldValidationError, type FieldErrorDetail } from './field-validation-error';

export type Outcome = { value: unknown } | { errors: FieldErrorDetail };

/** What `runValidation` gives: the value, or the field's errors. */
export async function outcome(
  field: SerializerField,
  input: unknown,
  partial = false,
): Promise<Outcome> {
  try {
    return { value: await field.runValidation(input, partial) };
  } catch (error) {
    if (error instanceof FieldValidationError) return { errors: error.detail };
    throw error;
  }
}

export const ok = (value: unknown): Outcome => ({ value });
export const fails = (...errors: string[]): Outcome => ({ errors });

/** Title, field factory, input, expected outcome. */
export type Case = [string, () => SerializerField, unknown, Outcome];

/** One test per case. */
export function table(cases: Case[]): void {
  it.each(cases)('%s', async (_title, make, input, expected) => {
    expect(await outcome(make(), input)).toStrictEqual(expected);
  });
}
