import { isAuthenticatedUser } from '../../authentication/anonymous-user';
import type { RestflowRequest } from '../../core/restflow-request.interface';
import { BasePermission } from '../base.permission';
import { isSafeMethod } from './safe-methods';

/**
 * Lets anyone read (`GET`, `HEAD`, `OPTIONS`) and only authenticated users write (DRF's
 * `IsAuthenticatedOrReadOnly`).
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({ permissions: { defaultPermissionClasses: [IsAuthenticatedOrReadOnly] } });
 * ```
 * @publicApi
 */
export class IsAuthenticatedOrReadOnly extends BasePermission {
  override hasPermission(request: RestflowRequest): boolean {
    return isSafeMethod(request) || isAuthenticatedUser(request.user);
  }
}
