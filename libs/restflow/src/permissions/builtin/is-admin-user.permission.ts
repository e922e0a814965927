import { isAuthenticatedUser } from '../../authentication/anonymous-user';
import type { RestflowRequest } from '../../core/restflow-request.interface';
import { BasePermission } from '../base.permission';

/**
 * Lets in authenticated users whose `isStaff` is `true` (DRF's `IsAdminUser`); any other value
 * (absent, `1`, `'true'`) refuses.
 *
 * @example
 * ```ts
 * @ActionConfig({ permissionClasses: [IsAdminUser] })
 * override destroy(request: RestflowRequest) {
 *   return super.destroy(request);
 * }
 * ```
 * @publicApi
 */
export class IsAdminUser extends BasePermission {
  override hasPermission(request: RestflowRequest): boolean {
    return (
      isAuthenticatedUser(request.user) && (request.user as { isStaff?: unknown }).isStaff === true
    );
  }
}
