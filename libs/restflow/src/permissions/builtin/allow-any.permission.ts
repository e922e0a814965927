import { BasePermission } from '../base.permission';

/**
 * Lets every request in (DRF's `AllowAny`). The same as an empty `permissionClasses` list, but
 * says so explicitly, e.g. to open one action of a protected viewset.
 *
 * @example
 * ```ts
 * @ActionConfig({ permissionClasses: [AllowAny] })
 * override list(request: RestflowRequest) {
 *   return super.list(request);
 * }
 * ```
 * @publicApi
 */
export class AllowAny extends BasePermission {
  override hasPermission(): boolean {
    return true;
  }
}
