import { SerializerField, type FieldOpenApiSchema, type FieldOptions } from './field';

/**
 * How {@link UUIDField} writes its value: `hex_verbose` `'5ce0e9a5-5ffa-654b-cee0-1238041fb31a'`,
 * `hex` `'5ce0e9a55ffa654bcee01238041fb31a'`, `urn` `'urn:uuid:5ce0e9a5-...'`.
 *
 * @example
 * ```ts
 * const format: UUIDFormat = 'hex';
 * ```
 * @publicApi
 */
export type UUIDFormat = 'hex_verbose' | 'hex' | 'urn';

/**
 * Options of {@link UUIDField}.
 *
 * @example
 * ```ts
 * const options: UUIDFieldOptions = { format: 'urn', required: false };
 * ```
 * @publicApi
 */
export interface UUIDFieldOptions extends FieldOptions<string> {
  /** Representation format. @default 'hex_verbose' */
  format?: UUIDFormat;
}

const UUID_MAX = 1n << 128n;

function canonical(hex: string): string {
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Python's `uuid.UUID(hex=...)` leniency: `urn:uuid:` prefix, braces and hyphens anywhere are
 * ignored, then exactly 32 hex digits must remain.
 */
function parseUuid(data: unknown): string | undefined {
  if (typeof data === 'string') {
    const hex = data
      .replaceAll('urn:', '')
      .replaceAll('uuid:', '')
      .replace(/^[{}]+|[{}]+$/g, '')
      .replaceAll('-', '');
    return /^[0-9a-f]{32}$/i.test(hex) ? canonical(hex) : undefined;
  }
  // `uuid.UUID(int=...)`: any integer in [0, 2**128).
  const integer =
    typeof data === 'bigint'
      ? data
      : Number.isSafeInteger(data)
        ? BigInt(data as number)
        : undefined;
  if (integer === undefined || integer < 0n || integer >= UUID_MAX) return undefined;
  return canonical(integer.toString(16).padStart(32, '0'));
}

/**
 * A UUID (DRF's `UUIDField`, which is not a `CharField`: `''` is "Must be a valid UUID.").
 * Accepts any letter case, braces, a `urn:uuid:` prefix or no hyphens, and integers; the
 * internal value is the lower-case hyphenated form. Message: `invalid` "Must be a valid UUID.".
 *
 * @example
 * ```ts
 * await new UUIDField().runValidation('{5CE0E9A5-5FFA-654B-CEE0-1238041FB31A}');
 * // '5ce0e9a5-5ffa-654b-cee0-1238041fb31a'
 * new UUIDField({ format: 'hex' }).toRepresentation('5ce0e9a5-5ffa-654b-cee0-1238041fb31a');
 * // '5ce0e9a55ffa654bcee01238041fb31a'
 * ```
 * @publicApi
 */
export class UUIDField extends SerializerField<string, string> {
  static override readonly defaultErrorMessages: Readonly<Record<string, string>> = {
    invalid: 'Must be a valid UUID.',
  };

  readonly format: UUIDFormat;

  constructor(options: UUIDFieldOptions = {}) {
    super(options);
    this.format = options.format ?? 'hex_verbose';
  }

  /**
   * Parses a UUID string or integer into the lower-case hyphenated form.
   *
   * @example
   * ```ts
   * new UUIDField().toInternalValue(1); // '00000000-0000-0000-0000-000000000001'
   * ```
   */
  toInternalValue(data: unknown): string {
    const value = parseUuid(data);
    if (value === undefined) this.fail('invalid', { value: data });
    return value;
  }

  /**
   * Writes the UUID in `format`; a value that is not a UUID is returned as a string unchanged.
   *
   * @example
   * ```ts
   * new UUIDField({ format: 'urn' }).toRepresentation('5CE0E9A5-5FFA-654B-CEE0-1238041FB31A');
   * // 'urn:uuid:5ce0e9a5-5ffa-654b-cee0-1238041fb31a'
   * ```
   */
  override toRepresentation(value: unknown): string {
    const uuid = parseUuid(value);
    if (uuid === undefined) return String(value);
    if (this.format === 'hex') return uuid.replaceAll('-', '');
    if (this.format === 'urn') return `urn:uuid:${uuid}`;
    return uuid;
  }

  protected override schema(): FieldOpenApiSchema {
    return { type: 'string', format: 'uuid' };
  }
}
