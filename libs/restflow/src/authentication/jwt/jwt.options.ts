import type { Type } from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import type { OptionRule } from '../../config/option-rules';
import type { ResolvedRestflowOptions } from '../../config/restflow-options.interface';
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
   * `CacheTokenBlacklist`, which only suits a single process: under `NODE_ENV=production` the
   * boot refuses it (and any other blacklist that is `processLocal`) unless
   * `blacklistAllowInMemory` is set.
   * @default null
   */
  blacklist?: TokenBlacklist | Type<TokenBlacklist> | null;
  /**
   * Whether tokens are checked against the blacklist (refresh tokens at the refresh endpoint,
   * access tokens by `JWTAuthentication`) and rotated refresh tokens are blacklisted. `false`
   * keeps a rotated refresh token usable until it expires (the blacklist endpoint still writes).
   * @default true
   */
  blacklistEnabled?: boolean;
  /**
   * Milliseconds each blacklist call may take. The refresh and blacklist endpoints fail closed:
   * past it (or on a storage error) they answer 503 `service_unavailable`. Access-token lookups
   * fail open: the token is accepted (the shipped endpoints never blacklist access tokens) and
   * further access-token lookups pause for five seconds, so requests do not each wait.
   * @default 1000
   */
  blacklistTimeoutMs?: number;
  /**
   * Lets `NODE_ENV=production` start with a blacklist that lives in one process (the in-memory
   * default): logouts and rotations are then seen by that process only.
   * @default false
   */
  blacklistAllowInMemory?: boolean;
  /** Whether tokens of inactive users are refused (access and refresh). @default true */
  checkUserIsActive?: boolean;
  /**
   * Whether tokens carry a claim derived from the user's password hash (`revokeTokenClaim`) and
   * are refused, access and refresh alike, with "The user's password has been changed." once
   * the hash has changed. It needs `UserProvider.getPasswordHash()`. `null`: on exactly when the
   * user provider implements `getPasswordHash()`.
   * @default null
   */
  checkRevokeToken?: boolean | null;
  /** The claim holding the password-hash fingerprint. @default 'hash_password' */
  revokeTokenClaim?: string;
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

function nullableFlag(fix: string): OptionRule<boolean | null> {
  return {
    default: null,
    expected: 'true, false or null',
    fix,
    accept: (value) => (value === null || typeof value === 'boolean' ? value : undefined),
  };
}

function claimName(fallback: string, examples: string): OptionRule<string> {
  return {
    default: fallback,
    expected: `a claim name such as ${examples}, other than a registered claim the stack sets`,
    fix: 'use letters, digits, "_" or "-", starting with a letter or "_"; not token_type, iat, exp, nbf, jti, iss or aud.',
    accept: (value) =>
      typeof value === 'string' && /^[A-Za-z_][\w-]*$/.test(value) && !RESERVED_CLAIMS.has(value)
        ? value
        : undefined,
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
  userIdClaim: claimName('user_id', '"user_id" or "sub"'),
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
  blacklistEnabled: flag(
    true,
    'use true to check tokens against the blacklist and blacklist rotated refresh tokens, or false.',
  ),
  blacklistTimeoutMs: {
    default: 1000,
    expected: 'a whole number of milliseconds from 1 to 60000',
    fix: 'give the longest a blacklist call may take, e.g. 1000.',
    accept: (value) =>
      typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 60_000
        ? value
        : undefined,
  } satisfies OptionRule<number>,
  blacklistAllowInMemory: flag(
    false,
    'use true to let production run with a blacklist of one process, or false.',
  ),
  checkUserIsActive: flag(true, 'use true to refuse tokens of inactive users, or false.'),
  checkRevokeToken: nullableFlag(
    'use true to refuse tokens issued before a password change, false not to, or null for "when the user provider implements getPasswordHash()".',
  ),
  revokeTokenClaim: claimName('hash_password', '"hash_password"'),
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
    checkBlacklistScope(jwt, jwt.blacklist);
  }
  if (jwt.revokeTokenClaim === jwt.userIdClaim) {
    throw new RestflowConfigError(
      'jwt.revokeTokenClaim',
      `Invalid RestflowModule option "jwt.revokeTokenClaim": it is "${jwt.revokeTokenClaim}", ` +
        'the claim that holds the user id (jwt.userIdClaim). Fix: give the two claims different ' +
        'names, e.g. revokeTokenClaim: "hash_password".',
    );
  }
}

/**
 * Under `NODE_ENV=production`, refuses a blacklist that lives in one process (drf-restflow's
 * `BLACKLIST_ALLOW_LOCMEM` rule): logouts would be seen by one instance only, and forgotten on
 * restart. At boot, a class resolved through dependency injection is checked by its prototype;
 * `TokenService` checks the resolved instance again.
 *
 * @internal
 */
export function checkBlacklistScope(
  jwt: ResolvedRestflowOptions['jwt'],
  configured: TokenBlacklist | Type<TokenBlacklist> | null,
): void {
  if (process.env.NODE_ENV !== 'production' || jwt.blacklistAllowInMemory) {
    return;
  }
  const processLocal =
    configured === null ||
    (typeof configured === 'function'
      ? (configured.prototype as TokenBlacklist).processLocal === true
      : configured.processLocal === true);
  if (processLocal) {
    const which =
      configured === null
        ? "not set, so revoked tokens are kept in this process's memory"
        : "a blacklist kept in this process's memory";
    throw new RestflowConfigError(
      'jwt.blacklist',
      `RestflowModule option "jwt.blacklist" is ${which}, and NODE_ENV is "production": a ` +
        'logout or a rotated refresh token would still be accepted by every other app instance, ' +
        'and forgotten on restart. Fix: use a shared blacklist, e.g. blacklist: ' +
        'EntityTokenBlacklist (a table in your database, with BlacklistedToken among the ' +
        'entities) or new RedisTokenBlacklist(redisClient); or set jwt.blacklistAllowInMemory: ' +
        'true to run one process on purpose.',
    );
  }
}
