import type { IncomingHttpHeaders } from 'node:http';
import { ParseError } from '../exceptions/standard.exceptions';
import { decodeBodyText } from './body-encoding.util';

/**
 * Most fields a form body may have (Django's `DATA_UPLOAD_MAX_NUMBER_FIELDS`).
 *
 * @example
 * ```ts
 * configureRestflowHttp(app, { maxFormFields: MAX_FORM_FIELDS * 2 });
 * ```
 * @publicApi
 */
export const MAX_FORM_FIELDS = 1000;

/**
 * Parses an `application/x-www-form-urlencoded` request body the same way on Express and
 * Fastify, as Django's `QueryDict` does: flat names (`a[b]=1` is the field `"a[b]"`), a repeated
 * name gives an array of its values, into an object without a prototype. An empty body is `{}`.
 *
 * `configureRestflowHttp()` installs it on both adapters.
 *
 * @throws {ParseError} 400 `parse_error` for more than `maxFields` fields, a `__proto__` field,
 *   or bytes that are not UTF-8.
 * @throws {UnsupportedMediaType} 415 for a charset other than UTF-8 or a content encoding.
 * @example
 * ```ts
 * parseFormBody(Buffer.from('tag=a&tag=b&name=Atlas'), {});
 * // { tag: ['a', 'b'], name: 'Atlas' }
 * ```
 * @publicApi
 */
export function parseFormBody(
  body: Buffer,
  headers: IncomingHttpHeaders,
  maxFields: number = MAX_FORM_FIELDS,
): Record<string, string | string[]> {
  const text = decodeBodyText(body, headers);
  if (text === undefined) {
    throw new ParseError('Form parse error - the body is not valid UTF-8.');
  }
  let fields = 0;
  for (const part of text.split('&')) {
    if (part !== '' && ++fields > maxFields) {
      throw new ParseError(`Form parse error - too many fields: the limit is ${maxFields}.`);
    }
  }
  const result = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of new URLSearchParams(text)) {
    if (name === '__proto__') {
      throw new ParseError('Form parse error - the field "__proto__" is not allowed.');
    }
    const current = result[name];
    result[name] = current === undefined ? value : [...[current].flat(), value];
  }
  return result;
}
