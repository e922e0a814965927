import { ChoiceSet, type Choices, type ChoiceValue } from './choices.util';
import { SerializerField, type FieldOpenApiSchema, type FieldOptions } from './field';
import { listItems, pyTypeName } from './python-format.util';

/**
 * Options of {@link MultipleChoiceField}.
 *
 * @example
 * ```ts
 * const options: MultipleChoiceFieldOptions = { choices: ['a', 'b'], allowEmpty: false };
 * ```
 * @publicApi
 */
export interface MultipleChoiceFieldOptions extends FieldOptions<ChoiceValue[]> {
  /** The allowed values: a list or a TypeScript enum. */
  choices: Choices;
  /** Accept `''` as an item. @default false */
  allowBlank?: boolean;
  /** Accept an empty list. @default true */
  allowEmpty?: boolean;
}

/**
 * Several values out of a fixed set (DRF's `MultipleChoiceField`). The input is a list; each
 * item must be a choice (compared as in {@link ChoiceField}). DRF returns a `set`; here the
 * value is a list without duplicates, in first-seen order. Any iterable but a string, a `Map`
 * or a plain object counts as a list.
 *
 * Messages: `not_a_list` 'Expected a list of items but got type "{input_type}".',
 * `invalid_choice` '"{input}" is not a valid choice.' (the first bad item),
 * `empty` "This selection may not be empty.".
 *
 * @example
 * ```ts
 * const tags = new MultipleChoiceField({ choices: ['a', 'b', 'c'] });
 * await tags.runValidation(['b', 'a', 'b']); // ['b', 'a']
 * await tags.runValidation('a'); // throws ['Expected a list of items but got type "str".']
 * ```
 * @publicApi
 */
export class MultipleChoiceField extends SerializerField<ChoiceValue[], ChoiceValue[]> {
  static override readonly defaultErrorMessages: Readonly<Record<string, string>> = {
    invalid_choice: '"{input}" is not a valid choice.',
    not_a_list: 'Expected a list of items but got type "{input_type}".',
    empty: 'This selection may not be empty.',
  };

  readonly allowBlank: boolean;
  readonly allowEmpty: boolean;
  /** The allowed values, in declaration order. */
  readonly choices: readonly ChoiceValue[];
  private readonly choiceSet: ChoiceSet;

  constructor(options: MultipleChoiceFieldOptions) {
    super(options);
    this.choiceSet = new ChoiceSet(options.choices);
    this.choices = this.choiceSet.values;
    this.allowBlank = options.allowBlank ?? false;
    this.allowEmpty = options.allowEmpty ?? true;
  }

  /**
   * The distinct choices the items stand for.
   *
   * @example
   * ```ts
   * new MultipleChoiceField({ choices: [1, 2] }).toInternalValue(['1', 2]); // [1, 2]
   * ```
   */
  toInternalValue(data: unknown): ChoiceValue[] {
    const items = listItems(data);
    if (items === undefined) this.fail('not_a_list', { input_type: pyTypeName(data) });
    if (!this.allowEmpty && items.length === 0) this.fail('empty');
    const values = new Set<ChoiceValue>();
    for (const item of items) {
      if (item === '' && this.allowBlank) {
        values.add('');
        continue;
      }
      const value = this.choiceSet.lookup(item);
      if (value === undefined) this.fail('invalid_choice', { input: item });
      values.add(value);
    }
    return [...values];
  }

  /**
   * The distinct matching choices.
   *
   * @example
   * ```ts
   * new MultipleChoiceField({ choices: [1, 2] }).toRepresentation(['2', 2]); // [2]
   * ```
   */
  override toRepresentation(value: readonly ChoiceValue[]): ChoiceValue[] {
    return [...new Set(value.map((item) => this.choiceSet.lookup(item) ?? item))];
  }

  protected override schema(): FieldOpenApiSchema {
    const schema: FieldOpenApiSchema = {
      type: 'array',
      items: this.choiceSet.schema(this.allowBlank ? [''] : []),
    };
    if (!this.allowEmpty) schema.minItems = 1;
    return schema;
  }
}
