import {
  createHmac,
  sign as cryptoSign,
  timingSafeEqual,
  verify as cryptoVerify,
  type KeyObject,
} from 'node:crypto';

/** How one JWS algorithm signs: its key family, digest and (for ECDSA) curve. */
interface AlgorithmSpec {
  readonly family: 'HMAC' | 'RSA' | 'EC' | 'EdDSA';
  /** Digest of HMAC, RSA and ECDSA; EdDSA hashes internally. */
  readonly hash: 'sha256' | 'sha384' | 'sha512' | null;
  /** OpenSSL name of the curve an ECDSA key must be on (RFC 7518 §3.4). */
  readonly curve?: 'prime256v1' | 'secp384r1' | 'secp521r1';
}

/**
 * The JWS algorithms the JWT stack signs and verifies with, by their `alg` name (RFC 7518):
 * HMAC with a shared secret, RSASSA-PKCS1-v1_5, ECDSA on the matching NIST curve, and EdDSA
 * (Ed25519 or Ed448). `none` is deliberately absent.
 *
 * @example
 * ```ts
 * Object.keys(JWT_ALGORITHMS); // ['HS256', 'HS384', 'HS512', 'RS256', ..., 'EdDSA']
 * ```
 * @publicApi
 */
export const JWT_ALGORITHMS = Object.freeze({
  HS256: { family: 'HMAC', hash: 'sha256' },
  HS384: { family: 'HMAC', hash: 'sha384' },
  HS512: { family: 'HMAC', hash: 'sha512' },
  RS256: { family: 'RSA', hash: 'sha256' },
  RS384: { family: 'RSA', hash: 'sha384' },
  RS512: { family: 'RSA', hash: 'sha512' },
  ES256: { family: 'EC', hash: 'sha256', curve: 'prime256v1' },
  ES384: { family: 'EC', hash: 'sha384', curve: 'secp384r1' },
  ES512: { family: 'EC', hash: 'sha512', curve: 'secp521r1' },
  EdDSA: { family: 'EdDSA', hash: null },
} as const satisfies Record<string, AlgorithmSpec>);

/**
 * One of the {@link JWT_ALGORITHMS} names, such as `'HS256'` or `'EdDSA'`.
 *
 * @example
 * ```ts
 * const algorithm: JwtAlgorithm = 'ES256';
 * ```
 * @publicApi
 */
export type JwtAlgorithm = keyof typeof JWT_ALGORITHMS;

/** Whether `name` is a supported algorithm (exact, case-sensitive: `alg` values are). @internal */
export function isJwtAlgorithm(name: unknown): name is JwtAlgorithm {
  return typeof name === 'string' && Object.hasOwn(JWT_ALGORITHMS, name);
}

/** The spec of a supported algorithm. @internal */
export function algorithmSpec(algorithm: JwtAlgorithm): AlgorithmSpec {
  return JWT_ALGORITHMS[algorithm];
}

/** Signs `input` (the JWS signing input) with `key`. @internal */
export function signJws(algorithm: JwtAlgorithm, key: KeyObject, input: Buffer): Buffer {
  const { family, hash } = algorithmSpec(algorithm);
  switch (family) {
    case 'HMAC':
      return createHmac(hash as string, key)
        .update(input)
        .digest();
    case 'RSA':
      return cryptoSign(hash, input, key);
    case 'EC':
      // JWS wants the raw r||s concatenation (RFC 7518 §3.4), not OpenSSL's DER.
      return cryptoSign(hash, input, { key, dsaEncoding: 'ieee-p1363' });
    case 'EdDSA':
      return cryptoSign(null, input, key);
  }
}

/** Whether `signature` is a valid signature of `input` by `key`; never throws. @internal */
export function verifyJws(
  algorithm: JwtAlgorithm,
  key: KeyObject,
  input: Buffer,
  signature: Buffer,
): boolean {
  const { family, hash } = algorithmSpec(algorithm);
  try {
    switch (family) {
      case 'HMAC': {
        const expected = createHmac(hash as string, key)
          .update(input)
          .digest();
        // timingSafeEqual needs equal lengths; a length mismatch reveals nothing secret.
        return expected.length === signature.length && timingSafeEqual(expected, signature);
      }
      case 'RSA':
        return cryptoVerify(hash, input, key, signature);
      case 'EC':
        return cryptoVerify(hash, input, { key, dsaEncoding: 'ieee-p1363' }, signature);
      case 'EdDSA':
        return cryptoVerify(null, input, key, signature);
    }
  } catch {
    // OpenSSL rejects malformed signatures (wrong length, bad encoding) by throwing.
    return false;
  }
}

/**
 * Why `key` cannot be used with `algorithm` (`undefined`: it can). Asymmetric keys are checked
 * for their type, RSA keys for a modulus of at least 2048 bits (RFC 7518 §3.3) and EC keys for
 * the curve the algorithm names.
 *
 * @internal
 */
export function keyMismatch(algorithm: JwtAlgorithm, key: KeyObject): string | undefined {
  const { family, curve } = algorithmSpec(algorithm);
  if (family === 'HMAC') {
    return key.type === 'secret' ? undefined : `an HMAC secret, got a ${key.type} key`;
  }
  if (key.type === 'secret') {
    return `${describeFamily(algorithm)}, got a secret key`;
  }
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails ?? {};
  switch (family) {
    case 'RSA':
      if (type !== 'rsa') return `${describeFamily(algorithm)}, got an ${String(type)} key`;
      return (details.modulusLength ?? 0) < 2048
        ? `an RSA key of at least 2048 bits, got ${details.modulusLength ?? 0} bits`
        : undefined;
    case 'EC':
      if (type !== 'ec') return `${describeFamily(algorithm)}, got an ${String(type)} key`;
      return details.namedCurve === curve
        ? undefined
        : `${describeFamily(algorithm)}, got an EC key on ${String(details.namedCurve)}`;
    case 'EdDSA':
      return type === 'ed25519' || type === 'ed448'
        ? undefined
        : `${describeFamily(algorithm)}, got an ${String(type)} key`;
  }
}

/** "an EC P-256 key" and the like, for messages. @internal */
export function describeFamily(algorithm: JwtAlgorithm): string {
  const { family, curve } = algorithmSpec(algorithm);
  switch (family) {
    case 'HMAC':
      return 'an HMAC secret';
    case 'RSA':
      return 'an RSA key';
    case 'EC':
      return `an EC ${CURVE_NAMES[curve as keyof typeof CURVE_NAMES]} key`;
    case 'EdDSA':
      return 'an Ed25519 or Ed448 key';
  }
}

const CURVE_NAMES = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' } as const;
