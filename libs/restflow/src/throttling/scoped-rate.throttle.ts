import { Injectable } from '@nestjs/common';
import { isAuthenticatedUser } from '../authentication/anonymous-user';
import { InjectRestflowOptions } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { ProviderInstances } from '../core/provider-instances';
import type { RestflowRequest } from '../core/restflow-request.interface';
import { resolveActionSetting } from '../core/action-config.decorator';
import { SimpleRateThrottle } from './simple-rate.throttle';
import { userIdent } from './user-ident.util';

/**
 * Limits each action by its own scope (DRF's `ScopedRateThrottle`): the scope is the action's
 * `throttleScope` (`@ActionConfig({ throttleScope })`, `actionConfigs`, or the view's
 * `throttleScope` property), the rate is `throttling.rates[scope]`, and the key is
 * `throttle_<scope>_<user id or ip>`. Actions without a scope are not throttled by it. Actions of
 * different views with the same scope share one limit. Works on every view and controller (the
 * original crashes on async views).
 *
 * @example
 * ```ts
 * @ViewSet('api/uploads')
 * export class UploadViewSet extends ModelViewSet {
 *   override throttleClasses = [ScopedRateThrottle];
 *
 *   @ActionConfig({ throttleScope: 'uploads' })
 *   override create(request: RestflowRequest) {
 *     return super.create(request);
 *   }
 * }
 * // RestflowModule.forRoot({ throttling: { rates: { uploads: '10/hour' } } })
 * ```
 * @publicApi
 */
@Injectable()
export class ScopedRateThrottle extends SimpleRateThrottle {
  /** Not used: each action's `throttleScope` is the scope. */
  readonly scope: string = '';

  constructor(
    @InjectRestflowOptions() protected readonly restflowOptions: ResolvedRestflowOptions,
    protected readonly instances: ProviderInstances,
  ) {
    super(restflowOptions.throttling);
  }

  /** The action's `throttleScope`, or `null` when it has none. */
  protected override getScope(view: object, action: string): string | null {
    return resolveActionSetting(view, action, 'throttleScope') || null;
  }

  async getCacheKey(
    request: RestflowRequest,
    view: object,
    action: string,
  ): Promise<string | null> {
    const scope = this.getScope(view, action);
    if (scope === null) {
      return null;
    }
    const ident = isAuthenticatedUser(request.user)
      ? await userIdent(request.user, this.restflowOptions, this.instances, this.constructor.name)
      : this.getIdent(request);
    return this.cacheKey(scope, ident);
  }
}
