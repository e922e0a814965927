import { encodeStreamJson } from './stream-json.util';
import { formatSseComment, formatSseFrame } from './sse-frame.util';

const frame = (item: unknown) => formatSseFrame(item, encodeStreamJson);

describe('formatSseFrame', () => {
  it('writes the reference frames', () => {
    expect(frame('hello')).toBe('data: hello\n\n');
    expect(frame({ data: { x: 1 }, event: 'update', id: 7, retry: 3000 })).toBe(
      'id: 7\nevent: update\nretry: 3000\ndata: {"x": 1}\n\n',
    );
    expect(frame({ data: 'line1\nline2' })).toBe('data: line1\ndata: line2\n\n');
    expect(frame({ event: 'ping' })).toBe('event: ping\n\n');
    expect(frame({})).toBe('\n\n');
    expect(frame({ data: '' })).toBe('data: \n\n');
    expect(frame({ data: null })).toBe('data: null\n\n');
    expect(frame({ data: 'a\r\nb\rc' })).toBe('data: a\ndata: b\ndata: c\n\n');
  });

  it('refuses line breaks in id, event and retry with the reference message', () => {
    expect(() => frame({ id: 'a\nb' })).toThrow(
      "SSE event field 'id' must not contain CR or LF characters. Strip newlines before passing the value.",
    );
    expect(() => frame({ event: 'a\rb' })).toThrow("SSE event field 'event'");
  });

  it('refuses items that are not events, and unknown fields', () => {
    expect(() => frame(42)).toThrow(TypeError);
    expect(() => frame([1])).toThrow(TypeError);
    expect(() => frame(new Date())).toThrow(TypeError);
    expect(() => frame({ payload: 1 })).toThrow("unknown field(s) 'payload'");
    expect(() => frame({ id: { x: 1 } })).toThrow('must be a string or a number');
  });

  it('writes comments', () => {
    expect(formatSseComment('heartbeat')).toBe(': heartbeat\n\n');
    expect(formatSseComment('')).toBe(':\n\n');
  });
});
