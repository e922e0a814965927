import { HttpCode, HttpStatus, Inject, Post, Req, type OnModuleInit } from '@nestjs/common';
import { ProviderInstances } from '../../core/provider-instances';
import { AuthenticationFailed } from '../../exceptions/standard.exceptions';
import { APIView } from '../../views/api-view';
import type { ActionConfigOptions } from '../../core/action-config.interface';
import type { RestflowRequest } from '../../core/restflow-request.interface';
import type { AuthenticatorClass } from '../authenticator.interface';
import type { PermissionSpec } from '../../permissions/permission.interface';
import { TokenObtainSerializer, TokenRefreshSerializer } from './jwt-auth.serializers';
import { TokenService, type RefreshResult, type TokenPair } from './token.service';

/**
 * The token endpoints (drf-restflow's `TokenObtainView`, `TokenRefreshView` and
 * `TokenBlacklistView`), POST only, without authentication or permissions:
 *
 * - `POST <path>/token` `{ username, password }` → 200 `{ access, refresh }`; wrong credentials
 *   or an inactive user → 401 "No active account found with the given credentials.";
 * - `POST <path>/refresh` `{ refresh }` → 200 `{ access, refresh }` (the old refresh token is
 *   blacklisted) or `{ access }` with `jwt.rotateRefreshTokens: false`; an invalid, expired,
 *   blacklisted token, or one whose user is gone or inactive → 401;
 * - `POST <path>/blacklist` `{ refresh }` → 204, idempotent ("log out").
 *
 * A missing field is a 400 `validation_error`; another method is a 405 with `Allow: POST`; 401s
 * carry `WWW-Authenticate: Bearer realm="api"`. Mount it with `JwtAuthModule.register()`, or
 * subclass it with `@View(path)` to change or add behaviour. The keys are checked when the app
 * starts: without a signing key, the boot fails.
 *
 * @example
 * ```ts
 * @View('api/auth')
 * export class AuthController extends JwtAuthController {
 *   override async obtainToken(request: RestflowRequest) {
 *     const pair = await super.obtainToken(request);
 *     audit.log('login', request);
 *     return pair;
 *   }
 * }
 * ```
 * @publicApi
 */
export abstract class JwtAuthController extends APIView implements OnModuleInit {
  /** None: these endpoints are how a client gets credentials. */
  override authenticationClasses: readonly AuthenticatorClass[] = [];
  /** None: anyone may try. Throttles still apply (`forRoot({ throttling })`). */
  override permissionClasses: readonly PermissionSpec[] = [];

  /** The request bodies, per action (also what the OpenAPI document shows). */
  override actionConfigs: Readonly<Record<string, ActionConfigOptions>> = {
    obtainToken: { requestSerializerClass: TokenObtainSerializer },
    refreshToken: { requestSerializerClass: TokenRefreshSerializer },
    blacklistToken: { requestSerializerClass: TokenRefreshSerializer },
  };

  @Inject(ProviderInstances)
  private readonly instances!: ProviderInstances;
  private tokenService: TokenService | undefined;

  /** Resolves the token service at boot, so that a missing or wrong key fails the start. */
  async onModuleInit(): Promise<void> {
    this.tokenService = await this.instances.get(TokenService);
    this.tokenService.assertCanIssue();
  }

  /** The token service. */
  protected get tokens(): TokenService {
    if (!this.tokenService) {
      throw new Error('JwtAuthController is used before the application was initialised.');
    }
    return this.tokenService;
  }

  /** `POST token`: a token pair for valid credentials of an active user. */
  @Post('token')
  @HttpCode(HttpStatus.OK)
  async obtainToken(@Req() request: RestflowRequest): Promise<TokenPair> {
    const { username, password } = await this.body<{ username: string; password: string }>(request);
    return this.challenged(() => this.tokens.obtainPair(username, password));
  }

  /** `POST refresh`: a new access token (and, rotating, a new refresh token). */
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  async refreshToken(@Req() request: RestflowRequest): Promise<RefreshResult> {
    const { refresh } = await this.body<{ refresh: string }>(request);
    return this.challenged(() => this.tokens.refresh(refresh));
  }

  /** `POST blacklist`: revokes a refresh token; 204 with an empty body. */
  @Post('blacklist')
  @HttpCode(HttpStatus.NO_CONTENT)
  async blacklistToken(@Req() request: RestflowRequest): Promise<void> {
    const { refresh } = await this.body<{ refresh: string }>(request);
    await this.challenged(() => this.tokens.revoke(refresh));
  }

  /** The validated body of the action (400 `validation_error` when a field is wrong). */
  private async body<TData>(request: RestflowRequest): Promise<TData> {
    const serializer = await this.validatedSerializer(request);
    return serializer.validatedData as TData;
  }

  /** Adds the `WWW-Authenticate` challenge to authentication failures, as DRF's views do. */
  private async challenged<TResult>(operation: () => Promise<TResult>): Promise<TResult> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof AuthenticationFailed) {
        throw new AuthenticationFailed({
          message: error.message,
          details: error.details,
          headers: {
            ...error.headers,
            'WWW-Authenticate': `${this.tokens.options.authHeaderTypes[0] ?? 'Bearer'} realm="api"`,
          },
          cause: error,
        });
      }
      throw error;
    }
  }
}
