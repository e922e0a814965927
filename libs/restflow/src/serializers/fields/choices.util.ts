import type { FieldOpenApiSchema } from './field';
import { pyStr } from './python-format.util';

/**
 * One allowed value of a choice field.
 *
 * @example
 * ```ts
 * const value: ChoiceValue = 'draft';
 * ```
 * @publicApi
 */
export type ChoiceValue = string | number;

/**
 * The allowed values of a choice field: a list, or a TypeScript `enum` object (string or
 * numeric; the reverse mappings of numeric enums are ignored).
 *
 * @example
 * ```ts
 * enum Status { Draft = 'draft', Published = 'published' }
 * const fromEnum: Choices = Status;
 * const fromList: Choices = [1, 2, 3];
 * ```
 * @publicApi
 */
export type Choices = readonly ChoiceValue[] | Readonly<Record<string, ChoiceValue>>;

function isReverseMapping(choices: Readonly<Record<string, ChoiceValue>>, key: string): boolean {
  const value = choices[key];
  return typeof value === 'string' && choices[value] === Number(key);
}

/**
 * DRF's `choice_strings_to_values`: input matches a choice when their Python `str()` forms are
 * equal, so the choice `1` accepts `"1"` and the choice `"1"` accepts `1`.
 *
 * @example
 * ```ts
 * new ChoiceSet([1, 2]).lookup('2'); // 2
 * ```
 * @internal
 */
export class ChoiceSet {
  /** The allowed values, in declaration order. */
  readonly values: readonly ChoiceValue[];
  private readonly byString = new Map<string, ChoiceValue>();

  constructor(choices: Choices) {
    this.values = Array.isArray(choices)
      ? [...(choices as readonly ChoiceValue[])]
      : Object.keys(choices)
          .filter((key) => !isReverseMapping(choices as Record<string, ChoiceValue>, key))
          .map((key) => (choices as Record<string, ChoiceValue>)[key] as ChoiceValue);
    for (const value of this.values) this.byString.set(pyStr(value), value);
  }

  /** The choice `input` stands for, or `undefined`. */
  lookup(input: unknown): ChoiceValue | undefined {
    return this.byString.get(pyStr(input));
  }

  /** The OpenAPI `type` and `enum` of the values (no `type` when they mix kinds). */
  schema(extra: readonly unknown[]): FieldOpenApiSchema {
    const schema: FieldOpenApiSchema = { enum: [...this.values, ...extra] };
    if (this.values.length && this.values.every((value) => typeof value === 'string')) {
      schema.type = 'string';
    } else if (this.values.length && this.values.every((value) => Number.isInteger(value))) {
      schema.type = 'integer';
    } else if (this.values.length && this.values.every((value) => typeof value === 'number')) {
      schema.type = 'number';
    }
    return schema;
  }
}
