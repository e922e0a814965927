/**
 * Turns a value into the JSON text of one streamed item. It is how the streaming responses write
 * items unless given their own `encode` option.
 *
 * @example
 * ```ts
 * const encode: StreamJsonEncoder = (value) => JSON.stringify(value);
 * new NDJSONResponse(rows, { encode });
 * ```
 * @publicApi
 */
export type StreamJsonEncoder = (value: unknown) => string;

/** Characters written as they are: printable ASCII except `"` and `\`. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const ESCAPED = /[^\x20\x21\x23-\x5b\x5d-\x7e]/g;
const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/**
 * The JSON text of `value` as drf-restflow's streaming responses write it (Python's
 * `json.dumps` with Django's encoder): `", "` between items and `": "` after keys, every
 * character outside printable ASCII escaped as `\uXXXX`, dates as ISO 8601 in UTC with
 * milliseconds (`2024-01-02T03:04:05.678Z`). Otherwise it follows `JSON.stringify`: `toJSON()`
 * is called, `undefined` and functions are left out of objects and are `null` in arrays,
 * non-finite numbers are `null`. A `bigint` is written as a JSON number. A cycle throws a
 * `TypeError`.
 *
 * @example
 * ```ts
 * encodeStreamJson({ a: 1, tags: ['x', 'y'], at: new Date(0), name: 'café' });
 * // '{"a": 1, "tags": ["x", "y"], "at": "1970-01-01T00:00:00.000Z", "name": "caf\\u00e9"}'
 * ```
 * @publicApi
 */
export const encodeStreamJson: StreamJsonEncoder = (value) => encodeValue(value, '', []) ?? 'null';

function encodeValue(value: unknown, key: string, parents: object[]): string | undefined {
  let current = value;
  if (
    typeof current === 'object' &&
    current !== null &&
    typeof (current as { toJSON?: unknown }).toJSON === 'function'
  ) {
    current = (current as { toJSON(key: string): unknown }).toJSON(key);
  }
  switch (typeof current) {
    case 'string':
      return quote(current);
    case 'number':
      return Number.isFinite(current) ? String(current) : 'null';
    case 'boolean':
      return current ? 'true' : 'false';
    case 'bigint':
      return current.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (current === null) {
    return 'null';
  }
  const object = current as object;
  if (parents.includes(object)) {
    throw new TypeError('Cannot encode a streamed item that contains itself (a cycle).');
  }
  parents.push(object);
  try {
    // Built by concatenation, without an array of members per object: this runs once per
    // streamed row, and its garbage is most of what an export allocates.
    if (Array.isArray(object)) {
      let text = '[';
      const items = object as unknown[];
      for (let index = 0; index < items.length; index += 1) {
        if (index > 0) text += ', ';
        text += encodeValue(items[index], String(index), parents) ?? 'null';
      }
      return `${text}]`;
    }
    let text = '{';
    let first = true;
    for (const name of Object.keys(object)) {
      const encoded = encodeValue((object as Record<string, unknown>)[name], name, parents);
      if (encoded === undefined) continue;
      text += first ? memberPrefix(name) : `, ${memberPrefix(name)}`;
      text += encoded;
      first = false;
    }
    return `${text}}`;
  } finally {
    parents.pop();
  }
}

/** Quoted keys with their `": "`, for the keys seen most (the fields of the rows streamed). */
const MEMBER_PREFIXES = new Map<string, string>();
const MAX_MEMBER_PREFIXES = 1000;

/** `"name": `, from the cache when the key has been seen. */
function memberPrefix(name: string): string {
  let prefix = MEMBER_PREFIXES.get(name);
  if (prefix === undefined) {
    prefix = `${quote(name)}: `;
    if (MEMBER_PREFIXES.size < MAX_MEMBER_PREFIXES) MEMBER_PREFIXES.set(name, prefix);
  }
  return prefix;
}

/** A JSON string with Python's `ensure_ascii` escaping (lowercase hex, UTF-16 code units). */
function quote(text: string): string {
  if (PLAIN.test(text)) {
    return `"${text}"`;
  }
  const escaped = text.replace(
    ESCAPED,
    (character) =>
      SHORT_ESCAPES[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `"${escaped}"`;
}
