import {
  maxLengthValidator,
  minLengthValidator,
  prohibitNullCharacters,
  prohibitSurrogateCharacters,
} from './builtin.validators';
import { EMPTY, SerializerField, SKIP, type FieldOpenApiSchema, type FieldOptions } from './field';
import { pyStr, pyStrip } from './python-format.util';

/**
 * Options of {@link CharField} and the string fields built on it.
 *
 * @example
 * ```ts
 * const options: CharFieldOptions = { maxLength: 100, allowBlank: true };
 * ```
 * @publicApi
 */
export interface CharFieldOptions extends FieldOptions<string> {
  /** Accept `''` (and, with `trimWhitespace`, whitespace only), validated as `''`. @default false */
  allowBlank?: boolean;
  /** Strip leading and trailing whitespace (Python's definition of it). @default true */
  trimWhitespace?: boolean;
  /** Most characters (code points) allowed. */
  maxLength?: number;
  /** Fewest characters (code points) allowed. */
  minLength?: number;
}

/**
 * A text field (DRF's `CharField`). Strings are trimmed; numbers are accepted and turned into
 * strings; booleans, lists and objects are rejected. Null characters and lone surrogates are
 * refused, as in DRF.
 *
 * Messages: `invalid` "Not a valid string.", `blank` "This field may not be blank.",
 * `max_length` "Ensure this field has no more than {max_length} characters.",
 * `min_length` "Ensure this field has at least {min_length} characters.".
 *
 * @example
 * ```ts
 * const title = new CharField({ maxLength: 5 });
 * await title.runValidation('  abc '); // 'abc'
 * await title.runValidation('abcdef'); // throws ['Ensure this field has no more than 5 characters.']
 * ```
 * @publicApi
 */
export class CharField extends SerializerField<string, string> {
  static override readonly defaultErrorMessages: Readonly<Record<string, string>> = {
    invalid: 'Not a valid string.',
    blank: 'This field may not be blank.',
    max_length: 'Ensure this field has no more than {max_length} characters.',
    min_length: 'Ensure this field has at least {min_length} characters.',
  };

  readonly allowBlank: boolean;
  readonly trimWhitespace: boolean;
  readonly maxLength: number | undefined;
  readonly minLength: number | undefined;

  constructor(options: CharFieldOptions = {}) {
    super(options);
    this.allowBlank = options.allowBlank ?? false;
    this.trimWhitespace = options.trimWhitespace ?? true;
    this.maxLength = options.maxLength;
    this.minLength = options.minLength;
    if (this.maxLength !== undefined) {
      const message = this.message('max_length', { max_length: this.maxLength });
      this.validators.push(maxLengthValidator(this.maxLength, message));
    }
    if (this.minLength !== undefined) {
      const message = this.message('min_length', { min_length: this.minLength });
      this.validators.push(minLengthValidator(this.minLength, message));
    }
    this.validators.push(prohibitNullCharacters, prohibitSurrogateCharacters);
  }

  /**
   * Blank input is settled before anything else, as in DRF: `''` (or whitespace when trimming)
   * is `''` when `allowBlank`, else "This field may not be blank."; validators do not run on it.
   *
   * @example
   * ```ts
   * await new CharField({ allowBlank: true }).runValidation('   '); // ''
   * ```
   */
  override async runValidation(
    data: unknown = EMPTY,
    partial = false,
  ): Promise<string | null | typeof SKIP> {
    if (!this.readOnly && typeof data === 'string' && this.isBlank(data)) {
      if (!this.allowBlank) this.fail('blank');
      return '';
    }
    return super.runValidation(data, partial);
  }

  /**
   * Accepts strings and numbers (booleans are not numbers here), trimming when configured.
   *
   * @example
   * ```ts
   * new CharField().toInternalValue(12); // '12'
   * ```
   */
  toInternalValue(data: unknown): string {
    if (typeof data !== 'string' && typeof data !== 'number' && typeof data !== 'bigint') {
      this.fail('invalid');
    }
    const value = typeof data === 'string' ? data : pyStr(data);
    return this.trimWhitespace ? pyStrip(value) : value;
  }

  /**
   * Python's `str(value)`.
   *
   * @example
   * ```ts
   * new CharField().toRepresentation(42); // '42'
   * ```
   */
  override toRepresentation(value: unknown): string {
    return pyStr(value);
  }

  protected override schema(): FieldOpenApiSchema {
    const schema: FieldOpenApiSchema = { type: 'string' };
    if (this.maxLength !== undefined) schema.maxLength = this.maxLength;
    if (this.minLength !== undefined) schema.minLength = this.minLength;
    return schema;
  }

  private isBlank(data: string): boolean {
    return data === '' || (this.trimWhitespace && pyStrip(data) === '');
  }
}
