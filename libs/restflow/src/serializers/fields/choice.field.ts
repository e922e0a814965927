import { ChoiceSet, type Choices, type ChoiceValue } from './choices.util';
import { SerializerField, type FieldOpenApiSchema, type FieldOptions } from './field';

/**
 * Options of {@link ChoiceField}.
 *
 * @example
 * ```ts
 * const options: ChoiceFieldOptions = { choices: ['low', 'high'], allowBlank: true };
 * ```
 * @publicApi
 */
export interface ChoiceFieldOptions extends FieldOptions<ChoiceValue> {
  /** The allowed values: a list or a TypeScript enum. */
  choices: Choices;
  /** Accept `''` as a value of its own. @default false */
  allowBlank?: boolean;
}

/**
 * One value out of a fixed set (DRF's `ChoiceField`). Input is compared by its Python `str()`
 * form, so the choice `1` accepts `"1"` and yields `1`. Message: `invalid_choice`
 * '"{input}" is not a valid choice.'.
 *
 * @example
 * ```ts
 * enum Size { S = 's', M = 'm' }
 * await new ChoiceField({ choices: Size }).runValidation('m'); // 'm'
 * await new ChoiceField({ choices: [1, 2] }).runValidation('2'); // 2
 * await new ChoiceField({ choices: [1, 2] }).runValidation(3); // throws ['"3" is not a valid choice.']
 * ```
 * @publicApi
 */
export class ChoiceField extends SerializerField<ChoiceValue, ChoiceValue> {
  static override readonly defaultErrorMessages: Readonly<Record<string, string>> = {
    invalid_choice: '"{input}" is not a valid choice.',
  };

  readonly allowBlank: boolean;
  /** The allowed values, in declaration order. */
  readonly choices: readonly ChoiceValue[];
  private readonly choiceSet: ChoiceSet;

  constructor(options: ChoiceFieldOptions) {
    super(options);
    this.choiceSet = new ChoiceSet(options.choices);
    this.choices = this.choiceSet.values;
    this.allowBlank = options.allowBlank ?? false;
  }

  /**
   * The choice the input stands for.
   *
   * @example
   * ```ts
   * new ChoiceField({ choices: [10, 20] }).toInternalValue('10'); // 10
   * ```
   */
  toInternalValue(data: unknown): ChoiceValue {
    if (data === '' && this.allowBlank) return '';
    const value = this.choiceSet.lookup(data);
    if (value === undefined) this.fail('invalid_choice', { input: data });
    return value;
  }

  /**
   * The matching choice (so a stored `"1"` is written `1` when the choice is `1`), else the
   * value unchanged.
   *
   * @example
   * ```ts
   * new ChoiceField({ choices: [1, 2] }).toRepresentation('1'); // 1
   * ```
   */
  override toRepresentation(value: ChoiceValue): ChoiceValue {
    if (value === '') return value;
    return this.choiceSet.lookup(value) ?? value;
  }

  protected override schema(): FieldOpenApiSchema {
    return this.choiceSet.schema([
      ...(this.allowBlank ? [''] : []),
      ...(this.allowNull ? [null] : []),
    ]);
  }
}
