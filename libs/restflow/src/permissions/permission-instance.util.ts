import { isClass } from '../config/option-rules';
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
const instances = new WeakMap<new () => Permission, Permission>();

/**
 * The permission a spec names: the instance itself, or the one shared instance of the class
 * (created with `new` on first use). A class whose instances have no `hasPermission` method is a
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
    instance = new spec();
    if (typeof (instance as { hasPermission?: unknown }).hasPermission !== 'function') {
      throw new RestflowConfigError(
        'permissionClasses',
        `${spec.name || 'A permission class'} has no hasPermission() method. Fix: extend ` +
          'BasePermission, or implement Permission (hasPermission(request, view)).',
      );
    }
    instances.set(spec, instance);
  }
  return instance;
}
