import type { Type } from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import type { OptionRule } from '../../config/option-rules';
import type { ResolvedRestflowOptions } from '../../config/restflow-defaults';
import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import { isJwtAlgorithm, JWT_ALGORITHMS, type JwtAlgorithm } from './jwt-algorithms';
import { resolveJwtKeys } from './jwt-keys';
import type { TokenBlacklist } from './token-blacklist';

/**
 * JSON Web Token settings: keys, the pinned algorithm, lifetimes, claims and revocation. Used by
 * `JWTAuthentication`, `TokenService` and the endpoints of `JwtAuthModule`; a key is required as
 * soon as one of them is used.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({
 *   authentication: { defaultAuthenticationClasses: [JWTAuthentication], userProvider: UsersProvider },
 *   jwt: { signingKey: process.env.JWT_SIGNING_KEY, accessTokenLifetime: 600, issuer: 'https://api.example.com' },
 * });
 *
 * // a key pair instead of a shared secret:
 * jwt: { algorithm: 'ES256', signingKey: readFileSync('jwt-private.pem', 'utf8'), verifyingKey: readFileSync('jwt-public.pem', 'utf8') }
 * ```
 * @publicApi
 */
export interface JwtOptions {
  /**
   * The key tokens are signed with: for HS256/384/512 a secret string (use at least as many
   * random bytes as the hash has, e.g. 32 for HS256) or a secret `KeyObject`; for RS*, ES* and
   * EdDSA a PEM private key or a private `KeyObject`. Checked against `algorithm` at boot.
   * @default null (the JWT stack refuses to start)
   */
  signingKey?: string | KeyObject | null;
  /**
   * The key signatures are checked with. For HMAC it is the signing secret; for asymmetric
   * algorithms a PEM public key or a public `KeyObject` (derived from `signingKey` when unset).
   * A service that only verifies tokens issued elsewhere sets this one and no `signingKey`.
   * @default null (`signingKey`)
   */
  verifyingKey?: string | KeyObject | null;
  /**
   * The one algorithm tokens are signed and accepted with: a token whose header names another
   * `alg` (including `none`) is refused.
   * @default 'HS256'
   */
  algorithm?: JwtAlgorithm;
  /** Seconds an access token is valid. @default 300 (5 minutes) */
  accessTokenLifetime?: number;
  /** Seconds a refresh token is valid. @default 86400 (1 day) */
  refreshTokenLifetime?: number;
  /** The `iss` claim set on tokens and required on incoming ones (`null`: neither). @default null */
  issuer?: string | null;
  /** The `aud` claim set on tokens and required on incoming ones (`null`: neither). @default null */
  audience?: string | null;
  /** Seconds of clock skew tolerated when checking `exp`, `iat` and `nbf`. @default 0 */
  leeway?: number;
  /** The claim holding `UserProvider.getId(user)`. @default 'user_id' */
  userIdClaim?: string;
  /**
   * Schemes accepted in `Authorization: <scheme> <token>` (case-insensitive). The first one is
   * named in the `WWW-Authenticate` challenge.
   * @default ['Bearer']
   */
  authHeaderTypes?: string[];
  /**
   * Whether the refresh endpoint answers a new refresh token too, blacklisting the one it was
   * given (`false`: it answers only `access`).
   * @default true
   */
  rotateRefreshTokens?: boolean;
  /**
   * Where revoked tokens are remembered: a {@link TokenBlacklist} instance, or a class resolved
   * through dependency injection (such as `EntityTokenBlacklist`). `null` uses an in-memory
   * `CacheTokenBlacklist`, which only suits a single process.
   * @default null
   */
  blacklist?: TokenBlacklist | Type<TokenBlacklist> | null;
  /** Whether tokens of inactive users are refused (access and refresh). @default true */
  checkUserIsActive?: boolean;
}

const ALGORITHM_LIST = Object.keys(JWT_ALGORITHMS).join(', ');
const RESERVED_CLAIMS = new Set(['token_type', 'iat', 'exp', 'nbf', 'jti', 'iss', 'aud']);
const YEAR = 365 * 24 * 60 * 60;

const isKey = (value: unknown): value is string | KeyObject =>
  (typeof value === 'string' && value.trim() !== '') || value instanceof KeyObject;

const hasBlacklistMethods = (value: unknown): boolean =>
  typeof (value as { add?: unknown } | null)?.add === 'function' &&
  typeof (value as { has?: unknown } | null)?.has === 'function';

function seconds(name: string, fallback: number, max: number, min = 1): OptionRule<number> {
  return {
    default: fallback,
    expected: `a whole number of seconds from ${min} to ${max}`,
    fix: `give ${name} in seconds, e.g. ${fallback}.`,
    accept: (value) =>
      typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
        ? value
        : undefined,
  };
}

function flag(fallback: boolean, fix: string): OptionRule<boolean> {
  return {
    default: fallback,
    expected: 'true or false',
    fix,
    accept: (value) => (typeof value === 'boolean' ? value : undefined),
  };
}

function nullableText(expected: string, fix: string): OptionRule<string | null> {
  return {
    default: null,
    expected,
    fix,
    accept: (value) =>
      value === null || (typeof value === 'string' && value.trim() !== '') ? value : undefined,
  };
}

/**
 * Rules of the `jwt` section. Each option is checked alone here; what involves several options
 * (the key against the algorithm) is checked by {@link checkJwtOptions} and when the token
 * service starts.
 *
 * @internal
 */
