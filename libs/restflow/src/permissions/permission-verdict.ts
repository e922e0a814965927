import type { RestflowRequest } from '../core/restflow-request.interface';
import type { Permission } from './permission.interface';

/**
 * The outcome of one permission check: allowed, or refused with the message to send
 * (`undefined`: the default "You do not have permission to perform this action.").
 *
 * @example
 * ```ts
 * const verdict: PermissionVerdict = { allowed: false, message: 'Drafts only.' };
 * ```
 * @internal
 */
export type PermissionVerdict =
  { readonly allowed: true } | { readonly allowed: false; readonly message: string | undefined };

/**
 * The verdict of a permission that allows.
 *
 * @example
 * ```ts
 * return isStaff ? ALLOWED : refused(this.message);
 * ```
 * @internal
 */
export const ALLOWED: PermissionVerdict = Object.freeze({ allowed: true });

/**
 * The verdict of a permission that refuses, with its message (`undefined`: the default).
 *
 * @example
 * ```ts
 * refused('Only the owner may change this article.');
 * ```
 * @internal
 */
export function refused(message: string | undefined): PermissionVerdict {
  return { allowed: false, message };
}

/**
 * Keys of the verdict methods of permissions that decide their own refusal message (the
 * combinators): a refusal of `allOf(A, B)` carries the message of the operand that refused,
 * which a shared instance cannot keep in a property while requests run concurrently.
 *
 * @example
 * ```ts
 * const verdict = await combined[PERMISSION_VERDICT](request, view);
 * ```
 * @internal
 */
export const PERMISSION_VERDICT = Symbol('restflow:permission-verdict');
/**
 * The object-check twin of {@link PERMISSION_VERDICT}.
 *
 * @example
 * ```ts
 * const verdict = await combined[OBJECT_PERMISSION_VERDICT](request, view, article);
 * ```
 * @internal
 */
export const OBJECT_PERMISSION_VERDICT = Symbol('restflow:object-permission-verdict');

/**
 * A permission with its own verdict methods (every `CombinedPermission`).
 *
 * @example
 * ```ts
 * class Combined implements VerdictPermission {
 *   // hasPermission, [PERMISSION_VERDICT], [OBJECT_PERMISSION_VERDICT]
 * }
 * ```
 * @internal
 */
export interface VerdictPermission extends Permission {
  [PERMISSION_VERDICT](request: RestflowRequest, view: unknown): Promise<PermissionVerdict>;
  [OBJECT_PERMISSION_VERDICT](
    request: RestflowRequest,
    view: unknown,
    object: unknown,
  ): Promise<PermissionVerdict>;
}

function hasVerdicts(permission: Permission): permission is VerdictPermission {
  return typeof (permission as Partial<VerdictPermission>)[PERMISSION_VERDICT] === 'function';
}

/**
 * Runs `hasPermission` (sync or async; a truthy result allows, as in DRF) and turns the answer
 * into a verdict carrying the permission's `message`.
 *
 * @example
 * ```ts
 * const verdict = await permissionVerdict(toPermission(IsAuthenticated), request, view);
 * ```
 * @internal
 */
export async function permissionVerdict(
  permission: Permission,
  request: RestflowRequest,
  view: unknown,
): Promise<PermissionVerdict> {
  if (hasVerdicts(permission)) {
    return permission[PERMISSION_VERDICT](request, view);
  }
  return (await permission.hasPermission(request, view)) ? ALLOWED : refused(permission.message);
}

/**
 * Runs `hasObjectPermission` (absent: allowed, like `BasePermission`'s default) and turns the
 * answer into a verdict carrying the permission's `message`.
 *
 * @example
 * ```ts
 * const verdict = await objectPermissionVerdict(toPermission(IsOwner), request, view, article);
 * ```
 * @internal
 */
export async function objectPermissionVerdict(
  permission: Permission,
  request: RestflowRequest,
  view: unknown,
  object: unknown,
): Promise<PermissionVerdict> {
  if (hasVerdicts(permission)) {
    return permission[OBJECT_PERMISSION_VERDICT](request, view, object);
  }
  if (!permission.hasObjectPermission) {
    return ALLOWED;
  }
  return (await permission.hasObjectPermission(request, view, object))
    ? ALLOWED
    : refused(permission.message);
}
