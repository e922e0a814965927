import type { IncomingHttpHeaders } from 'node:http';
import { ParseError } from '../exceptions/standard.exceptions';
import { decodeBodyText } from './body-encoding.util';

/** Any spelling of a key that can reach a prototype: `__proto__`, `prototype`, or an escape. */
const SUSPICIOUS = /__proto__|prototype|\\u/;

/**
 * Parses an `application/json` request body the same way on Express and Fastify:
 *
 * - an empty body is `{}` (DRF reads an empty body as empty data);
 * - the top-level value must be an object or an array (`null`, `42`, `"x"` are refused);
 * - a `__proto__` key, or a `constructor` key holding a `prototype`, is refused anywhere in the
 *   document, since copying such an object with `Object.assign` replaces prototypes;
 * - only UTF-8 without `Content-Encoding` (see `decodeBodyText`).
 *
 * `configureRestflowHttp()` installs it on both adapters.
 *
 * @throws {ParseError} 400 `parse_error` "JSON parse error - ..." for anything else.
 * @throws {UnsupportedMediaType} 415 for a charset other than UTF-8 or a content encoding.
 * @example
 * ```ts
 * parseJsonBody(Buffer.from('{"name":"Atlas"}'), { 'content-type': 'application/json' });
 * // { name: 'Atlas' }
 * parseJsonBody(Buffer.from('null'), { 'content-type': 'application/json' });
 * // throws ParseError: JSON parse error - the body must be an object or an array, got null.
 * ```
 * @publicApi
 */
export function parseJsonBody(body: Buffer, headers: IncomingHttpHeaders): unknown {
  const text = decodeBodyText(body, headers);
  if (text === undefined) {
    throw jsonError('the body is not valid UTF-8.');
  }
  if (text === '') {
    return {};
  }
  let value: unknown;
  try {
    value = SUSPICIOUS.test(text) ? JSON.parse(text, refusePrototypeKeys) : JSON.parse(text);
  } catch (error) {
    if (error instanceof ParseError) {
      throw error;
    }
    throw jsonError((error as Error).message);
  }
  if (typeof value !== 'object' || value === null) {
    throw jsonError(`the body must be an object or an array, got ${describe(value)}.`);
  }
  return value;
}

function refusePrototypeKeys(this: unknown, key: string, value: unknown): unknown {
  if (key === '__proto__') {
    throw jsonError('the key "__proto__" is not allowed.');
  }
  if (
    key === 'constructor' &&
    typeof value === 'object' &&
    value !== null &&
    Object.hasOwn(value, 'prototype')
  ) {
    throw jsonError('the key "constructor.prototype" is not allowed.');
  }
  return value;
}

function jsonError(reason: string): ParseError {
  return new ParseError(`JSON parse error - ${reason}`);
}

function describe(value: unknown): string {
  return value === null ? 'null' : `a ${typeof value}`;
}
