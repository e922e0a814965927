import { Injectable, Logger, type OnModuleInit, type Type } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { InjectRestflowOptions } from '../../config/options.providers';
import type { ResolvedRestflowOptions } from '../../config/restflow-options.interface';
import { ProviderInstances } from '../../core/provider-instances';
import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import { AuthenticationFailed, ServiceUnavailable } from '../../exceptions/standard.exceptions';
import type { UserProvider } from '../user-provider.interface';
import { CacheTokenBlacklist } from './cache-token-blacklist';
import { algorithmSpec } from './jwt-algorithms';
import { resolveJwtKeys, type JwtKeys } from './jwt-keys';
import { decodeJwt, encodeJwt, type JwtPayload } from './jwt.codec';
import { checkBlacklistScope } from './jwt.options';
import {
  AccessToken,
  RefreshToken,
  type JwtToken,
  type JwtTokenClass,
  type TokenIssuer,
} from './jwt.tokens';
import type { TokenBlacklist } from './token-blacklist';
import { TokenError } from './token-error';
import { fingerprintMatches, passwordFingerprint, revokeClaimKey } from './revoke-claim.util';

/** How long access-token blacklist lookups pause after one failed (fail open, see below). */
const ACCESS_LOOKUP_PAUSE_MS = 5000;

/**
 * The body of a successful obtain (and, with rotation, refresh) request.
 *
 * @example
 * ```ts
 * const pair: TokenPair = await tokens.obtainPair('ada', 'correct horse');
 * ```
 * @publicApi
 */
export interface TokenPair {
  access: string;
  refresh: string;
}

/**
 * The body of a successful refresh: `refresh` is present when refresh tokens rotate.
 *
 * @example
 * ```ts
 * const { access, refresh } = await tokens.refresh(body.refresh);
 * ```
 * @publicApi
 */
export interface RefreshResult {
  access: string;
  refresh?: string;
}

/**
 * A user recognised from a token, with the token.
 *
 * @example
 * ```ts
 * const { user, token } = await tokens.authenticate(raw);
 * ```
 * @publicApi
 */
export interface AccessTokenAuthentication<TUser = unknown> {
  user: TUser;
  token: AccessToken;
}

/**
 * Issues, verifies and revokes JSON Web Tokens with the `jwt` options and the application's
 * `UserProvider` (`authentication.userProvider`). `JWTAuthentication` and the endpoints of
 * `JwtAuthModule` are built on it; inject it to issue tokens from your own code (a sign-up
 * endpoint, an impersonation tool, a GraphQL resolver).
 *
 * The keys are checked against the pinned algorithm when it is created: with `JwtAuthModule`
 * imported that is at boot; otherwise on the first request that needs it.
 *
 * Every flow throws `AuthenticationFailed` (401 `authentication_failed`) with DRF's sub-code in
 * `details.code`: `invalid_token`, `token_blacklisted`, `user_not_found`, `user_inactive`,
 * `password_changed`, `no_active_account`.
 *
 * The blacklist fails closed for refresh tokens: a call that fails or takes longer than
 * `jwt.blacklistTimeoutMs` makes the refresh and blacklist endpoints answer 503
 * `service_unavailable`. Access tokens do not depend on it being up: when an access-token lookup
 * fails, the token is accepted and such lookups pause for five seconds (the shipped endpoints
 * never blacklist access tokens; a refresh token stays refused).
 *
 * @example
 * ```ts
 * @Injectable()
 * export class SignupService {
 *   constructor(private readonly tokens: TokenService, private readonly users: UsersService) {}
 *
 *   async signup(data: SignupData): Promise<TokenPair> {
 *     const user = await this.users.create(data);
 *     const refresh = await this.tokens.forUser(RefreshToken, user);
 *     return { access: String(refresh.accessToken()), refresh: String(refresh) };
 *   }
 * }
 * ```
 * @publicApi
 */
