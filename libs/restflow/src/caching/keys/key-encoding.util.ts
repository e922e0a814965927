import { createHash } from 'node:crypto';

/**
 * Characters a key value never contains raw: the separators of the key layout (`:`, `,`, `|`),
 * the brackets of lists and objects, the sigils of typed values (`'`, `@`, `~`), glob characters
 * (`*`, `?`, `[`, `]`, `\`), `%` itself, and control characters and spaces. Each is written as
 * `%XX`, so no value can imitate a separator (the original joins with `::`, `||`, `:` and `,`
 * without escaping, and different values could share a key).
 */
// eslint-disable-next-line no-control-regex -- control characters are what it escapes
const RESERVED = /[%:,|[\]{}'@~*?\\\s\u0000-\u001f\u007f]/g;

/** Words a non-string value is written as; a string equal to one of them is quoted. */
const TYPED_WORD =
  /^(?:null|undefined|true|false|NaN|-?Infinity|-?\d+n?|-?\d+\.\d+(?:e[+-]?\d+)?|-?\d+e[+-]?\d+)$/;

/**
 * Escapes the reserved characters of one string.
 *
 * @internal
 */
export function escapeKeyText(text: string): string {
  return text.replace(
    RESERVED,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** How lists are ordered in a key. */
export interface KeyEncodingOptions {
  /** Sort list elements by their encoding (sets given as arrays). @default false */
  sortLists?: boolean;
}

/**
 * The encoding of one value in a key: injective, so distinct values never share it, and
 * readable. Strings are written escaped (`'`-prefixed when they would read as another type, or
 * are empty), numbers and booleans as written in JavaScript, `null` as `null`, `undefined` as
 * `undefined`, bigints with `n`, dates as `@<ISO>`, lists as `[a,b]`, plain objects as
 * `{a:1|b:2}` with keys sorted. Anything else (class instances, functions, symbols) is refused.
 *
 * @throws {TypeError} for a value that has no stable encoding.
 * @internal
 */
export function encodeKeyValue(value: unknown, options: KeyEncodingOptions = {}): string {
  switch (typeof value) {
    case 'string':
      // Escaping leaves no raw `'`, so a leading one marks a string that needs quoting.
      return value === '' || TYPED_WORD.test(value)
        ? `'${escapeKeyText(value)}`
        : escapeKeyText(value);
    case 'number':
      // -0 and 0 are one value in a key (they compare equal).
      return Object.is(value, -0) ? '0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'undefined';
    case 'object':
      return encodeObject(value, options);
    default:
      throw new TypeError(
        `A ${typeof value} cannot be part of a cache key: pass a string, number, boolean, ` +
          `date, list or plain object, or read a field of it with a dotted path.`,
      );
  }
}

function encodeObject(value: object | null, options: KeyEncodingOptions): string {
  if (value === null) {
    return 'null';
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? '@invalid' : `@${value.toISOString()}`;
  }
  if (Array.isArray(value) || value instanceof Set) {
    const items = [...(value as Iterable<unknown>)].map((item) => encodeKeyValue(item, options));
    if (options.sortLists || value instanceof Set) items.sort();
    return `[${items.join(',')}]`;
  }
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype !== Object.prototype && prototype !== null) {
    throw new TypeError(
      `An instance of ${value.constructor?.name ?? 'a class'} cannot be part of a cache key: ` +
        `read a field of it with a dotted path (such as "user.id"), or pass plain values.`,
    );
  }
  const entries = Object.keys(value)
    .sort()
    .map(
      (name) =>
        `${escapeKeyText(name)}:${encodeKeyValue((value as Record<string, unknown>)[name], options)}`,
    );
  return `{${entries.join('|')}}`;
}

/**
 * The default hash of key parts: SHA-256, hex (64 characters).
 *
 * @internal
 */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
