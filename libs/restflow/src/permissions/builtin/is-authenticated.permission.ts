import { isAuthenticatedUser } from '../../authentication/anonymous-user';
import type { RestflowRequest } from '../../core/restflow-request.interface';
import { BasePermission } from '../base.permission';

/**
 * Lets in requests that an authenticator recognised (DRF's `IsAuthenticated`). An anonymous
 * request is answered 401 `not_authenticated` (with the first authenticator's
 * `WWW-Authenticate`; 403 when it has none).
 *
 * @example
 * ```ts
 * @ViewSet('api/orders')
 * export class OrderViewSet extends ModelViewSet {
 *   override permissionClasses = [IsAuthenticated];
 * }
 * ```
 * @publicApi
 */
export class IsAuthenticated extends BasePermission {
  override hasPermission(request: RestflowRequest): boolean {
    return isAuthenticatedUser(request.user);
  }
}
