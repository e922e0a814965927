import type { OptionRule } from '../config/option-rules';
import type { PermissionSpec } from './permission.interface';

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
  /** Permissions of views that set none. @default [] (anyone: DRF's AllowAny) */
  defaultPermissionClasses?: PermissionSpec[];
}

const isPermissionSpec = (value: unknown): value is PermissionSpec =>
  (typeof value === 'function' && value.prototype !== undefined) ||
  (typeof value === 'object' &&
    value !== null &&
    typeof (value as { hasPermission?: unknown }).hasPermission === 'function');

/**
 * Rules of the `permissions` section.
 *
 * @internal
 */
export const PERMISSIONS_OPTION_RULES = {
  defaultPermissionClasses: {
    default: Object.freeze([]) as readonly PermissionSpec[],
    expected: 'a list of permission classes or permission objects such as [IsAuthenticated]',
    fix: 'list permission classes (or combinators such as anyOf(IsAdminUser, IsOwner)), e.g. [IsAuthenticatedOrReadOnly].',
    accept: (value: unknown) =>
      Array.isArray(value) && value.every(isPermissionSpec)
        ? (Object.freeze([...value]) as readonly PermissionSpec[])
        : undefined,
  } satisfies OptionRule<readonly PermissionSpec[]>,
};
