import { ParseError, UnsupportedMediaType } from '../exceptions/standard.exceptions';
import { parseFormBody } from './form-body.parser';
import { parseJsonBody } from './json-body.parser';

const JSON_HEADERS = { 'content-type': 'application/json' };
const json = (text: string | Buffer) =>
  parseJsonBody(typeof text === 'string' ? Buffer.from(text) : text, JSON_HEADERS);

describe('parseJsonBody', () => {
  it('parses objects and arrays, and reads an empty body as {}', () => {
    expect(json('{"a":[1,{"b":null}]}')).toEqual({ a: [1, { b: null }] });
    expect(json('[1,2]')).toEqual([1, 2]);
    expect(json('')).toEqual({});
  });

  it('strips a UTF-8 byte order mark', () => {
    expect(json(Buffer.from('\uFEFF{"a":1}'))).toEqual({ a: 1 });
  });

  it.each(['null', '42', '"x"', 'true'])('refuses the top-level value %s', (text) => {
    expect(() => json(text)).toThrow(ParseError);
  });

  it('refuses __proto__ at any depth and in any spelling, and constructor.prototype', () => {
    expect(() => json('{"a":[{"__proto__":{}}]}')).toThrow('"__proto__" is not allowed');
    expect(() => json('{"\\u005f\\u005fproto\\u005f\\u005f":1}')).toThrow('"__proto__"');
    expect(() => json('{"constructor":{"prototype":{}}}')).toThrow('constructor.prototype');
  });

  it('keeps "constructor" and "prototype" as ordinary keys otherwise', () => {
    expect(json('{"constructor":"x","prototype":1,"u":"\\u00e9"}')).toEqual({
      constructor: 'x',
      prototype: 1,
      u: 'é',
    });
  });

  it('accepts utf-8 spelled either way and refuses other charsets with 415', () => {
    const body = Buffer.from('{}');
    expect(parseJsonBody(body, { 'content-type': 'application/json; charset=UTF-8' })).toEqual({});
    expect(parseJsonBody(body, { 'content-type': 'application/json; charset="utf8"' })).toEqual({});
    expect(() =>
      parseJsonBody(body, { 'content-type': 'application/json; charset=iso-8859-1' }),
    ).toThrow(UnsupportedMediaType);
  });

  it('refuses a content encoding other than identity', () => {
    expect(
      parseJsonBody(Buffer.from('{}'), { ...JSON_HEADERS, 'content-encoding': 'identity' }),
    ).toEqual({});
    expect(() =>
      parseJsonBody(Buffer.from('{}'), { ...JSON_HEADERS, 'content-encoding': 'br' }),
    ).toThrow('Unsupported content encoding "br" in request.');
  });
});

describe('parseFormBody', () => {
  it('keeps flat names, collects repeated ones, and has no prototype', () => {
    const body = parseFormBody(Buffer.from('a=1&a=2&a=3&b%5Bc%5D=x+y&empty='), {});
    expect(body).toEqual({ a: ['1', '2', '3'], 'b[c]': 'x y', empty: '' });
    expect(Object.getPrototypeOf(body)).toBeNull();
  });

  it('counts fields against the limit, ignoring empty segments', () => {
    expect(Object.keys(parseFormBody(Buffer.from('a=1&&b=2&'), {}, 2))).toEqual(['a', 'b']);
    expect(() => parseFormBody(Buffer.from('a=1&b=2&c=3'), {}, 2)).toThrow(
      'Form parse error - too many fields: the limit is 2.',
    );
  });

  it('refuses a __proto__ field, also percent-encoded', () => {
    expect(() => parseFormBody(Buffer.from('%5F_proto__=1'), {})).toThrow('"__proto__"');
  });
});
