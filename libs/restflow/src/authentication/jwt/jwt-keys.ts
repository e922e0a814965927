import {
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import type { ResolvedRestflowOptions } from '../../config/restflow-options.interface';
import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import {
  algorithmSpec,
  describeFamily,
  keyMismatch,
  signJws,
  verifyJws,
  type JwtAlgorithm,
} from './jwt-algorithms';

/**
 * The keys of the JWT stack, parsed and checked against the pinned algorithm.
 *
 * @internal
 */
export interface JwtKeys {
  readonly algorithm: JwtAlgorithm;
  /** `null`: this app verifies tokens but cannot issue them (asymmetric, verifying key only). */
  readonly signingKey: KeyObject | null;
  readonly verifyingKey: KeyObject;
}

const MODULE = 'RestflowModule';
const PEM = '-----BEGIN ';

/**
 * Parses `signingKey` and `verifyingKey` for `algorithm`, or fails with a message that names the
 * option and the fix (never the key itself). A signing key that its verifying key does not
 * verify is refused too, so that a mismatched pair fails at boot rather than on every token.
 *
 * @throws {RestflowConfigError}
 * @internal
 */
export function resolveJwtKeys(jwt: ResolvedRestflowOptions['jwt']): JwtKeys {
  const { algorithm } = jwt;
  const hmac = algorithmSpec(algorithm).family === 'HMAC';
  if (jwt.signingKey === null && (hmac || jwt.verifyingKey === null)) {
    throw new RestflowConfigError(
      'jwt.signingKey',
      `Missing ${MODULE} option "jwt.signingKey": the JWT stack needs a key to issue and verify ` +
        'tokens. Fix: configure a signing key before issuing or verifying tokens, e.g. ' +
        `jwt: { signingKey: process.env.JWT_SIGNING_KEY } (${describeFamily(algorithm)} for ` +
        `jwt.algorithm "${algorithm}").`,
    );
  }
  const signingKey =
    jwt.signingKey === null ? null : parseKey(jwt.signingKey, algorithm, 'signingKey');
  const verifyingKey =
    jwt.verifyingKey === null
      ? derivedVerifyingKey(signingKey as KeyObject)
      : parseKey(jwt.verifyingKey, algorithm, 'verifyingKey');
  if (signingKey) {
    checkPair(algorithm, signingKey, verifyingKey);
  }
  return { algorithm, signingKey, verifyingKey };
}

function parseKey(
  value: string | KeyObject,
  algorithm: JwtAlgorithm,
  option: 'signingKey' | 'verifyingKey',
): KeyObject {
  const hmac = algorithmSpec(algorithm).family === 'HMAC';
  const role = option === 'signingKey' ? 'private' : 'public';
  if (typeof value === 'string' && hmac) {
    if (value.includes(PEM)) {
      throw invalid(
        option,
        `jwt.algorithm "${algorithm}" expects an HMAC secret but ${option} looks like a ` +
          'PEM-encoded asymmetric key',
        `use a random secret string with "${algorithm}", or pin the algorithm of this key ` +
          '(e.g. "RS256", "ES256", "EdDSA").',
      );
    }
    return createSecretKey(Buffer.from(value, 'utf8'));
  }
  let key: KeyObject;
  if (typeof value === 'string') {
    if (!value.includes(PEM)) {
      throw invalid(
        option,
        `jwt.algorithm "${algorithm}" needs a PEM ${role} key (${describeFamily(algorithm)}), ` +
          'got a string that is not PEM-encoded',
        `pass the PEM text ("-----BEGIN ${role === 'private' ? 'PRIVATE' : 'PUBLIC'} KEY-----..."), ` +
          'or pin an HMAC algorithm such as "HS256" for a shared secret.',
      );
    }
    if (role === 'public' && value.includes('PRIVATE KEY-----')) {
      // createPublicKey() would quietly derive the public half: refuse, a private key has no
      // business on the verifying side.
      throw invalid(
        option,
        `jwt.algorithm "${algorithm}" verifies with a public key, got a PEM private key`,
        'give the public key as verifyingKey (or leave it out to derive it from signingKey).',
      );
    }
    try {
      key = role === 'private' ? createPrivateKey(value) : createPublicKey(value);
    } catch (error) {
      throw invalid(
        option,
        `could not be read as a PEM ${role} key (${(error as Error).message})`,
        `pass an unencrypted PEM ${role} key (PKCS#8 or SPKI), e.g. from openssl genpkey.`,
      );
    }
  } else {
    key = value;
  }
  const mismatch = keyMismatch(algorithm, key);
  if (mismatch) {
    throw invalid(
      option,
      `jwt.algorithm "${algorithm}" needs ${mismatch}`,
      `give ${describeFamily(algorithm)}, or pin the algorithm that matches this key.`,
    );
  }
  if (!hmac && key.type !== role) {
    throw invalid(
      option,
      `jwt.algorithm "${algorithm}" signs with a private key and verifies with a public one, ` +
        `got a ${key.type} key`,
      role === 'private'
        ? 'give the private key as signingKey and the public key as verifyingKey.'
        : 'give the public key as verifyingKey (or leave it out to derive it from signingKey).',
    );
  }
  return key;
}

function derivedVerifyingKey(signingKey: KeyObject): KeyObject {
  return signingKey.type === 'private' ? createPublicKey(signingKey) : signingKey;
}

function checkPair(algorithm: JwtAlgorithm, signingKey: KeyObject, verifyingKey: KeyObject): void {
  const probe = randomBytes(16);
  if (!verifyJws(algorithm, verifyingKey, probe, signJws(algorithm, signingKey, probe))) {
    throw invalid(
      'verifyingKey',
      'does not verify what jwt.signingKey signs',
      'give the public key of the signingKey pair (for HMAC, leave verifyingKey out).',
    );
  }
}

function invalid(option: string, problem: string, fix: string): RestflowConfigError {
  return new RestflowConfigError(
    `jwt.${option}`,
    `Invalid ${MODULE} option "jwt.${option}": ${problem}. Fix: ${fix}`,
  );
}
