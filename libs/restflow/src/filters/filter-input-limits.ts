import { clientKeyedRecord } from '../core/client-keyed-record.util';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { FieldValidationError, type FieldErrorDetail } from '../serializers/fields';
import { codePointLength } from '../serializers/fields/python-format.util';

/**
 * The bounds of filter input, so that nothing in a query string reaches the database in a form
 * it rejects:
 *
 * - `maxListLength`: values of one list parameter (`id__in=1,2,3`). Each value is a bound
 *   parameter, and drivers cap those (SQLite 32766, PostgreSQL 65535, MySQL 65535).
 * - `maxValueLength`: characters of one value. SQLite refuses LIKE patterns over 50000 bytes; at
 *   most 10000 characters (4 bytes each in UTF-8, escaped and wrapped in `%`) stay below it.
 * - `totalListValues`: the list values of one filter set together, below SQLite's 32766 bound
 *   variables whatever the number of list parameters. Fixed.
 *
 * @example
 * ```ts
 * FILTER_INPUT_LIMITS.maxListLength.default; // 1000
 * ```
 * @publicApi
 */
export const FILTER_INPUT_LIMITS = {
  maxListLength: { default: 1000, min: 1, max: 10_000 },
  maxValueLength: { default: 1000, min: 1, max: 10_000 },
  totalListValues: 30_000,
} as const;

/** The caps one filter set applies. @internal */
export interface FilterInputCaps {
  readonly maxListLength: number;
  readonly maxValueLength: number;
}

const VALUE_TOO_LONG = 'Ensure this field has no more than {count} characters.';
const LIST_TOO_LONG = 'Ensure this field has no more than {count} elements.';
const TOO_MANY_VALUES = 'Ensure the list parameters together have no more than {count} values.';

/**
 * Checks a `meta.maxListLength` / `meta.maxValueLength` override at boot.
 *
 * @throws {RestflowConfigError} naming the option and its bounds.
 * @internal
 */
export function checkCapOverride(owner: string, name: keyof FilterInputCaps, value: unknown): void {
  if (value === undefined) return;
  const { min, max } = FILTER_INPUT_LIMITS[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RestflowConfigError(
      `${owner}.meta.${name}`,
      `${owner}.meta.${name} is ${JSON.stringify(value) ?? typeof value}; expected an integer from ${min} to ${max}. ` +
        `Fix: use a bound below every database driver's limit, e.g. ${FILTER_INPUT_LIMITS[name].default}.`,
    );
  }
}

/**
 * Checks the raw values of one parameter against the caps before any field sees them, and adds
 * a list's values to `budget` (the values of the filter set so far).
 *
 * @throws {FieldValidationError} with the parameter's message (list items by index).
 * @internal
 */
export function checkRawValues(
  values: readonly string[],
  list: boolean,
  caps: FilterInputCaps,
  budget: { used: number },
): void {
  if (list) {
    if (values.length > caps.maxListLength) {
      throw new FieldValidationError(fill(LIST_TOO_LONG, caps.maxListLength));
    }
    budget.used += values.length;
    if (budget.used > FILTER_INPUT_LIMITS.totalListValues) {
      throw new FieldValidationError(fill(TOO_MANY_VALUES, FILTER_INPUT_LIMITS.totalListValues));
    }
  }
  const errors = clientKeyedRecord<FieldErrorDetail>();
  values.forEach((value, index) => {
    // Cheap first: a value within the cap in UTF-16 units is within it in characters.
    if (value.length > caps.maxValueLength && codePointLength(value) > caps.maxValueLength) {
      errors[String(index)] = [fill(VALUE_TOO_LONG, caps.maxValueLength)];
    }
  });
  const failed = Object.values(errors);
  if (failed.length === 0) return;
  throw new FieldValidationError(list ? errors : failed[0]!);
}

function fill(template: string, count: number): string {
  return template.replace('{count}', String(count));
}
