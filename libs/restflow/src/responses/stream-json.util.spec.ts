import { encodeStreamJson } from './stream-json.util';

describe('encodeStreamJson', () => {
  it('writes Python json.dumps spacing', () => {
    expect(encodeStreamJson({ a: 1, b: [1, 2, { c: null }], d: true })).toBe(
      '{"a": 1, "b": [1, 2, {"c": null}], "d": true}',
    );
    expect(encodeStreamJson([])).toBe('[]');
    expect(encodeStreamJson({})).toBe('{}');
  });

  it('escapes like ensure_ascii: controls, DEL, non-ASCII and astral characters', () => {
    expect(encodeStreamJson('a"b\\c\n\r\t\b\f\u0001\u007f')).toBe(
      '"a\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u007f"',
    );
    expect(encodeStreamJson('café €')).toBe('"caf\\u00e9 \\u20ac"');
    expect(encodeStreamJson('😀')).toBe('"\\ud83d\\ude00"');
    expect(encodeStreamJson('</script>')).toBe('"</script>"');
  });

  it('follows JSON.stringify for dates, toJSON, undefined, non-finite numbers', () => {
    expect(encodeStreamJson(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)))).toBe(
      '"2024-01-02T03:04:05.678Z"',
    );
    expect(encodeStreamJson({ toJSON: () => ({ x: 1 }) })).toBe('{"x": 1}');
    expect(encodeStreamJson({ a: undefined, b: () => 1, c: 2 })).toBe('{"c": 2}');
    expect(encodeStreamJson([undefined, NaN, Infinity])).toBe('[null, null, null]');
    expect(encodeStreamJson(undefined)).toBe('null');
    expect(encodeStreamJson(12345678901234567890n)).toBe('12345678901234567890');
  });

  it('refuses a cycle with a TypeError, but allows a shared object twice', () => {
    const shared = { x: 1 };
    expect(encodeStreamJson([shared, shared])).toBe('[{"x": 1}, {"x": 1}]');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => encodeStreamJson(cyclic)).toThrow(TypeError);
  });
});
