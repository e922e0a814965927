import type { OptionRule } from '../config/option-rules';
import type { PermissionSpec } from './permission.interface';
import { isPermissionSpec } from './permission-instance.util';

/**
 * Whom the API lets in by default.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({ permissions: { defaultPermissionClasses: [IsAuthenticatedOrReadOnly] } });
 * ```
 * @publicApi
 */
export interface PermissionsOptions {
  /**
   * The permissions of actions whose `@ActionConfig` and view set none (DRF's
   * `DEFAULT_PERMISSION_CLASSES`), all of which must allow: permission classes (instantiated once
   * with `new`) or instances such as `anyOf(IsAdminUser, IsOwner)`. A view or an action that sets
   * its own list replaces this one; it does not add to it.
   * @default [] (anyone: DRF's AllowAny)
   */
  defaultPermissionClasses?: PermissionSpec[];
}

/**
 * Rules of the `permissions` section.
 *
 * @example
 * ```ts
 * PERMISSIONS_OPTION_RULES.defaultPermissionClasses.accept([IsAuthenticated]); // [IsAuthenticated]
 * ```
 * @internal
 */
export const PERMISSIONS_OPTION_RULES = {
  defaultPermissionClasses: {
    default: Object.freeze([]) as readonly PermissionSpec[],
    expected: 'a list of permission classes or permission objects such as [IsAuthenticated]',
    fix: 'list permission classes (or combinators such as anyOf(IsAdminUser, IsOwner)), e.g. [IsAuthenticatedOrReadOnly].',
    accept: (value) =>
      Array.isArray(value) && value.every(isPermissionSpec) ? Object.freeze([...value]) : undefined,
  } satisfies OptionRule<readonly PermissionSpec[]>,
};
