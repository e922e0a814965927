import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { getRestflowOptionsToken } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-defaults';
import { ProviderInstances } from '../core/provider-instances';
import { AuthenticationFailed, NotAuthenticated } from '../exceptions/standard.exceptions';
import type { RestflowRequest } from '../views/restflow-request.interface';
import { resolveViewPolicy } from '../views/view-policy';
import { ANONYMOUS_USER } from './anonymous-user';
import { countFailedAuthentication } from './failed-authentication.util';
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
 * A failed authentication counts as a request of an anonymous client before it is answered: it
 * is recorded by the action's `AnonRateThrottle` (or, when the action has none, by the `anon`
 * rate of `throttling.rates`, when set), and once that client's anonymous budget is spent the
 * answer is 429 `throttled` instead of 401, so passwords and tokens cannot be guessed faster
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
    const view = this.instances.view(context.getClass());
    const action = context.getHandler().name;
    const { authenticationClasses, throttleClasses } = resolveViewPolicy(
      view,
      action,
      this.options,
    );
    const authenticators = await Promise.all(
      authenticationClasses.map((type) => this.instances.get(type)),
    );
    setAuthenticationChallenge(request, authenticators[0]?.authenticateHeader?.(request));
    for (const authenticator of authenticators) {
      let result;
      try {
        result = await authenticator.authenticate(request);
      } catch (error) {
        if (error instanceof AuthenticationFailed) {
          await countFailedAuthentication(
            this.instances,
            this.options,
            request,
            view,
            action,
            throttleClasses,
          );
        }
        if (error instanceof AuthenticationFailed || error instanceof NotAuthenticated) {
          throw withAuthenticationChallenge(request, error);
        }
        throw error;
      }
      if (result) {
        request.user = result.user;
        request.auth = result.auth;
        return true;
      }
    }
    request.user = ANONYMOUS_USER;
    request.auth = null;
    return true;
  }
}
