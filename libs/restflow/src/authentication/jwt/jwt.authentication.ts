import { Injectable } from '@nestjs/common';
import { InjectRestflowOptions } from '../../config/options.providers';
import type { ResolvedRestflowOptions } from '../../config/restflow-options.interface';
import { ProviderInstances } from '../../core/provider-instances';
import { AuthenticationFailed } from '../../exceptions/standard.exceptions';
import type { RestflowRequest } from '../../core/restflow-request.interface';
import type { AuthenticationResult, Authenticator } from '../authenticator.interface';
import { authorizationWords } from '../authorization-header.util';
import { USES_JWT_KEYS } from './jwt.options';
import { TokenService } from './token.service';

/** Visible ASCII: what a token may consist of (PyJWT refuses bytes it cannot decode). */
const TOKEN_CHARACTERS = /^[\x21-\x7e]+$/;

/**
 * Recognises `Authorization: Bearer <access token>` (DRF's and drf-restflow's
 * `JWTAuthentication`). `request.user` becomes the token's user (from the app's `UserProvider`)
 * and `request.auth` the verified {@link AccessToken}.
 *
 * - no `Authorization` header, or another scheme: not its kind (`null`, the next authenticator
 *   is tried); schemes are `jwt.authHeaderTypes`, compared case-insensitively;
 * - a scheme without exactly one token: "Authorization header must be 'Bearer <token>'.";
 * - a token that fails verification: its reason ("Token has expired.", "Signature verification
 *   failed", ...), `details.code` `invalid_token`;
 * - a blacklisted token: "Token has been blacklisted." (`token_blacklisted`);
 * - no such user: "User not found." (`user_not_found`); an inactive one (with
 *   `jwt.checkUserIsActive`): "User is inactive." (`user_inactive`);
 * - a token issued before the user's password changed (with `jwt.checkRevokeToken`): "The
 *   user's password has been changed." (`password_changed`).
 *
 * Access tokens do not depend on the blacklist being up: when the lookup fails or takes longer
 * than `jwt.blacklistTimeoutMs`, the token is accepted (see `TokenService`).
 *
 * Each failure is a 401 `authentication_failed` with `WWW-Authenticate: Bearer realm="api"`.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({
 *   authentication: { defaultAuthenticationClasses: [JWTAuthentication], userProvider: UsersProvider },
 *   jwt: { signingKey: process.env.JWT_SIGNING_KEY },
 * });
 *
 * @View('api/me')
 * export class MeView extends APIView {
 *   override authenticationClasses = [JWTAuthentication];
 *   override permissionClasses = [IsAuthenticated];
 *
 *   @Get()
 *   me(@Req() request: RestflowRequest) {
 *     return { user: request.user, claims: (request.auth as AccessToken).payload };
 *   }
 * }
 * ```
 * @publicApi
 */
@Injectable()
export class JWTAuthentication implements Authenticator {
  /** Lets the boot check see that this authenticator needs the `jwt` keys. @internal */
  static readonly [USES_JWT_KEYS] = true;

  /** The realm named in the `WWW-Authenticate` challenge. */
  protected readonly realm: string = 'api';

  constructor(
    protected readonly instances: ProviderInstances,
    @InjectRestflowOptions('jwt') protected readonly options: ResolvedRestflowOptions['jwt'],
  ) {}

  async authenticate(request: RestflowRequest): Promise<AuthenticationResult | null> {
    const raw = this.rawToken(request);
    if (raw === null) {
      return null;
    }
    const tokens = await this.tokenService();
    const { user, token } = await tokens.authenticate(raw);
    return { user, auth: token };
  }

  /** `Bearer realm="api"`: the first of `jwt.authHeaderTypes`, then the realm. */
  authenticateHeader(): string {
    return `${this.options.authHeaderTypes[0] ?? 'Bearer'} realm="${this.realm}"`;
  }

  /**
   * The token of the `Authorization` header (`null`: the header is absent or of another scheme).
   * Override to read the token from elsewhere (a cookie, a query parameter).
   *
   * @throws {AuthenticationFailed} for a header of this scheme that is malformed.
   */
  protected rawToken(request: RestflowRequest): string | null {
    // Runs of whitespace separate the words, as Python's bytes.split(): "Bearer  x" has two.
    const parts = authorizationWords(request);
    const scheme = parts[0]?.toLowerCase();
    if (scheme === undefined || !this.schemes().includes(scheme)) {
      return null;
    }
    if (parts.length !== 2) {
      throw new AuthenticationFailed({
        message: `Authorization header must be '${this.options.authHeaderTypes[0] ?? 'Bearer'} <token>'.`,
        details: { code: 'invalid_authorization_header' },
      });
    }
    const token = parts[1] as string;
    if (!TOKEN_CHARACTERS.test(token)) {
      throw new AuthenticationFailed({
        message: 'Token contains invalid characters.',
        details: { code: 'invalid_token' },
      });
    }
    return token;
  }

  /** The token service (the app's own when it registers one), resolved once. */
  protected tokenService(): Promise<TokenService> {
    return this.instances.get(TokenService);
  }

  private schemes(): string[] {
    return this.options.authHeaderTypes.map((type) => type.toLowerCase());
  }
}
