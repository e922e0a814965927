import type { KeyObject } from 'node:crypto';
import { isPlainObject } from '../../core/is-plain-object.util';
import { signJws, verifyJws, type JwtAlgorithm } from './jwt-algorithms';
import { TokenError } from './token-error';

/**
 * The claims of a token: the registered ones the stack sets and checks, and any others.
 *
 * @example
 * ```ts
 * const payload: JwtPayload = { token_type: 'access', iat: 1700000000, exp: 1700000300, jti: '…', user_id: 7 };
 * ```
 * @publicApi
 */
export interface JwtPayload {
  token_type?: string;
  iat?: number;
  exp?: number;
  nbf?: number;
  jti?: string;
  iss?: string;
  aud?: string | string[];
  [claim: string]: unknown;
}

/**
 * What {@link decodeJwt} checks besides the signature.
 *
 * @internal
 */
export interface DecodeOptions {
  /** The pinned algorithm: the header's `alg` must be exactly this. */
  algorithm: JwtAlgorithm;
  /** The key signatures are checked with. */
  key: KeyObject;
  /** Required `iss` (`null`: not checked). */
  issuer: string | null;
  /** Required member of `aud` (`null`: not checked). */
  audience: string | null;
  /** Seconds of clock skew tolerated on `exp`, `nbf` and `iat`. */
  leeway: number;
  /** Current time in seconds (default: the clock). */
  now?: number;
}

const HEADER_TYPE = 'JWT';
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Encodes and signs a JWS compact token: header `{"alg","typ":"JWT"}`, the payload as compact
 * JSON, both base64url without padding.
 *
 * @internal
 */
export function encodeJwt(payload: JwtPayload, algorithm: JwtAlgorithm, key: KeyObject): string {
  const header = segment(JSON.stringify({ alg: algorithm, typ: HEADER_TYPE }));
  const body = segment(JSON.stringify(payload));
  const input = `${header}.${body}`;
  return `${input}.${signJws(algorithm, key, Buffer.from(input)).toString('base64url')}`;
}

/**
 * Verifies a compact token and returns its claims, in PyJWT's order and with its messages:
 * segments, header, `alg` (must equal the pinned algorithm, which refuses `none` and a public key
 * used as an HMAC secret), signature, payload, then the required `exp` and `iat`, `iat`/`nbf` not
 * in the future, `exp` not past (with leeway), `iss` and `aud` when configured.
 *
 * @throws {TokenError} with the reason.
 * @internal
 */
export function decodeJwt(raw: string, options: DecodeOptions): JwtPayload {
  // PyJWT splits off the signature at the last dot, then the header at the first one.
  const lastDot = raw.lastIndexOf('.');
  const firstDot = raw.indexOf('.');
  if (lastDot === -1 || firstDot === lastDot) {
    throw new TokenError('Not enough segments');
  }
  const headerSegment = raw.slice(0, firstDot);
  const payloadSegment = raw.slice(firstDot + 1, lastDot);
  const signatureSegment = raw.slice(lastDot + 1);

  const header = parseObject(decodeSegment(headerSegment, 'Invalid header padding'), 'header');
  const payloadBytes = decodeSegment(payloadSegment, 'Invalid payload padding');
  const signature = decodeSegment(signatureSegment, 'Invalid crypto padding');

  if (header.alg !== options.algorithm) {
    throw new TokenError('The specified alg value is not allowed');
  }
  const input = Buffer.from(raw.slice(0, lastDot));
  if (!verifyJws(options.algorithm, options.key, input, signature)) {
    throw new TokenError('Signature verification failed');
  }
  const payload = parseObject(payloadBytes, 'payload') as JwtPayload;
  validateClaims(payload, options);
  return payload;
}

function validateClaims(payload: JwtPayload, options: DecodeOptions): void {
  for (const claim of ['exp', 'iat']) {
    if (payload[claim] === undefined || payload[claim] === null) {
      throw new TokenError(`Token is missing the "${claim}" claim`);
    }
  }
  const now = options.now ?? Date.now() / 1000;
  const { leeway } = options;
  const iat = numericDate(payload.iat, 'Issued At claim (iat) must be an integer.');
  if (iat > now + leeway) {
    throw new TokenError('The token is not yet valid (iat)');
  }
  if (payload.nbf !== undefined) {
    const nbf = numericDate(payload.nbf, 'Not Before claim (nbf) must be an integer.');
    if (nbf > now + leeway) {
      throw new TokenError('The token is not yet valid (nbf)');
    }
  }
  const exp = numericDate(payload.exp, 'Expiration Time claim (exp) must be an integer.');
  if (exp <= now - leeway) {
    throw new TokenError('Token has expired.');
  }
  if (options.issuer !== null) {
    if (payload.iss === undefined) {
      throw new TokenError('Token is missing the "iss" claim');
    }
    if (payload.iss !== options.issuer) {
      throw new TokenError('Invalid issuer');
    }
  }
  if (options.audience !== null) {
    validateAudience(payload.aud, options.audience);
  }
}

function validateAudience(claim: unknown, audience: string): void {
  if (claim === undefined || claim === null || claim === '' || isEmptyArray(claim)) {
    throw new TokenError('Token is missing the "aud" claim');
  }
  const audiences = typeof claim === 'string' ? [claim] : claim;
  if (!Array.isArray(audiences) || audiences.some((item) => typeof item !== 'string')) {
    throw new TokenError('Invalid claim format in token');
  }
  if (!audiences.includes(audience)) {
    throw new TokenError('Invalid audience');
  }
}

function isEmptyArray(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}

/** A NumericDate claim as PyJWT reads it (`int(value)`): any finite number, truncated. */
function numericDate(value: unknown, message: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TokenError(message);
  }
  return Math.trunc(value);
}

function segment(json: string): string {
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** Strict base64url: only its alphabet, no padding, and never a length that cannot be one. */
function decodeSegment(value: string, message: string): Buffer {
  if (!BASE64URL.test(value) || value.length % 4 === 1) {
    throw new TokenError(message);
  }
  return Buffer.from(value, 'base64url');
}

function parseObject(bytes: Buffer, part: 'header' | 'payload'): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch (error) {
    throw new TokenError(`Invalid ${part} string: ${(error as Error).message}`);
  }
  if (!isPlainObject(value)) {
    throw new TokenError(`Invalid ${part} string: must be a json object`);
  }
  return value;
}
