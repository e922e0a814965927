import { isClass } from '../config/option-rules';
import {
  NEST_PARAMTYPES_METADATA,
  NEST_PROPERTY_DEPS_METADATA,
  NEST_SELF_DECLARED_DEPS_METADATA,
} from '../core/nest-metadata-keys';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { Permission, PermissionSpec } from './permission.interface';

/**
 * Whether `value` can be listed as a permission: a class (with a no-argument constructor), or an
 * object with a `hasPermission` method (a permission instance, such as a combinator).
 *
 * @example
 * ```ts
 * isPermissionSpec(IsAuthenticated); // true
 * isPermissionSpec('IsAuthenticated'); // false
 * ```
 * @internal
 */
export function isPermissionSpec(value: unknown): value is PermissionSpec {
  return (
    isClass(value) ||
    (typeof value === 'object' &&
      value !== null &&
      typeof (value as { hasPermission?: unknown }).hasPermission === 'function')
  );
}

/** One instance per permission class: permissions are shared by every request. */
const instances = new WeakMap<new (...args: never[]) => Permission, Permission>();

/**
 * Whether a permission class asks for dependencies (constructor parameters or `@Inject()`
 * properties): such a class is created by Nest's dependency injection at boot
 * (`PermissionInstancesCheck`), not with `new`.
 *
 * @internal
 */
export function permissionHasDependencies(spec: new (...args: never[]) => Permission): boolean {
  // Without reflect-metadata loaded (no Nest in the process) no decorator recorded any.
  const listed = (key: string): number =>
    typeof Reflect.getMetadata === 'function'
      ? ((Reflect.getMetadata(key, spec) as unknown[] | undefined)?.length ?? 0)
      : 0;
  return (
    spec.length > 0 ||
    listed(NEST_PARAMTYPES_METADATA) > 0 ||
    listed(NEST_SELF_DECLARED_DEPS_METADATA) > 0 ||
    listed(NEST_PROPERTY_DEPS_METADATA) > 0
  );
}

/**
 * Makes `instance` (created by Nest's dependency injection at boot) the shared instance of
 * `spec`, the one {@link toPermission} returns.
 *
 * @internal
 */
export function registerPermissionInstance(
  spec: new (...args: never[]) => Permission,
  instance: Permission,
): void {
  checkHasPermission(spec, instance);
  instances.set(spec, instance);
}

/**
 * The permission a spec names: the instance itself, or the one shared instance of the class
 * (created with `new` on first use, or by Nest's dependency injection at boot when the class
 * asks for dependencies). A class whose instances have no `hasPermission` method is a
 * configuration error, reported with the class name.
 *
 * @example
 * ```ts
 * toPermission(IsAuthenticated) === toPermission(IsAuthenticated); // true: one shared instance
 * ```
 * @internal
 */
export function toPermission(spec: PermissionSpec): Permission {
  if (typeof spec !== 'function') {
    return spec;
  }
  let instance = instances.get(spec);
  if (!instance) {
    if (permissionHasDependencies(spec)) {
      const name = spec.name || 'A permission class';
      throw new RestflowConfigError(
        'permissionClasses',
        `${name} asks for dependencies, so it is created by Nest at boot, but no view's ` +
          'permissionClasses (nor forRoot permissions.defaultPermissionClasses) lists it. Fix: ' +
          `list it in a view or action guarded by PermissionsGuard, or pass an instance ` +
          `(new ${spec.name || 'MyPermission'}(...)) instead of the class.`,
      );
    }
    instance = new spec();
    checkHasPermission(spec, instance);
    instances.set(spec, instance);
  }
  return instance;
}

function checkHasPermission(
  spec: new (...args: never[]) => Permission,
  instance: Permission,
): void {
  if (typeof (instance as { hasPermission?: unknown }).hasPermission !== 'function') {
    throw new RestflowConfigError(
      'permissionClasses',
      `${spec.name || 'A permission class'} has no hasPermission() method. Fix: extend ` +
        'BasePermission, or implement Permission (hasPermission(request, view)).',
    );
  }
}
