import { SerializerField, type FieldOpenApiSchema, type FieldOptions } from './field';
import { isPlainObject } from '../../core/is-plain-object.util';

const TRUE_STRINGS = new Set([
  't',
  'T',
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'true',
  'True',
  'TRUE',
  'on',
  'On',
  'ON',
  '1',
]);
const FALSE_STRINGS = new Set([
  'f',
  'F',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
  '0',
]);
const NULL_STRINGS = new Set(['null', 'Null', 'NULL', '']);

function isTrue(value: unknown): boolean {
  return value === true || value === 1 || (typeof value === 'string' && TRUE_STRINGS.has(value));
}

function isFalse(value: unknown): boolean {
  return value === false || value === 0 || (typeof value === 'string' && FALSE_STRINGS.has(value));
}

function isNullLike(value: unknown): boolean {
  return value === null || (typeof value === 'string' && NULL_STRINGS.has(value));
}

/** Python's truthiness: empty strings, zero, empty lists and dicts are false. */
function pyTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return Boolean(value);
}

/**
 * A boolean (DRF's `BooleanField`) with DRF's spellings: `true`, `1`, `"1"`, `"true"`,
 * `"True"`, `"TRUE"`, `"t"`, `"T"`, `"yes"`, `"Yes"`, `"YES"`, `"y"`, `"Y"`, `"on"`, `"On"`,
 * `"ON"` are true; `false`, `0`, `"0"`, `"false"`, `"False"`, `"FALSE"`, `"f"`, `"F"`, `"no"`,
 * `"No"`, `"NO"`, `"n"`, `"N"`, `"off"`, `"Off"`, `"OFF"` are false. With `allowNull`, `""`,
 * `"null"`, `"Null"` and `"NULL"` are `null`. Message: `invalid` "Must be a valid boolean.".
 *
 * @example
 * ```ts
 * await new BooleanField().runValidation('off'); // false
 * await new BooleanField().runValidation('maybe'); // throws ['Must be a valid boolean.']
 * ```
 * @publicApi
 */
export class BooleanField extends SerializerField<boolean | null, boolean | null> {
  static override readonly defaultErrorMessages: Readonly<Record<string, string>> = {
    invalid: 'Must be a valid boolean.',
  };

  constructor(options: FieldOptions<boolean | null> = {}) {
    super(options);
  }

  /**
   * Maps DRF's true and false spellings.
   *
   * @example
   * ```ts
   * new BooleanField().toInternalValue('Y'); // true
   * ```
   */
  toInternalValue(data: unknown): boolean | null {
    if (isTrue(data)) return true;
    if (isFalse(data)) return false;
    if (this.allowNull && isNullLike(data)) return null;
    return this.fail('invalid', { input: data });
  }

  /**
   * The same spellings, then Python's truthiness for anything else.
   *
   * @example
   * ```ts
   * new BooleanField().toRepresentation('no'); // false
   * new BooleanField().toRepresentation(5); // true
   * ```
   */
  override toRepresentation(value: unknown): boolean | null {
    if (isTrue(value)) return true;
    if (isFalse(value)) return false;
    if (this.allowNull && isNullLike(value)) return null;
    return pyTruthy(value);
  }

  protected override schema(): FieldOpenApiSchema {
    return { type: 'boolean' };
  }
}
