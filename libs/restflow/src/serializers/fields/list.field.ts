import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import { maxLengthValidator, minLengthValidator } from './builtin.validators';
import { SerializerField, SKIP, type FieldOpenApiSchema, type FieldOptions } from './field';
import { FieldValidationError, type FieldErrorDetail } from './field-validation-error';
import { listItems, pyTypeName } from './python-format.util';

/**
 * Options of {@link ListField}.
 *
 * @example
 * ```ts
 * const options: ListFieldOptions<number> = { child: new IntegerField(), maxLength: 10 };
 * ```
 * @publicApi
 */
export interface ListFieldOptions<
  TItem = unknown,
  TItemRepresentation = unknown,
> extends FieldOptions<Array<TItem | null>> {
  /** The field every item goes through; it may not have a `source`. */
  child: SerializerField<TItem, TItemRepresentation>;
  /** Accept `[]`. @default true */
  allowEmpty?: boolean;
  /** Most items allowed. */
  maxLength?: number;
  /** Fewest items allowed. */
  minLength?: number;
}

/**
 * A list whose items all go through one `child` field (DRF's `ListField`). Item errors are
 * collected for every bad item and reported by index, as DRF does: `{ "1": ["A valid integer
 * is required."] }`. Any iterable but a string, a `Map` or a plain object counts as a list.
 *
 * Messages: `not_a_list` 'Expected a list of items but got type "{input_type}".' (Python type
 * names: `str`, `int`, `float`, `bool`, `dict`), `empty` "This list may not be empty.",
 * `min_length` "Ensure this field has at least {min_length} elements.", `max_length` "Ensure
 * this field has no more than {max_length} elements.".
 *
 * @example
 * ```ts
 * const scores = new ListField({ child: new IntegerField({ minValue: 0 }), maxLength: 3 });
 * await scores.runValidation(['1', 2]); // [1, 2]
 * await scores.runValidation([1, 'x', -1]);
 * // throws { '1': ['A valid integer is required.'], '2': ['Ensure this value is greater than or equal to 0.'] }
 * ```
 * @publicApi
 */
export class ListField<TItem = unknown, TItemRepresentation = unknown> extends SerializerField<
  Array<TItem | null>,
  Array<TItemRepresentation | null>
> {
  static override readonly defaultErrorMessages: Readonly<Record<string, string>> = {
    not_a_list: 'Expected a list of items but got type "{input_type}".',
    empty: 'This list may not be empty.',
    min_length: 'Ensure this field has at least {min_length} elements.',
    max_length: 'Ensure this field has no more than {max_length} elements.',
  };

  readonly child: SerializerField<TItem, TItemRepresentation>;
  readonly allowEmpty: boolean;
  readonly maxLength: number | undefined;
  readonly minLength: number | undefined;

  constructor(options: ListFieldOptions<TItem, TItemRepresentation>) {
    super(options);
    this.child = options.child;
    if (this.child.hasExplicitSource) {
      throw new RestflowConfigError(
        'child.source',
        'The `source` option is not meaningful when applied to a `child` field. Fix: remove `source` from the child field.',
      );
    }
    this.allowEmpty = options.allowEmpty ?? true;
    this.maxLength = options.maxLength;
    this.minLength = options.minLength;
    this.child.bind('', this);
    if (this.maxLength !== undefined) {
      const message = this.message('max_length', { max_length: this.maxLength });
      this.validators.push(maxLengthValidator(this.maxLength, message));
    }
    if (this.minLength !== undefined) {
      const message = this.message('min_length', { min_length: this.minLength });
      this.validators.push(minLengthValidator(this.minLength, message));
    }
  }

  /**
   * Validates every item with the child and collects the errors by index.
   *
   * @example
   * ```ts
   * await new ListField({ child: new BooleanField() }).toInternalValue(['yes', 0]); // [true, false]
   * ```
   */
  async toInternalValue(data: unknown): Promise<Array<TItem | null>> {
    const items = listItems(data);
    if (items === undefined) this.fail('not_a_list', { input_type: pyTypeName(data) });
    if (!this.allowEmpty && items.length === 0) this.fail('empty');
    return this.runChildValidation(items);
  }

  /**
   * The child's representation of every item; `null` items stay `null`.
   *
   * @example
   * ```ts
   * new ListField({ child: new DecimalField({ decimalPlaces: 1 }) }).toRepresentation([1, null]);
   * // ['1.0', null]
   * ```
   */
  override toRepresentation(value: Iterable<unknown>): Array<TItemRepresentation | null> {
    return [...value].map((item) =>
      item === null || item === undefined ? null : this.child.toRepresentation(item as TItem),
    );
  }

  /**
   * Runs the child on each item; items whose child skips them (a read-only child) are left out.
   * Override to change how item errors are gathered.
   *
   * @example
   * ```ts
   * await this.runChildValidation(['1', '2']);
   * ```
   */
  protected async runChildValidation(items: readonly unknown[]): Promise<Array<TItem | null>> {
    const result: Array<TItem | null> = [];
    const errors: Record<string, FieldErrorDetail> = {};
    for (const [index, item] of items.entries()) {
      try {
        const value = await this.child.runValidation(item);
        if (value !== SKIP) result.push(value);
      } catch (error) {
        if (!(error instanceof FieldValidationError)) throw error;
        errors[String(index)] = error.detail;
      }
    }
    if (Object.keys(errors).length) throw new FieldValidationError(errors);
    return result;
  }

  protected override schema(): FieldOpenApiSchema {
    const { required: _required, ...items } = this.child.openApi();
    const schema: FieldOpenApiSchema = { type: 'array', items };
    if (this.maxLength !== undefined) schema.maxItems = this.maxLength;
    if (this.minLength !== undefined) schema.minItems = this.minLength;
    if (!this.allowEmpty) schema.minItems = Math.max(schema.minItems ?? 0, 1);
    return schema;
  }
}