@Injectable()
export class TokenService implements TokenIssuer, OnModuleInit {
  protected readonly logger = new Logger('TokenService');
  /** The parsed keys and pinned algorithm. */
  protected readonly keys: JwtKeys;
  /** Whether tokens carry and are checked against the password-hash claim. */
  protected readonly checksRevokeClaim: boolean;
  private readonly revokeKey: Buffer;
  private blacklistInstance: Promise<TokenBlacklist> | undefined;
  private accessLookupsPausedUntil = 0;

  constructor(
    @InjectRestflowOptions('jwt') readonly options: ResolvedRestflowOptions['jwt'],
    @InjectRestflowOptions('authentication')
    protected readonly authentication: ResolvedRestflowOptions['authentication'],
    protected readonly instances: ProviderInstances,
  ) {
    this.keys = resolveJwtKeys(options);
    if (!authentication.userProvider) {
      throw new RestflowConfigError(
        'authentication.userProvider',
        'Missing RestflowModule option "authentication.userProvider": the JWT stack looks users ' +
          'up by the id in their tokens and checks credentials through it. Fix: implement ' +
          'UserProvider and pass the class, e.g. authentication: { userProvider: UsersProvider }.',
      );
    }
    this.checksRevokeClaim = this.resolveRevokeCheck(authentication.userProvider);
    this.revokeKey = revokeClaimKey(this.keys.verifyingKey);
    this.warnAboutWeakSettings();
  }

  /** Resolves the blacklist at boot, so that a misconfigured one fails the start. */
  async onModuleInit(): Promise<void> {
    const blacklist = await this.blacklistStore();
    if (this.options.blacklist !== null) {
      checkBlacklistScope(this.options, blacklist);
    }
  }

  /** Whether this app can issue tokens (it has a signing key, not only a verifying key). */
  get canIssue(): boolean {
    return this.keys.signingKey !== null;
  }

  /**
   * Fails unless this app can issue tokens: the token endpoints call it at boot.
   *
   * @throws {RestflowConfigError}
   */
  assertCanIssue(): void {
    if (!this.canIssue) {
      this.missingSigningKey();
    }
  }

  /**
   * A new token of `type` for `user` (its id from `UserProvider.getId()`), with the claims in the
   * reference's order: `token_type`, `iat`, `exp`, `jti`, the user id claim, `iss`, `aud`, and
   * the password-hash claim when `jwt.checkRevokeToken` is on.
   */
  async forUser<TToken extends JwtToken>(
    type: JwtTokenClass<TToken>,
    user: unknown,
  ): Promise<TToken> {
    const provider = await this.userProvider();
    return this.mint(type, provider.getId(user), this.revokeClaimOf(provider, user));
  }

  /**
   * A new token of `type` for the user with this id. With `jwt.checkRevokeToken` on, it throws:
   * such a token would lack the password-hash claim and be refused; use {@link forUser}.
   */
  forUserId<TToken extends JwtToken>(type: JwtTokenClass<TToken>, userId: string | number): TToken {
    if (this.checksRevokeClaim) {
      throw new Error(
        'TokenService.forUserId() cannot issue tokens while jwt.checkRevokeToken is on: they ' +
          'would lack the password-hash claim and be refused. Use forUser(type, user).',
      );
    }
    return this.mint(type, userId, {});
  }

  /** Signs a new token of `type` for `userId` with `extra` claims after the standard ones. */
  private mint<TToken extends JwtToken>(
    type: JwtTokenClass<TToken>,
    userId: string | number,
    extra: JwtPayload,
  ): TToken {
    const signingKey = this.keys.signingKey ?? this.missingSigningKey();
    const now = Math.floor(this.now());
    const payload: JwtPayload = {
      token_type: type.tokenType,
      iat: now,
      exp: now + type.lifetime(this.options),
      jti: randomBytes(16).toString('base64url'),
      [this.options.userIdClaim]: userId,
    };
    if (this.options.issuer !== null) payload.iss = this.options.issuer;
    if (this.options.audience !== null) payload.aud = this.options.audience;
    Object.assign(payload, extra);
    const raw = encodeJwt(payload, this.keys.algorithm, signingKey);
    return new type(raw, payload, this);
  }

