import { randomBytes, timingSafeEqual } from 'node:crypto';

const SECRET_BYTES = 32;
/** base64url of the 32-byte mask followed by the 32-byte masked secret. */
const TOKEN = /^[A-Za-z0-9_-]{86}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/**
 * A new per-session CSRF secret: 32 random bytes, base64url (kept in the session, never sent).
 *
 * @example
 * ```ts
 * session.csrfSecret = newCsrfSecret();
 * ```
 * @internal
 */
export function newCsrfSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

/**
 * Whether `secret` has the shape {@link newCsrfSecret} gives.
 *
 * @example
 * ```ts
 * isCsrfSecret(session.csrfSecret);
 * ```
 * @internal
 */
export function isCsrfSecret(secret: unknown): secret is string {
  return typeof secret === 'string' && SECRET.test(secret);
}

/**
 * A token for the client: the secret XOR a fresh random mask, preceded by the mask (Django's
 * masking). Every call gives a different token for the same secret, so a token in a compressed
 * response cannot be recovered byte by byte (BREACH); all of them verify.
 *
 * @example
 * ```ts
 * response.json({ csrfToken: maskCsrfSecret(secret) });
 * ```
 * @internal
 */
export function maskCsrfSecret(secret: string): string {
  const plain = Buffer.from(secret, 'base64url');
  const mask = randomBytes(SECRET_BYTES);
  return Buffer.concat([mask, xor(plain, mask)]).toString('base64url');
}

/**
 * Whether `token` (from a request header) unmasks to `secret`, compared in constant time.
 *
 * @example
 * ```ts
 * csrfTokenMatches(request.headers['x-csrftoken'], session.csrfSecret);
 * ```
 * @internal
 */
export function csrfTokenMatches(token: string, secret: string): boolean {
  if (!TOKEN.test(token) || !isCsrfSecret(secret)) {
    return false;
  }
  const bytes = Buffer.from(token, 'base64url');
  const unmasked = xor(bytes.subarray(SECRET_BYTES), bytes.subarray(0, SECRET_BYTES));
  return timingSafeEqual(unmasked, Buffer.from(secret, 'base64url'));
}

function xor(data: Buffer, mask: Buffer): Buffer {
  const result = Buffer.alloc(data.length);
  for (let index = 0; index < data.length; index++) {
    result[index] = (data[index] ?? 0) ^ (mask[index] ?? 0);
  }
  return result;
}
