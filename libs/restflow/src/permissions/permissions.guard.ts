import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { getRestflowOptionsToken } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { ProviderInstances } from '../core/provider-instances';
import type { RestflowRequest } from '../core/restflow-request.interface';
import { resolveActionSetting } from '../core/action-config.decorator';
import { checkPermissions } from './check-permissions';
import type { PermissionSpec } from './permission.interface';

/**
 * The second stage of the request pipeline (DRF's `check_permissions`), after
 * `AuthenticationGuard`: runs the action's permissions in order (`@ActionConfig`, then the
 * view's `permissionClasses`, then `forRoot({ permissions: { defaultPermissionClasses } })`).
 * The first refusal ends the request; it never returns `false`, so the answer tells "who are
 * you?" (401 `not_authenticated` for an anonymous request to an action with authenticators,
 * with the first authenticator's `WWW-Authenticate`; 403 when it has none) from "you may not"
 * (403 `permission_denied` with the permission's `message`, also for an anonymous request to an
 * action without authenticators). Permission classes are instantiated once and shared (`new`;
 * an `@Injectable()` class with dependencies is created by Nest at boot).
 *
 * `@View()` and `@ViewSet()` apply it; other controllers use
 * `@UseGuards(AuthenticationGuard, PermissionsGuard)`.
 *
 * @example
 * ```ts
 * @Controller('reports')
 * @UseGuards(AuthenticationGuard, PermissionsGuard)
 * @ActionConfig({ authenticationClasses: [JWTAuthentication], permissionClasses: [IsAdminUser] })
 * export class ReportsController {
 *   @Get()
 *   list() {
 *     return this.reports.all();
 *   }
 * }
 * ```
 * @publicApi
 */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(
    protected readonly instances: ProviderInstances,
    @Inject(getRestflowOptionsToken()) protected readonly options: ResolvedRestflowOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RestflowRequest>();
    const view = this.instances.view(context.getClass());
    const permissions = this.getPermissions(view, context.getHandler().name, request);
    if (permissions.length > 0) {
      await checkPermissions(request, view, permissions);
    }
    return true;
  }

  /**
   * The permissions of `action` on `view`. Override to choose them another way (per request,
   * for example); the refusal rules stay the same.
   */
  protected getPermissions(
    view: object,
    action: string,
    _request: RestflowRequest,
  ): readonly PermissionSpec[] {
    return resolveActionSetting(
      view,
      action,
      'permissionClasses',
      this.options.permissions.defaultPermissionClasses,
    );
  }
}
