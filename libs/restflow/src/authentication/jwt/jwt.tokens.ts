import type { ResolvedRestflowOptions } from '../../config/restflow-options.interface';
import type { JwtPayload } from './jwt.codec';

/**
 * What a token needs from the service that made it, to derive and revoke tokens.
 *
 * @internal
 */
export interface TokenIssuer {
  /** A new token of `type` for the user of `source` (claims: user id, `iss`, `aud`). */
  issueFrom<TToken extends JwtToken>(type: JwtTokenClass<TToken>, source: JwtToken): TToken;
  /** Blacklists `token` until it expires; whether this call did (it was not yet). */
  blacklist(token: JwtToken): Promise<boolean>;
}

/**
 * A token class: its `token_type` claim and how long its tokens live.
 *
 * @example
 * ```ts
 * const type: JwtTokenClass<AccessToken> = AccessToken;
 * type.tokenType; // 'access'
 * ```
 * @publicApi
 */
export interface JwtTokenClass<TToken extends JwtToken = JwtToken> {
  new (raw: string, payload: JwtPayload, issuer: TokenIssuer): TToken;
  /** The `token_type` claim of this class's tokens. */
  readonly tokenType: string;
  /** Seconds a new token of this class is valid. */
  lifetime(options: ResolvedRestflowOptions['jwt']): number;
}

/**
 * A signed token whose signature and claims have been checked (or that was just issued). Get
 * one from `TokenService.forUser()` or `TokenService.verify()`; `request.auth` is the verified
 * {@link AccessToken} of a request that `JWTAuthentication` recognised.
 *
 * @example
 * ```ts
 * const token = tokens.verify(AccessToken, raw);
 * token.payload.user_id; // 7
 * token.jti; // 'tTq2x0mWc3Zf2c8F9bqk1A'
 * String(token) === raw; // true
 * ```
 * @publicApi
 */
export abstract class JwtToken {
  /** The `token_type` claim of this class's tokens. */
  static readonly tokenType: string = '';

  readonly #issuer: TokenIssuer;

  /** @internal Tokens come from `TokenService`; a constructed one is not verified. */
  constructor(
    /** The encoded token, as sent on the wire. */
    readonly raw: string,
    /** The verified claims. */
    readonly payload: Readonly<JwtPayload>,
    issuer: TokenIssuer,
  ) {
    this.#issuer = issuer;
    Object.freeze(payload);
  }

  /** Seconds a new token of this class is valid. Override in custom token classes. */
  static lifetime(_options: ResolvedRestflowOptions['jwt']): number {
    throw new Error(`${this.name} does not define its lifetime.`);
  }

  /** The `token_type` claim. */
  get tokenType(): string {
    return this.payload.token_type ?? '';
  }

  /** The token's id (`jti`), `''` when it has none. */
  get jti(): string {
    return typeof this.payload.jti === 'string' ? this.payload.jti : '';
  }

  /** When the token expires, in seconds since the epoch (`0` when it has no `exp`). */
  get exp(): number {
    return typeof this.payload.exp === 'number' ? this.payload.exp : 0;
  }

  /**
   * Revokes the token until it expires (it is refused from then on), and resolves whether this
   * call revoked it (`false`: it already was). Atomic: of concurrent calls, one resolves `true`.
   */
  blacklist(): Promise<boolean> {
    return this.#issuer.blacklist(this);
  }

  /** The service that issued or verified the token. */
  protected get issuer(): TokenIssuer {
    return this.#issuer;
  }

  /** The encoded token. */
  toString(): string {
    return this.raw;
  }
}

/**
 * A short-lived token that authenticates requests (`Authorization: Bearer <access>`), with
 * `token_type: "access"`.
 *
 * @example
 * ```ts
 * const access = await tokens.forUser(AccessToken, user);
 * response.setHeader('Authorization', `Bearer ${access}`);
 * ```
 * @publicApi
 */
export class AccessToken extends JwtToken {
  static override readonly tokenType: string = 'access';

  static override lifetime(options: ResolvedRestflowOptions['jwt']): number {
    return options.accessTokenLifetime;
  }
}

/**
 * A long-lived token that is only good for getting new access tokens (the refresh endpoint),
 * with `token_type: "refresh"`.
 *
 * @example
 * ```ts
 * const refresh = tokens.verify(RefreshToken, body.refresh);
 * const access = refresh.accessToken();
 * const next = refresh.rotate();
 * await refresh.blacklist();
 * ```
 * @publicApi
 */
export class RefreshToken extends JwtToken {
  static override readonly tokenType: string = 'refresh';

  static override lifetime(options: ResolvedRestflowOptions['jwt']): number {
    return options.refreshTokenLifetime;
  }

  /** A new access token for the same user (same `iss` and `aud`), valid from now. */
  accessToken(): AccessToken {
    return this.issuer.issueFrom(AccessToken, this);
  }

  /** A new refresh token for the same user, with a new `jti` and a full lifetime from now. */
  rotate(): RefreshToken {
    return this.issuer.issueFrom(RefreshToken, this);
  }
}
