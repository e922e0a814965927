import type { PermissionSpec } from './permission.interface';

/**
 * The permission setting of one action (composed into `ActionConfigOptions`).
 *
 * @example
 * ```ts
 * @ActionConfig({ permissionClasses: [IsAdminUser] })
 * ```
 * @publicApi
 */
export interface PermissionsActionConfig {
  /** The permissions of this action, all of which must allow (`[]`: anyone). */
  permissionClasses?: readonly PermissionSpec[];
}