  /**
   * The verified token of `type` encoded in `raw`.
   *
   * @throws {TokenError} when the token is malformed, badly signed, expired, for another issuer
   *   or audience, or of another type ("Wrong token type, expected 'access'.").
   */
  verify<TToken extends JwtToken>(type: JwtTokenClass<TToken>, raw: string): TToken {
    const payload = decodeJwt(raw, {
      algorithm: this.keys.algorithm,
      key: this.keys.verifyingKey,
      issuer: this.options.issuer,
      audience: this.options.audience,
      leeway: this.options.leeway,
      now: this.now(),
    });
    if (payload.token_type !== type.tokenType) {
      throw new TokenError(`Wrong token type, expected '${type.tokenType}'.`);
    }
    return new type(raw, payload, this);
  }

  /** @internal See {@link RefreshToken.accessToken} and {@link RefreshToken.rotate}. */
  issueFrom<TToken extends JwtToken>(type: JwtTokenClass<TToken>, source: JwtToken): TToken {
    const claim = this.options.revokeTokenClaim;
    const extra: JwtPayload =
      this.checksRevokeClaim && source.payload[claim] !== undefined
        ? { [claim]: source.payload[claim] }
        : {};
    return this.mint(type, this.userIdOf(source), extra);
  }

  /**
   * Blacklists `token` until it expires, and resolves whether this call did (`false`: it was
   * blacklisted already, or has no `jti`). Atomic on the built-in blacklists: of concurrent
   * calls for one token, exactly one resolves `true`.
   *
   * @throws {ServiceUnavailable} when the blacklist fails or does not answer within
   *   `jwt.blacklistTimeoutMs`.
   */
  async blacklist(token: JwtToken): Promise<boolean> {
    if (!token.jti) return false;
    return this.withBlacklist((blacklist) => blacklist.add(token.jti, token.exp));
  }

  /**
   * Whether `token` has been blacklisted (a token without `jti` never is).
   *
   * @throws {ServiceUnavailable} when the blacklist fails or does not answer within
   *   `jwt.blacklistTimeoutMs`.
   */
  async isBlacklisted(token: JwtToken): Promise<boolean> {
    if (!token.jti) return false;
    return this.withBlacklist((blacklist) => blacklist.has(token.jti));
  }

  /**
   * The user of a raw access token (`JWTAuthentication`'s steps 4 to 6): verified, not
   * blacklisted, naming a user that exists, (with `checkUserIsActive`) is active and (with
   * `checkRevokeToken`) has not changed the password since.
   *
   * @throws {AuthenticationFailed}
   */
  async authenticate<TUser = unknown>(raw: string): Promise<AccessTokenAuthentication<TUser>> {
    const token = this.verifyOrFail(AccessToken, raw);
    if (await this.accessTokenBlacklisted(token)) {
      throw authenticationFailed('Token has been blacklisted.', 'token_blacklisted');
    }
    const user = await this.activeUserOf<TUser>(token);
    return { user, token };
  }

  /**
   * A new access and refresh token for the user with these credentials, who must be active
   * (the obtain endpoint).
   *
   * @throws {AuthenticationFailed} "No active account found with the given credentials."
   */
  async obtainPair(username: string, password: string): Promise<TokenPair> {
    const provider = await this.userProvider();
    const user = await provider.verifyCredentials(username, password);
    if (user === null || user === undefined || !provider.isActive(user)) {
      throw authenticationFailed(
        'No active account found with the given credentials.',
        'no_active_account',
      );
    }
    const refresh = this.mint(
      RefreshToken,
      provider.getId(user),
      this.revokeClaimOf(provider, user),
    );
    return { access: refresh.accessToken().raw, refresh: refresh.raw };
  }

