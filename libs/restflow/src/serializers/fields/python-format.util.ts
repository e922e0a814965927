/**
 * Small helpers that reproduce how Python (and so DRF) turns values into text. DRF builds its
 * messages with `str.format()` and `str(value)`, so `"{input}" is not a valid choice.` reads
 * `"True"` for a JSON `true`; these helpers make the port print the same words.
 *
 * @internal
 */
import { isPlainObject } from '../../core/is-plain-object.util';

/** Characters for which Python's `str.isspace()` is true, i.e. what `str.strip()` removes. */
const PYTHON_WHITESPACE =
  '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006' +
  '\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

/**
 * Python's `str.strip()` without arguments. It differs from `String.prototype.trim()`: Python
 * strips `\x1c`-`\x1f` and `\x85`, and keeps the byte-order mark `\ufeff`.
 *
 * @example
 * ```ts
 * pyStrip('\ufeff a \x1c'); // '\ufeff a'
 * ```
 * @internal
 */
export function pyStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && PYTHON_WHITESPACE.includes(text.charAt(start))) start++;
  while (end > start && PYTHON_WHITESPACE.includes(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}

/**
 * Length in code points, which is what Python's `len()` counts for a `str` (an emoji is one
 * character, not two UTF-16 units).
 *
 * @example
 * ```ts
 * codePointLength('a😀'); // 2
 * ```
 * @internal
 */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _char of text) length++;
  return length;
}

/**
 * Python's `str()` of a number. JavaScript cannot tell `1` from `1.0`, so whole numbers print
 * as Python integers; other floats follow Python's `repr`: the shortest round-trip digits,
 * in exponent form below 1e-4 and from 1e16 on, with a two-digit exponent (`1e-07`).
 */
function pyNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (Number.isInteger(value)) return BigInt(value).toString();
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) return String(value);
  const sign = exponent < 0 ? '-' : '+';
  return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/**
 * Python's `repr()` for the JSON kinds: strings in quotes, `None`, `True`, lists and dicts.
 *
 * @example
 * ```ts
 * pyRepr(['a', null]); // "['a', None]"
 * ```
 * @internal
 */
export function pyRepr(value: unknown): string {
  if (typeof value !== 'string') return pyStr(value);
  // Python prefers single quotes and switches to double quotes to avoid escaping.
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replaceAll(quote, `\\${quote}`);
  return `${quote}${escaped}${quote}`;
}

/**
 * Python's `str()` for the values a JSON body can hold (plus a few JavaScript extras).
 *
 * @example
 * ```ts
 * pyStr(true); // 'True'
 * pyStr({ a: [1, 'x'] }); // "{'a': [1, 'x']}"
 * ```
 * @internal
 */
export function pyStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return `<function ${value.name || '<lambda>'}>`;
  if (Array.isArray(value)) return `[${value.map((item) => pyRepr(item)).join(', ')}]`;
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value).map(([key, item]) => `${pyRepr(key)}: ${pyRepr(item)}`);
    return `{${entries.join(', ')}}`;
  }
  return Object.prototype.toString.call(value);
}

/**
 * Python's `type(value).__name__` for the JSON kinds, as DRF prints it in
 * `Expected a list of items but got type "str".`: `str`, `int`, `float`, `bool`, `dict`, `list`
 * and `NoneType`; other objects give their constructor's name.
 *
 * @example
 * ```ts
 * pyTypeName(1.5); // 'float'
 * pyTypeName({}); // 'dict'
 * ```
 * @internal
 */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  switch (typeof value) {
    case 'string':
      return 'str';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'function':
      return 'function';
    case 'symbol':
      return 'symbol';
    default:
      break;
  }
  if (Array.isArray(value)) return 'list';
  if (isPlainObject(value)) return 'dict';
  const constructor: unknown = (value as { constructor?: unknown }).constructor;
  return typeof constructor === 'function' && constructor.name ? constructor.name : 'object';
}

/**
 * Fills `{name}` placeholders like Python's `str.format(**params)`, printing each value with
 * {@link pyStr}. Unknown placeholders are left as they are.
 *
 * @example
 * ```ts
 * formatMessage('Ensure this field has at least {min_length} characters.', { min_length: 3 });
 * ```
 * @internal
 */
export function formatMessage(template: string, params: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(params, name) ? pyStr(params[name]) : placeholder,
  );
}

/**
 * The items of a list-like input, or `undefined`: arrays and other iterables such as `Set`,
 * but not strings, maps or plain objects (DRF refuses `str` and mappings as lists).
 *
 * @example
 * ```ts
 * listItems(new Set([1, 2])); // [1, 2]
 * listItems('ab'); // undefined
 * ```
 * @internal
 */
export function listItems(data: unknown): unknown[] | undefined {
  if (Array.isArray(data)) return data as unknown[];
  if (typeof data !== 'object' || data === null || data instanceof Map) return undefined;
  if (!(Symbol.iterator in data)) return undefined;
  return [...(data as Iterable<unknown>)];
}
