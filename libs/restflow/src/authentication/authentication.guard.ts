import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { getRestflowOptionsToken } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { ProviderInstances } from '../core/provider-instances';
import { AuthenticationFailed, NotAuthenticated } from '../exceptions/standard.exceptions';
import type { RestflowRequest } from '../core/restflow-request.interface';
import { resolveActionSetting } from '../core/action-config.decorator';
import type { AuthenticatorClass } from './authenticator.interface';
import { ANONYMOUS_USER } from './anonymous-user';
import { forcedAuthenticationOf } from './forced-authentication';
import { FailedAuthenticationThrottle } from './failed-authentication.throttle';
import {
  setAuthenticationChallenge,
  withAuthenticationChallenge,
} from './authentication-challenge';

/**
 * The first stage of the request pipeline (DRF's `perform_authentication`): runs the action's
 * authenticator chain (`@ActionConfig`, then the view's `authenticationClasses`, then
 * `forRoot({ authentication: { defaultAuthenticationClasses } })`). The first authenticator that
 * recognises credentials sets `request.user` and `request.auth`; wrong credentials answer 401
 * `authentication_failed` with the first authenticator's `WWW-Authenticate` (403 when it has
 * none); a request without credentials goes on as `ANONYMOUS_USER`, for the permissions to judge.
 *
 * When `throttling.rates.anon` is set, failed authentications are limited per client address to
 * that rate (their own window, `throttle_anon_failures_<ip>`): once a client has failed that
 * often, it gets 429 `throttled` with `Retry-After` instead of 401, and a right guess gets the
 * same 429 until the window has room again, so passwords and tokens cannot be guessed faster
 * than the anonymous rate.
 * `@View()` and `@ViewSet()` apply it; other controllers use `@UseGuards(AuthenticationGuard)`.
 *
 * @example
 * ```ts
 * @Controller('me')
 * @UseGuards(AuthenticationGuard, PermissionsGuard)
 * @ActionConfig({ authenticationClasses: [JWTAuthentication], permissionClasses: [IsAuthenticated] })
 * export class MeController {
 *   @Get()
 *   me(@Req() request: RestflowRequest) {
 *     return request.user;
 *   }
 * }
 * ```
 * @publicApi
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly instances: ProviderInstances,
    @Inject(getRestflowOptionsToken()) private readonly options: ResolvedRestflowOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RestflowRequest>();
    // nestjs-restflow/testing's forceAuthenticate(): the authenticator chain is bypassed.
    const forced = forcedAuthenticationOf(request);
    if (forced) {
      request.user = forced.user;
      request.auth = forced.auth;
      return true;
    }
    const view = this.instances.view(context.getClass());
    const action = context.getHandler().name;
    const authenticationClasses = resolveActionSetting(
      view,
      action,
      'authenticationClasses',
      this.options.authentication.defaultAuthenticationClasses,
    );
    if (authenticationClasses.length === 0) {
      // No authenticator: anonymous, without a challenge (nothing to resolve or wait for).
      setAuthenticationChallenge(request, undefined, 0);
      request.user = ANONYMOUS_USER;
      request.auth = null;
      return true;
    }
    return this.runChain(request, view, action, authenticationClasses);
  }

  /** The authenticator chain: the first that recognises credentials sets the user. */
  private async runChain(
    request: RestflowRequest,
    view: object,
    action: string,
    authenticationClasses: readonly AuthenticatorClass[],
  ): Promise<boolean> {
    const authenticators = await Promise.all(
      authenticationClasses.map((type) => this.instances.get(type)),
    );
    setAuthenticationChallenge(
      request,
      authenticators[0]?.authenticateHeader?.(request),
      authenticators.length,
    );
    for (const authenticator of authenticators) {
      let result;
      try {
        result = await authenticator.authenticate(request);
      } catch (error) {
        if (error instanceof AuthenticationFailed) {
          const failures = await this.failureThrottle();
          await failures?.recordFailure(request, view, action);
        }
        if (error instanceof AuthenticationFailed || error instanceof NotAuthenticated) {
          throw withAuthenticationChallenge(request, error);
        }
        throw error;
      }
      if (result) {
        const failures = await this.failureThrottle();
        await failures?.refuseIfLocked(request, view, action);
        request.user = result.user;
        request.auth = result.auth;
        return true;
      }
    }
    request.user = ANONYMOUS_USER;
    request.auth = null;
    return true;
  }

  /** The limit of failed authentications (`null` when `throttling.rates.anon` is not set). */
  private async failureThrottle(): Promise<FailedAuthenticationThrottle | null> {
    if (typeof this.options.throttling.rates.anon !== 'string') return null;
    return this.instances.get(FailedAuthenticationThrottle);
  }
}
