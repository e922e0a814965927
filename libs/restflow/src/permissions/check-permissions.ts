import { isAuthenticatedUser } from '../authentication/anonymous-user';
import { notAuthenticated } from '../authentication/authentication-challenge';
import type { APIException } from '../exceptions/api.exception';
import { requestAuthenticators } from '../exceptions/authentication-status';
import { PermissionDenied } from '../exceptions/standard.exceptions';
import type { RestflowRequest } from '../core/restflow-request.interface';
import type { PermissionSpec } from './permission.interface';
import { toPermission } from './permission-instance.util';
import { objectPermissionVerdict, permissionVerdict } from './permission-verdict';

/**
 * Runs `hasPermission` of each permission in order (sync or async); the first refusal throws
 * and the permissions after it are not run. A refused anonymous request to an action with
 * authenticators is 401 `not_authenticated` with the first authenticator's `WWW-Authenticate`
 * (403 when the chain has no challenge); any other refusal is 403 `permission_denied` with the
 * permission's `message`.
 * `PermissionsGuard` calls it for every action; call it yourself in a controller that does not
 * use the guard.
 *
 * @example
 * ```ts
 * @Post('publish')
 * async publish(@Req() request: RestflowRequest) {
 *   await checkPermissions(request, this, [IsAuthenticated, CanPublish]);
 *   return this.articles.publish();
 * }
 * ```
 * @publicApi
 */
export async function checkPermissions(
  request: RestflowRequest,
  view: unknown,
  permissions: readonly PermissionSpec[],
): Promise<void> {
  for (const spec of permissions) {
    const verdict = await permissionVerdict(toPermission(spec), request, view);
    if (!verdict.allowed) {
      throw permissionRefusal(request, verdict.message);
    }
  }
}

/**
 * Runs `hasObjectPermission` of each permission on `object`, in order, with the refusal rules of
 * {@link checkPermissions}. `GenericAPIView.getObject()` calls it with the action's permissions
 * once the row is found (a missing row is 404 before any object check); call it in a custom
 * controller after loading the object yourself.
 *
 * @example
 * ```ts
 * @Delete(':id')
 * async remove(@Req() request: RestflowRequest, @Param('id') id: string) {
 *   const review = await this.reviews.findOneByOrFail({ id: Number(id) });
 *   await checkObjectPermissions(request, this, review, [IsAuthenticated, IsOwner]);
 *   await this.reviews.remove(review);
 * }
 * ```
 * @publicApi
 */
export async function checkObjectPermissions(
  request: RestflowRequest,
  view: unknown,
  object: unknown,
  permissions: readonly PermissionSpec[],
): Promise<void> {
  for (const spec of permissions) {
    const verdict = await objectPermissionVerdict(toPermission(spec), request, view, object);
    if (!verdict.allowed) {
      throw permissionRefusal(request, verdict.message);
    }
  }
}

/**
 * The error of a refused request (DRF's `permission_denied()`): "who are you?"
 * (`not_authenticated`: 401 with the first authenticator's challenge, 403 without one) for an
 * anonymous request to an action that has authenticators; otherwise "you may not" (403
 * `permission_denied` with `message`), also for an anonymous request to an action without
 * authenticators, which no credentials could get through.
 *
 * @example
 * ```ts
 * if (!(await canPublish(request))) throw permissionRefusal(request, 'Drafts only.');
 * ```
 * @publicApi
 */
export function permissionRefusal(request: RestflowRequest, message?: string): APIException {
  const authenticators = requestAuthenticators(request)?.count ?? 0;
  if (authenticators > 0 && !isAuthenticatedUser(request.user)) {
    return notAuthenticated(request);
  }
  return new PermissionDenied(message);
}
