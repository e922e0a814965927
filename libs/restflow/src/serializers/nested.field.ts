import { SerializerField, type FieldOpenApiSchema, type FieldOptions } from './fields/field';
import { FieldValidationError, type FieldErrorDetail } from './fields/field-validation-error';
import { pyTypeName } from './fields/python-format.util';
import { Serializer, type SerializerClass, type ValidatedData } from './serializer';

/**
 * Options of a nested serializer field.
 *
 * @example
 * ```ts
 * new NestedField(() => AddressSerializer, { many: true, allowEmpty: false });
 * ```
 * @publicApi
 */
export interface NestedFieldOptions extends FieldOptions<ValidatedData | ValidatedData[]> {
  /** A list of nested objects instead of one. @default false */
  many?: boolean;
  /** With `many`: whether `[]` is accepted. @default true */
  allowEmpty?: boolean;
}

/**
 * A serializer used as a field: validates a nested object (or a list of them, with `many`)
 * with its own fields and hooks, and represents the related object(s) with them. Errors nest
 * under the field's name; list items are keyed by index. The nested serializer shares the
 * parent's context and partial mode.
 *
 * `@Field()` builds one for a property whose type is a serializer class.
 *
 * @example
 * ```ts
 * class OrderSerializer extends Serializer {
 *   @Field({ serializer: () => LineSerializer, many: true }) lines!: LineSerializer[];
 * }
 * // errors: { lines: { '1': { quantity: ['A valid integer is required.'] } } }
 * ```
 * @publicApi
 */
export class NestedField extends SerializerField<ValidatedData | ValidatedData[], unknown> {
  static override readonly defaultErrorMessages = {
    not_a_list: 'Expected a list of items but got type "{input_type}".',
    empty: 'This list may not be empty.',
  };

  /** Whether the field holds a list. */
  readonly many: boolean;
  private readonly allowEmpty: boolean;

  constructor(
    private readonly serializerClass: () => SerializerClass,
    options: NestedFieldOptions = {},
  ) {
    super(options);
    this.many = options.many ?? false;
    this.allowEmpty = options.allowEmpty ?? true;
  }

  /** The nested serializer class (resolved lazily, so classes may refer to each other). */
  get nestedClass(): SerializerClass {
    return this.serializerClass();
  }

  async toInternalValue(data: unknown): Promise<ValidatedData | ValidatedData[]> {
    if (!this.many) {
      return this.validateOne(data);
    }
    if (!Array.isArray(data)) {
      this.fail('not_a_list', { input_type: pyTypeName(data) });
    }
    if (data.length === 0 && !this.allowEmpty) {
      this.fail('empty');
    }
    const items: ValidatedData[] = [];
    const errors: Record<string, FieldErrorDetail> = {};
    for (const [index, item] of data.entries()) {
      try {
        items.push(await this.validateOne(item));
      } catch (error) {
        if (!(error instanceof FieldValidationError)) throw error;
        errors[String(index)] = error.detail;
      }
    }
    if (Object.keys(errors).length > 0) {
      throw new FieldValidationError(errors);
    }
    return items;
  }

  override toRepresentation(value: ValidatedData | ValidatedData[]): unknown {
    // One nested serializer represents every row, as DRF's bound child does: not one per row
    // (each would copy and bind its fields again).
    let representer = this.representer;
    if (!representer || representer.parent !== this.parent) {
      representer = { parent: this.parent, serializer: this.nested() };
      this.representer = representer;
    }
    const { serializer } = representer;
    return Array.isArray(value)
      ? value.map((item) => serializer.toRepresentation(item))
      : serializer.toRepresentation(value);
  }

  protected override schema(): FieldOpenApiSchema {
    return this.many ? { type: 'array', items: { type: 'object' } } : { type: 'object' };
  }

  private async validateOne(data: unknown): Promise<ValidatedData> {
    const serializer = this.nested(data);
    if (!(await serializer.isValid())) {
      throw new FieldValidationError(serializer.errors as { [key: string]: FieldErrorDetail });
    }
    return serializer.validatedData;
  }

  /**
   * The serializer that represents values, with the parent it was made for: a copy bound to
   * another parent (it reads this through its prototype) makes its own.
   */
  private representer: { parent: object | undefined; serializer: Serializer } | undefined;

  private nested(data?: unknown): Serializer {
    const parent = this.parent instanceof Serializer ? this.parent : undefined;
    return new (this.serializerClass())({
      data,
      partial: parent?.partial,
      context: parent?.context,
    });
  }
}
