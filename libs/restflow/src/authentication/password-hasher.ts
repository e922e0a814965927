import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * The scrypt parameters of {@link hashPassword}. Each stored hash records its own, so raising
 * them later only affects new hashes.
 *
 * @example
 * ```ts
 * await hashPassword(password, { cost: 2 ** 15 });
 * ```
 * @publicApi
 */
export interface PasswordHashOptions {
  /** CPU/memory cost `N`, a power of two (memory ≈ 128 · N · blockSize bytes). @default 16384 */
  cost?: number;
  /** Block size `r`. @default 8 */
  blockSize?: number;
  /** Parallelisation `p`. @default 1 */
  parallelization?: number;
}

const ALGORITHM = 'scrypt';
const SALT_BYTES = 16;
const KEY_BYTES = 64;
const DEFAULTS = { cost: 2 ** 14, blockSize: 8, parallelization: 1 } as const;
/** Bounds on stored parameters, so a corrupt row cannot make verification allocate gigabytes. */
const MAX = { cost: 2 ** 20, blockSize: 32, parallelization: 16 } as const;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** Hashed against when the user does not exist, so that both cases take as long. */
const DUMMY_SALT = Buffer.alloc(SALT_BYTES, 0x5a);

/**
 * Hashes a password with scrypt (`node:crypto`, a random 16-byte salt), for storing in the
 * user table. The result is self-describing: `scrypt$<N>$<r>$<p>$<salt>$<hash>` (base64), at
 * most 140 characters. Passwords are NFKC-normalised first (as NIST SP 800-63B advises), so the
 * same text typed with composed or decomposed accents verifies.
 *
 * @example
 * ```ts
 * user.passwordHash = await hashPassword('correct horse battery staple');
 * // 'scrypt$16384$8$1$Jx0…$1c4…'
 * ```
 * @publicApi
 */
export async function hashPassword(
  password: string,
  options: PasswordHashOptions = {},
): Promise<string> {
  const parameters = { ...DEFAULTS, ...options };
  if (!validParameters(parameters)) {
    throw new RangeError(
      `Invalid scrypt parameters ${JSON.stringify(options)}: cost must be a power of two from 2 ` +
        `to ${MAX.cost}, blockSize 1 to ${MAX.blockSize}, parallelization 1 to ${MAX.parallelization}.`,
    );
  }
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, KEY_BYTES, parameters);
  const { cost, blockSize, parallelization } = parameters;
  return [
    ALGORITHM,
    cost,
    blockSize,
    parallelization,
    salt.toString('base64'),
    hash.toString('base64'),
  ].join('$');
}

/**
 * Whether `password` is the one `encoded` (from {@link hashPassword}) was made of, compared in
 * constant time. Pass `null` when the user does not exist: it still spends the time of one
 * verification and answers `false`, so response times do not reveal which usernames exist.
 * A value in another format answers `false`.
 *
 * @example
 * ```ts
 * async verifyCredentials(username: string, password: string) {
 *   const user = await this.users.findOneBy({ username });
 *   return (await verifyPassword(password, user?.passwordHash ?? null)) ? user : null;
 * }
 * ```
 * @publicApi
 */
export async function verifyPassword(
  password: string,
  encoded: string | null | undefined,
): Promise<boolean> {
  const stored = typeof encoded === 'string' ? parse(encoded) : null;
  if (!stored) {
    await derive(password, DUMMY_SALT, KEY_BYTES, DEFAULTS);
    return false;
  }
  const hash = await derive(password, stored.salt, stored.hash.length, stored.parameters);
  return timingSafeEqual(hash, stored.hash);
}

interface StoredHash {
  parameters: Required<PasswordHashOptions>;
  salt: Buffer;
  hash: Buffer;
}

function parse(encoded: string): StoredHash | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== ALGORITHM) {
    return null;
  }
  const [, cost, blockSize, parallelization, salt = '', hash = ''] = parts;
  const parameters = {
    cost: Number(cost),
    blockSize: Number(blockSize),
    parallelization: Number(parallelization),
  };
  if (!validParameters(parameters) || !BASE64.test(salt) || !BASE64.test(hash)) {
    return null;
  }
  const hashBytes = Buffer.from(hash, 'base64');
  if (hashBytes.length < 16 || hashBytes.length > 128) {
    return null;
  }
  return { parameters, salt: Buffer.from(salt, 'base64'), hash: hashBytes };
}

function validParameters(parameters: Required<PasswordHashOptions>): boolean {
  const { cost, blockSize, parallelization } = parameters;
  return (
    Number.isInteger(cost) &&
    cost >= 2 &&
    cost <= MAX.cost &&
    (cost & (cost - 1)) === 0 &&
    Number.isInteger(blockSize) &&
    blockSize >= 1 &&
    blockSize <= MAX.blockSize &&
    Number.isInteger(parallelization) &&
    parallelization >= 1 &&
    parallelization <= MAX.parallelization
  );
}

function derive(
  password: string,
  salt: Buffer,
  length: number,
  { cost, blockSize, parallelization }: Required<PasswordHashOptions>,
): Promise<Buffer> {
  const options: ScryptOptions = {
    N: cost,
    r: blockSize,
    p: parallelization,
    maxmem: 256 * cost * blockSize + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
