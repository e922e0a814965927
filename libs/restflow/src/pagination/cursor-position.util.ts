/**
 * The cursor of {@link CursorPagination}: which values a key column may hold, how a row's
 * position is written into an opaque token and how a token from a client is checked.
 *
 * A token is base64url (no padding) of a small JSON object:
 * `{"v": <ordering value>, "k": <primary key>, "r": true, "i": true}`, where `v` is absent when
 * the ordering column is the primary key itself, `r` marks a backwards (previous-page) cursor and
 * `i` an inclusive one (the boundary row belongs to the page).
 *
 * @internal
 */
import type { KeyColumnType } from '../core/column-type.util';

/**
 * A decoded cursor: the boundary row's values, ready to bind, and the direction.
 *
 * @example
 * ```ts
 * const position: CursorPosition = { value: 30, key: 3, reverse: false, inclusive: false };
 * ```
 */
export interface CursorPosition {
  /** The ordering value (`undefined` when the ordering column is the primary key). */
  readonly value: unknown;
  readonly key: unknown;
  /** Backwards: the page is the rows before the position. */
  readonly reverse: boolean;
  /** The boundary row itself belongs to the page. */
  readonly inclusive: boolean;
}

/**
 * JSON-safe values of a position, as written into a token.
 *
 * @example
 * ```ts
 * const position: EncodedPosition = { v: '2024-03-01T10:00:00.250Z', k: 4 };
 * ```
 */
export interface EncodedPosition {
  readonly v?: JsonScalar;
  readonly k: JsonScalar;
}

type JsonScalar = string | number | boolean;

/**
 * The JSON form of a row's value for a cursor, or `undefined` when the value cannot be written
 * (missing, `null`, an invalid date, a non-finite number).
 *
 * @example
 * ```ts
 * encodeKeyValue({ kind: 'datetime' }, new Date(0)); // '1970-01-01T00:00:00.000Z'
 * ```
 */
export function encodeKeyValue(type: KeyColumnType, value: unknown): JsonScalar | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  if (type.kind === 'datetime') {
    // A string arrives from drivers told to return dates as text (mysql2's `dateStrings`).
    const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
    return date === null || Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  if (typeof value === 'bigint') {
    return value.toString();
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : undefined;
  }
  if (typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  return undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
const DECIMAL = /^-?\d{1,65}(\.\d{1,30})?$/;
const INTEGER = /^-?\d{1,20}$/;

/**
 * Marks a value that fails {@link decodeKeyValue}.
 *
 * @example
 * ```ts
 * if (decodeKeyValue(type, json) === INVALID) throw new NotFound('Invalid cursor');
 * ```
 */
export const INVALID = Symbol('invalid cursor value');

/**
 * The value to bind for a cursor's JSON value, checked against what the column can hold, or
 * {@link INVALID}. The checks keep a tampered cursor from reaching the database as a value the
 * database would reject (an out-of-range integer or a malformed UUID would fail the query).
 *
 * @example
 * ```ts
 * decodeKeyValue({ kind: 'datetime' }, '2024-03-01T10:00:00.250Z'); // a Date
 * decodeKeyValue({ kind: 'uuid' }, 'nope'); // INVALID
 * ```
 */
export function decodeKeyValue(type: KeyColumnType, value: unknown): unknown {
  switch (type.kind) {
    case 'integer':
      return decodeInteger(value, type);
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) ? value : INVALID;
    case 'decimal':
      return (typeof value === 'number' && Number.isFinite(value)) ||
        (typeof value === 'string' && DECIMAL.test(value))
        ? value
        : INVALID;
    case 'boolean':
      return typeof value === 'boolean' ? value : INVALID;
    case 'datetime': {
      if (typeof value !== 'string' || !ISO_DATETIME.test(value)) {
        return INVALID;
      }
      const date = new Date(value);
      // The round trip rejects impossible dates such as 2024-02-30, which Date would roll over.
      return !Number.isNaN(date.getTime()) && date.toISOString() === value ? date : INVALID;
    }
    case 'date':
      return typeof value === 'string' &&
        ISO_DATE.test(value) &&
        new Date(`${value}T00:00:00.000Z`).toISOString().startsWith(value)
        ? value
        : INVALID;
    case 'time':
      return typeof value === 'string' && TIME.test(value) ? value : INVALID;
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? value : INVALID;
    case 'string':
      return isText(value) ? value : INVALID;
    case 'enum':
      return isText(value) || (typeof value === 'number' && Number.isFinite(value))
        ? value
        : INVALID;
  }
}

/** A string PostgreSQL accepts as text (it rejects NUL characters). */
function isText(value: unknown): value is string {
  return typeof value === 'string' && !value.includes('\u0000');
}

function decodeInteger(value: unknown, type: KeyColumnType): unknown {
  const range = type.range;
  let big: bigint;
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    big = BigInt(value);
  } else if (type.integerText === true && typeof value === 'string' && INTEGER.test(value)) {
    big = BigInt(value);
  } else {
    return INVALID;
  }
  if (range !== undefined && (big < range[0] || big > range[1])) {
    return INVALID;
  }
  return value;
}

/** Longest token accepted; real ones are far shorter. */
const MAX_TOKEN_LENGTH = 2048;
const TOKEN = /^[A-Za-z0-9_-]+$/;
const TOKEN_KEYS = new Set(['v', 'k', 'r', 'i']);

/**
 * Writes a position into an opaque, URL-safe token.
 *
 * @example
 * ```ts
 * encodeCursor({ v: 30, k: 3 }, false, false); // 'eyJ2IjozMCwiayI6M30'
 * ```
 */
export function encodeCursor(
  position: EncodedPosition,
  reverse: boolean,
  inclusive: boolean,
): string {
  const json: Record<string, JsonScalar> = {};
  if (position.v !== undefined) {
    json.v = position.v;
  }
  json.k = position.k;
  if (reverse) {
    json.r = true;
  }
  if (inclusive) {
    json.i = true;
  }
  return Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
}

/**
 * Reads a token back, checking its shape and that each value fits its column; `null` for
 * anything malformed. `valueType` is `null` when the ordering column is the primary key.
 *
 * @example
 * ```ts
 * decodeCursor('eyJ2IjozMCwiayI6M30', scoreType, idType);
 * // { value: 30, key: 3, reverse: false, inclusive: false }
 * ```
 */
export function decodeCursor(
  token: string,
  valueType: KeyColumnType | null,
  keyType: KeyColumnType,
): CursorPosition | null {
  if (token.length > MAX_TOKEN_LENGTH || !TOKEN.test(token)) {
    return null;
  }
  const bytes = Buffer.from(token, 'base64url');
  // Only the canonical spelling is accepted, so one position has exactly one token.
  if (bytes.toString('base64url') !== token) {
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return null;
  }
  const fields = json as Record<string, unknown>;
  const keys = Object.keys(fields);
  if (keys.some((name) => !TOKEN_KEYS.has(name)) || !('k' in fields)) {
    return null;
  }
  if (('r' in fields && fields.r !== true) || ('i' in fields && fields.i !== true)) {
    return null;
  }
  if ((valueType === null) !== !('v' in fields)) {
    return null;
  }
  const key = decodeKeyValue(keyType, fields.k);
  const value = valueType === null ? undefined : decodeKeyValue(valueType, fields.v);
  if (key === INVALID || value === INVALID) {
    return null;
  }
  return { value, key, reverse: fields.r === true, inclusive: fields.i === true };
}
