import { randomBytes, scrypt, timingSafeEqual, type BinaryLike } from 'node:crypto';
import { promisify } from 'node:util';

// Explicit type arguments pick scrypt's overload without options.
const scryptAsync = promisify<BinaryLike, BinaryLike, number, Buffer>(scrypt);

const ALGORITHM = 'scrypt';
const SALT_BYTES = 16;
const KEY_BYTES = 64;
const HEX = /^[0-9a-f]+$/;

/**
 * Hashes a password with scrypt (Node's default cost parameters) and a random 16-byte salt.
 *
 * @returns `scrypt$<saltHex>$<hashHex>`, the form stored in `User.passwordHash`.
 * @example
 * ```ts
 * user.passwordHash = await hashPassword('alice-password');
 * ```
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, KEY_BYTES);
  return `${ALGORITHM}$${salt.toString('hex')}$${key.toString('hex')}`;
}

/**
 * Checks a password against a value made by {@link hashPassword}, in constant time. A malformed
 * or foreign hash never matches rather than throwing, so a corrupt row reads as a wrong password.
 *
 * @example
 * ```ts
 * if (!(await verifyPassword(body.password, user.passwordHash))) throw new AuthenticationFailed();
 * ```
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const [algorithm, saltHex, keyHex, ...rest] = encoded.split('$');
  if (
    algorithm !== ALGORITHM ||
    rest.length > 0 ||
    !saltHex ||
    !keyHex ||
    !HEX.test(saltHex) ||
    !HEX.test(keyHex) ||
    keyHex.length !== KEY_BYTES * 2 ||
    saltHex.length % 2 !== 0
  ) {
    return false;
  }
  const expected = Buffer.from(keyHex, 'hex');
  const actual = await scryptAsync(password, Buffer.from(saltHex, 'hex'), KEY_BYTES);
  return timingSafeEqual(actual, expected);
}
