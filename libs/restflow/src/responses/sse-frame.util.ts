import type { StreamJsonEncoder } from './stream-json.util';
import type { SSEEvent } from './sse-event.interface';

const FIELDS = new Set(['id', 'event', 'retry', 'data']);
const LINE_FIELDS = ['id', 'event', 'retry'] as const;

/**
 * The wire form of one event: `id`, `event`, `retry`, then one `data:` line per line of data,
 * lines joined by LF, ended by a blank line. `{}` is `"\n\n"`.
 *
 * @throws {TypeError} for an item that is neither a string nor a plain object of the four
 * fields, and for CR or LF inside `id`, `event` or `retry`.
 * @internal
 */
export function formatSseFrame(item: unknown, encode: StreamJsonEncoder): string {
  const event = toEvent(item);
  const lines: string[] = [];
  for (const field of LINE_FIELDS) {
    const value = event[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new TypeError(
        `SSE event field '${field}' must be a string or a number, not ${describe(value)}.`,
      );
    }
    const text = String(value);
    if (/[\r\n]/.test(text)) {
      throw new TypeError(
        `SSE event field '${field}' must not contain CR or LF characters. Strip newlines ` +
          'before passing the value.',
      );
    }
    lines.push(`${field}: ${text}`);
  }
  if (event.data !== undefined) {
    const text = typeof event.data === 'string' ? event.data : encode(event.data);
    for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
      lines.push(`data: ${line}`);
    }
  }
  return `${lines.join('\n')}\n\n`;
}

/**
 * A comment line (`: text`), which clients ignore: the heartbeat that keeps proxies from closing
 * an idle stream.
 *
 * @internal
 */
export function formatSseComment(text: string): string {
  return text === '' ? ':\n\n' : `: ${text}\n\n`;
}

function toEvent(item: unknown): SSEEvent {
  if (typeof item === 'string') {
    return { data: item };
  }
  const prototype: unknown =
    typeof item === 'object' && item !== null ? Object.getPrototypeOf(item) : undefined;
  if (prototype !== Object.prototype && prototype !== null) {
    throw new TypeError(
      `An SSEResponse item must be a string or an { id, event, retry, data } object, not ` +
        `${describe(item)}.`,
    );
  }
  const unknown = Object.keys(item as object).filter((name) => !FIELDS.has(name));
  if (unknown.length > 0) {
    throw new TypeError(
      `An SSEResponse item has the unknown field(s) ${unknown.map((name) => `'${name}'`).join(', ')}; ` +
        'the fields are id, event, retry and data. Fix: put the payload under `data`.',
    );
  }
  return item as SSEEvent;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    return `an instance of ${value.constructor?.name ?? 'an unknown class'}`;
  }
  return `a ${typeof value}`;
}