  /**
   * A new access token for a raw refresh token (the refresh endpoint). The refresh token must be
   * valid and not blacklisted, and its user must still exist, be active and (with
   * `checkRevokeToken`) not have changed the password since. With `rotateRefreshTokens`, it is
   * blacklisted and a new refresh token is returned too; the blacklisting is the atomic
   * add-if-absent of the blacklist, so of concurrent refreshes of one token exactly one
   * succeeds and the others get "Token has been blacklisted.".
   *
   * @throws {AuthenticationFailed}
   * @throws {ServiceUnavailable} when the blacklist fails or does not answer in time.
   */
  async refresh(raw: string): Promise<RefreshResult> {
    const refresh = this.verifyOrFail(RefreshToken, raw);
    const checksBlacklist = this.options.blacklistEnabled;
    if (checksBlacklist && (await this.isBlacklisted(refresh))) {
      throw authenticationFailed('Token has been blacklisted.', 'token_blacklisted');
    }
    await this.activeUserOf(refresh);
    if (!this.options.rotateRefreshTokens) {
      return { access: refresh.accessToken().raw };
    }
    if (checksBlacklist && !(await refresh.blacklist())) {
      // Another refresh of this token got there first.
      throw authenticationFailed('Token has been blacklisted.', 'token_blacklisted');
    }
    return { access: refresh.accessToken().raw, refresh: refresh.rotate().raw };
  }

  /**
   * Blacklists a raw refresh token (the blacklist endpoint, "log out"). Idempotent.
   *
   * @throws {AuthenticationFailed} when the token is not a valid refresh token.
   * @throws {ServiceUnavailable} when the blacklist fails or does not answer in time.
   */
  async revoke(raw: string): Promise<void> {
    const refresh = this.verifyOrFail(RefreshToken, raw);
    await refresh.blacklist();
  }

  /** The current time in seconds. Override to control the clock. */
  protected now(): number {
    return Date.now() / 1000;
  }

  /** The app's user provider, resolved through dependency injection. */
  protected userProvider(): Promise<UserProvider> {
    return this.instances.get(this.authentication.userProvider as Type<UserProvider>);
  }

  /** The configured blacklist (an instance, a class resolved through DI, or in memory). */
  protected blacklistStore(): Promise<TokenBlacklist> {
    if (!this.blacklistInstance) {
      const configured = this.options.blacklist;
      this.blacklistInstance =
        typeof configured === 'function'
          ? this.instances.get(configured)
          : Promise.resolve(configured ?? CacheTokenBlacklist.inMemory());
    }
    return this.blacklistInstance;
  }

  private missingSigningKey(): never {
    throw new RestflowConfigError(
      'jwt.signingKey',
      'Missing RestflowModule option "jwt.signingKey": this app has only a verifying key, so it ' +
        'can check tokens but not issue them. Fix: configure the private key as jwt.signingKey, ' +
        'or do not mount the token endpoints here.',
    );
  }

  private verifyOrFail<TToken extends JwtToken>(type: JwtTokenClass<TToken>, raw: string): TToken {
    try {
      return this.verify(type, raw);
    } catch (error) {
      if (error instanceof TokenError) {
        throw authenticationFailed(error.message, error.code);
      }
      throw error;
    }
  }

  private async activeUserOf<TUser>(token: JwtToken): Promise<TUser> {
    const id = this.userIdOf(token);
    const provider = await this.userProvider();
    const user = await provider.findById(id);
    if (user === null || user === undefined) {
      throw authenticationFailed('User not found.', 'user_not_found');
    }
    if (this.options.checkUserIsActive && !provider.isActive(user)) {
      throw authenticationFailed('User is inactive.', 'user_inactive');
    }
    if (this.checksRevokeClaim) {
      const expected = this.fingerprintOf(provider, user);
      if (!fingerprintMatches(token.payload[this.options.revokeTokenClaim], expected)) {
        throw authenticationFailed("The user's password has been changed.", 'password_changed');
      }
    }
    return user as TUser;
  }

