import { Injectable, Logger, type OnModuleInit, type Type } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { InjectRestflowOptions } from '../../config/options.providers';
import type { ResolvedRestflowOptions } from '../../config/restflow-defaults';
import { ProviderInstances } from '../../core/provider-instances';
import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import { AuthenticationFailed, ServiceUnavailable } from '../../exceptions/standard.exceptions';
import type { UserProvider } from '../user-provider.interface';
import { CacheTokenBlacklist } from './cache-token-blacklist';
import { algorithmSpec } from './jwt-algorithms';
import { resolveJwtKeys, type JwtKeys } from './jwt-keys';
import { decodeJwt, encodeJwt, type JwtPayload } from './jwt.codec';
import {
  AccessToken,
  RefreshToken,
  type JwtToken,
  type JwtTokenClass,
  type TokenIssuer,
} from './jwt.tokens';
import type { TokenBlacklist } from './token-blacklist';
import { TokenError } from './token-error';

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
 * `no_active_account`. A blacklist that cannot be read or written is a 503.
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
  private blacklistInstance: Promise<TokenBlacklist> | undefined;

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
    this.warnAboutWeakSettings();
  }

  /** Resolves the blacklist at boot, so that a misconfigured one fails the start. */
  async onModuleInit(): Promise<void> {
    await this.blacklistStore();
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
   * reference's order: `token_type`, `iat`, `exp`, `jti`, the user id claim, `iss`, `aud`.
   */
  async forUser<TToken extends JwtToken>(
    type: JwtTokenClass<TToken>,
    user: unknown,
  ): Promise<TToken> {
    const provider = await this.userProvider();
    return this.forUserId(type, provider.getId(user));
  }

  /** A new token of `type` for the user with this id. */
  forUserId<TToken extends JwtToken>(type: JwtTokenClass<TToken>, userId: string | number): TToken {
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
    return this.forUserId(type, this.userIdOf(source));
  }

  /** Blacklists `token` until it expires. */
  async blacklist(token: JwtToken): Promise<void> {
    if (!token.jti) return;
    const blacklist = await this.blacklistStore();
    await this.unlessUnavailable(() => blacklist.add(token.jti, token.exp));
  }

  /** Whether `token` has been blacklisted (a token without `jti` never is). */
  async isBlacklisted(token: JwtToken): Promise<boolean> {
    if (!token.jti) return false;
    const blacklist = await this.blacklistStore();
    return this.unlessUnavailable(() => blacklist.has(token.jti));
  }

  /**
   * The user of a raw access token (`JWTAuthentication`'s steps 4 to 6): verified, not
   * blacklisted, naming a user that exists and (with `checkUserIsActive`) is active.
   *
   * @throws {AuthenticationFailed}
   */
  async authenticate<TUser = unknown>(raw: string): Promise<AccessTokenAuthentication<TUser>> {
    const token = this.verifyOrFail(AccessToken, raw);
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
    const refresh = this.forUserId(RefreshToken, provider.getId(user));
    return { access: refresh.accessToken().raw, refresh: refresh.raw };
  }

  /**
   * A new access token for a raw refresh token (the refresh endpoint). The refresh token must be
   * valid and not blacklisted, and its user must still exist and be active. With
   * `rotateRefreshTokens`, it is blacklisted and a new refresh token is returned too.
   *
   * @throws {AuthenticationFailed}
   */
  async refresh(raw: string): Promise<RefreshResult> {
    const refresh = this.verifyOrFail(RefreshToken, raw);
    await this.activeUserOf(refresh);
    const access = refresh.accessToken().raw;
    if (!this.options.rotateRefreshTokens) {
      return { access };
    }
    await refresh.blacklist();
    return { access, refresh: refresh.rotate().raw };
  }

  /**
   * Blacklists a raw refresh token (the blacklist endpoint, "log out"). Idempotent.
   *
   * @throws {AuthenticationFailed} when the token is not a valid refresh token.
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
    if (await this.isBlacklisted(token)) {
      throw authenticationFailed('Token has been blacklisted.', 'token_blacklisted');
    }
    const id = this.userIdOf(token);
    const provider = await this.userProvider();
    const user = await provider.findById(id);
    if (user === null || user === undefined) {
      throw authenticationFailed('User not found.', 'user_not_found');
    }
    if (this.options.checkUserIsActive && !provider.isActive(user)) {
      throw authenticationFailed('User is inactive.', 'user_inactive');
    }
    return user as TUser;
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

  /** Storage failures of the blacklist are a 503: never "not blacklisted", never a bare 500. */
  private async unlessUnavailable<TResult>(operation: () => Promise<TResult>): Promise<TResult> {
    try {
      return await operation();
    } catch (error) {
      throw new ServiceUnavailable({
        message: 'The token blacklist is unavailable, try again later.',
        cause: error,
      });
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
    if (this.options.blacklist === null && process.env.NODE_ENV === 'production') {
      this.logger.warn(
        'jwt.blacklist is the in-memory default: tokens revoked on one app instance are still ' +
          'accepted by the others. Use a shared CacheTokenBlacklist (Redis) or EntityTokenBlacklist.',
      );
    }
  }
}

function authenticationFailed(message: string, code: string): AuthenticationFailed {
  return new AuthenticationFailed({ message, details: { code } });
}
