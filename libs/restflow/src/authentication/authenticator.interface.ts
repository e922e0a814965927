import type { Type } from '@nestjs/common';
import type { RestflowRequest } from '../core/restflow-request.interface';

/**
 * Who made a request, as an authenticator recognised it: the user and the credential it came
 * with (a verified token, a session, ...). The authentication guard stores them on
 * `request.user` and `request.auth`.
 *
 * @example
 * ```ts
 * const result: AuthenticationResult<User> = { user, auth: accessToken };
 * ```
 * @publicApi
 */
export interface AuthenticationResult<TUser = unknown> {
  readonly user: TUser;
  readonly auth: unknown;
}

/**
 * One way of recognising credentials (DRF's `BaseAuthentication`). `authenticate()` returns the
 * user when the request carries credentials of its kind that are valid, `null` when it carries
 * none of its kind (the next authenticator is tried), and throws `AuthenticationFailed` when
 * they are present but wrong. Authenticators are resolved through Nest's dependency injection:
 * mark them `@Injectable()` and inject what they need.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class ApiKeyAuthentication implements Authenticator {
 *   constructor(private readonly keys: ApiKeyService) {}
 *   async authenticate(request: RestflowRequest) {
 *     const key = request.headers['x-api-key'];
 *     if (typeof key !== 'string') return null;
 *     const user = await this.keys.userFor(key);
 *     if (!user) throw new AuthenticationFailed('Invalid API key.');
 *     return { user, auth: key };
 *   }
 *   authenticateHeader() {
 *     return 'ApiKey';
 *   }
 * }
 * ```
 * @publicApi
 */
export interface Authenticator {
  authenticate(
    request: RestflowRequest,
  ): AuthenticationResult | null | Promise<AuthenticationResult | null>;
  /**
   * The `WWW-Authenticate` value of a 401 answer. Without it a refused anonymous request is
   * answered 403, as in DRF (the first authenticator of the chain decides).
   */
  authenticateHeader?(request: RestflowRequest): string | undefined;
}

/**
 * An authenticator class, as listed in `authenticationClasses`.
 *
 * @example
 * ```ts
 * const chain: AuthenticatorClass[] = [JWTAuthentication, SessionAuthentication];
 * ```
 * @publicApi
 */
export type AuthenticatorClass = Type<Authenticator>;