  /**
   * Whether an access token is blacklisted, failing open: when the blacklist fails or is slow,
   * the token is accepted (logged) and access-token lookups pause for a few seconds.
   */
  private async accessTokenBlacklisted(token: AccessToken): Promise<boolean> {
    if (!this.options.blacklistEnabled || !token.jti) return false;
    if (Date.now() < this.accessLookupsPausedUntil) return false;
    try {
      return await this.isBlacklisted(token);
    } catch (error) {
      if (!(error instanceof ServiceUnavailable)) throw error;
      this.accessLookupsPausedUntil = Date.now() + ACCESS_LOOKUP_PAUSE_MS;
      this.logger.warn(
        `The token blacklist is unavailable (${describeCause(error)}): access tokens are ` +
          `accepted without the lookup for ${ACCESS_LOOKUP_PAUSE_MS / 1000} s; refresh and ` +
          'logout answer 503.',
      );
      return false;
    }
  }

  /** `{ [revokeTokenClaim]: fingerprint }` for `user`, or nothing when the check is off. */
  private revokeClaimOf(provider: UserProvider, user: unknown): JwtPayload {
    return this.checksRevokeClaim
      ? { [this.options.revokeTokenClaim]: this.fingerprintOf(provider, user) }
      : {};
  }

  private fingerprintOf(provider: UserProvider, user: unknown): string {
    const hash = provider.getPasswordHash?.(user);
    return passwordFingerprint(typeof hash === 'string' ? hash : '', this.revokeKey);
  }

  /** `jwt.checkRevokeToken` against what the user provider can do. */
  private resolveRevokeCheck(providerClass: unknown): boolean {
    const prototype = (providerClass as { prototype?: Partial<UserProvider> } | null)?.prototype;
    const canHash = typeof prototype?.getPasswordHash === 'function';
    const configured = this.options.checkRevokeToken;
    if (configured === true && !canHash) {
      throw new RestflowConfigError(
        'jwt.checkRevokeToken',
        'RestflowModule option "jwt.checkRevokeToken" is true, but the user provider ' +
          `${(providerClass as { name?: string }).name ?? ''} has no getPasswordHash(user) ` +
          'method, so tokens cannot carry the password-hash claim. Fix: implement ' +
          'getPasswordHash(user) in the UserProvider (return the stored hash), or set ' +
          'checkRevokeToken to null or false.',
      );
    }
    return configured ?? canHash;
  }

  private userIdOf(token: JwtToken): string | number {
    const id = token.payload[this.options.userIdClaim];
    if ((typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id))) {
      return id;
    }
    throw authenticationFailed(
      'Token contained no recognizable user identification.',
      'invalid_token',
    );
  }

  /**
   * Runs one blacklist call within `jwt.blacklistTimeoutMs`. Storage failures and timeouts are a
   * 503: never "not blacklisted", never a bare 500, never a hang. (A timed-out write may still
   * land later, when the store answers.)
   */
  private async withBlacklist<TResult>(
    operation: (blacklist: TokenBlacklist) => Promise<TResult>,
  ): Promise<TResult> {
    const timeoutMs = this.options.blacklistTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the token blacklist did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.blacklistStore().then(operation), timeout]);
    } catch (error) {
      throw new ServiceUnavailable({
        message: 'The token blacklist is unavailable, try again later.',
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  private warnAboutWeakSettings(): void {
    const { signingKey, algorithm } = this.keys;
    const spec = algorithmSpec(algorithm);
    const minimum = { sha256: 32, sha384: 48, sha512: 64 }[spec.hash ?? 'sha256'];
    if (spec.family === 'HMAC' && signingKey && (signingKey.symmetricKeySize ?? 0) < minimum) {
      this.logger.warn(
        `jwt.signingKey is shorter than ${minimum} bytes: use at least ${minimum} random bytes ` +
          `with ${algorithm} (RFC 7518 §3.2).`,
      );
    }
  }
}

function describeCause(error: ServiceUnavailable): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? cause.message : String(cause);
}

function authenticationFailed(message: string, code: string): AuthenticationFailed {
  return new AuthenticationFailed({ message, details: { code } });
}