export const JWT_OPTION_RULES = {
  signingKey: {
    default: null,
    expected: 'a non-empty secret string, a PEM private key, a KeyObject, or null',
    fix: 'pass the secret (HS256) or the PEM private key (RS256, ES256, EdDSA), e.g. signingKey: process.env.JWT_SIGNING_KEY.',
    accept: (value) => (value === null || isKey(value) ? value : undefined),
  } satisfies OptionRule<string | KeyObject | null>,
  verifyingKey: {
    default: null,
    expected: 'a PEM public key, a KeyObject, or null',
    fix: 'pass the PEM public key matching signingKey, or leave it out to derive it from signingKey.',
    accept: (value) => (value === null || isKey(value) ? value : undefined),
  } satisfies OptionRule<string | KeyObject | null>,
  algorithm: {
    default: 'HS256',
    expected: `one of ${ALGORITHM_LIST}`,
    fix: 'pin one of these names, spelled exactly (e.g. "HS256" for a shared secret, "ES256" for a key pair).',
    accept(value) {
      if (typeof value === 'string' && value.toLowerCase() === 'none') {
        throw new RestflowConfigError(
          'jwt.algorithm',
          'Invalid RestflowModule option "jwt.algorithm": it is "none". The \'none\' algorithm ' +
            'disables signature verification and is unsafe. Fix: pin a signing algorithm, ' +
            `one of ${ALGORITHM_LIST}.`,
        );
      }
      return isJwtAlgorithm(value) ? value : undefined;
    },
  } satisfies OptionRule<JwtAlgorithm>,
  accessTokenLifetime: seconds('the access token lifetime', 300, 10 * YEAR),
  refreshTokenLifetime: seconds('the refresh token lifetime', 86_400, 10 * YEAR),
  issuer: nullableText(
    'a non-empty string such as "https://api.example.com", or null',
    'give the issuer name your tokens carry, or null not to set or check "iss".',
  ),
  audience: nullableText(
    'a non-empty string such as "https://api.example.com", or null',
    'give the audience your tokens are meant for, or null not to set or check "aud".',
  ),
  leeway: seconds('the tolerated clock skew', 0, 3600, 0),
  userIdClaim: {
    default: 'user_id',
    expected:
      'a claim name such as "user_id" or "sub", other than a registered claim the stack sets',
    fix: 'use letters, digits, "_" or "-", starting with a letter or "_"; not token_type, iat, exp, nbf, jti, iss or aud.',
    accept: (value) =>
      typeof value === 'string' && /^[A-Za-z_][\w-]*$/.test(value) && !RESERVED_CLAIMS.has(value)
        ? value
        : undefined,
  } satisfies OptionRule<string>,
  authHeaderTypes: {
    default: Object.freeze<string[]>(['Bearer']),
    expected: 'a non-empty list of authorization schemes such as ["Bearer"]',
    fix: 'list scheme names without spaces, e.g. ["Bearer", "JWT"].',
    accept(value) {
      if (!Array.isArray(value) || value.length === 0) return undefined;
      const valid = value.every(
        (item) => typeof item === 'string' && /^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*$/.test(item),
      );
      return valid ? Object.freeze([...new Set(value as string[])]) : undefined;
    },
  } satisfies OptionRule<readonly string[]>,
  rotateRefreshTokens: flag(true, 'use true to rotate (and blacklist) refresh tokens, or false.'),
  blacklist: {
    default: null,
    expected: 'a TokenBlacklist instance or class (with add() and has()), or null',
    fix: 'pass e.g. new CacheTokenBlacklist(cache) or EntityTokenBlacklist, or null for the in-memory default.',
    accept(value) {
      if (value === null || (typeof value === 'object' && hasBlacklistMethods(value))) {
        return value as TokenBlacklist | null;
      }
      return typeof value === 'function' && hasBlacklistMethods(value.prototype)
        ? (value as Type<TokenBlacklist>)
        : undefined;
    },
  } satisfies OptionRule<TokenBlacklist | Type<TokenBlacklist> | null>,
  checkUserIsActive: flag(true, 'use true to refuse tokens of inactive users, or false.'),
};

/**
 * Marks the authenticators that need the `jwt` keys, so that the options check can tell they are
 * configured without importing them.
 *
 * @internal
 */
export const USES_JWT_KEYS = Symbol('restflow:uses-jwt-keys');

/**
 * The checks of the `jwt` section that involve more than one option, for the module's
 * cross-option validation at boot: the keys against the pinned algorithm (an HMAC algorithm with
 * a PEM key, a key of the wrong type or curve, a verifying key that does not match), and a key
 * being present when a JWT authenticator is in `authentication.defaultAuthenticationClasses`.
 *
 * @throws {RestflowConfigError} naming the option and the fix.
 * @example
 * ```ts
 * checkJwtOptions(resolveRestflowOptions({ jwt: { algorithm: 'RS256', signingKey: 'secret' } }));
 * // RestflowConfigError: Invalid RestflowModule option "jwt.signingKey": jwt.algorithm "RS256" needs a PEM private key ...
 * ```
 * @publicApi
 */
export function checkJwtOptions(options: ResolvedRestflowOptions): void {
  const { jwt, authentication } = options;
  const usesJwt = authentication.defaultAuthenticationClasses.some(
    (type) => (type as unknown as Record<symbol, unknown>)[USES_JWT_KEYS] === true,
  );
  if (usesJwt || jwt.signingKey !== null || jwt.verifyingKey !== null) {
    resolveJwtKeys(jwt);
  }
}
