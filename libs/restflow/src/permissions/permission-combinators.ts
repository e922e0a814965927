import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { RestflowRequest } from '../core/restflow-request.interface';
import type { Permission, PermissionSpec } from './permission.interface';
import { isPermissionSpec, toPermission } from './permission-instance.util';
import {
  ALLOWED,
  OBJECT_PERMISSION_VERDICT,
  objectPermissionVerdict,
  PERMISSION_VERDICT,
  permissionVerdict,
  refused,
  type PermissionVerdict,
  type VerdictPermission,
} from './permission-verdict';

/**
 * A permission made of other permissions by {@link allOf}, {@link anyOf} or {@link not} (DRF's
 * `A & B`, `A | B`, `~A`). It is an instance, so it goes straight into `permissionClasses`, and
 * combinators nest. Operands are classes (instantiated once, on first use) or instances.
 *
 * The message of a refusal: the combinator's own message when one was given with
 * {@link CombinedPermission.withMessage}; otherwise `allOf` passes on the message of the operand
 * that refused, and `anyOf` / `not` use the default "You do not have permission to perform this
 * action.".
 *
 * @example
 * ```ts
 * const staffOrOwner: CombinedPermission = anyOf(IsAdminUser, IsOwner).withMessage(
 *   'Only staff or the author may change this review.',
 * );
 * ```
 * @publicApi
 */
export abstract class CombinedPermission implements VerdictPermission {
  /** The permissions combined, in the order they are checked. */
  readonly operands: readonly PermissionSpec[];
  /** The message of this combinator's refusals, when given with `withMessage()`. */
  readonly message?: string;

  protected constructor(
    /** Which combinator this is, for code that reasons about permissions (the OpenAPI probe). */
    readonly kind: 'allOf' | 'anyOf' | 'not',
    operands: readonly unknown[],
    message: string | undefined,
  ) {
    if (operands.length === 0) {
      throw new RestflowConfigError(
        'permissionClasses',
        `${kind}() needs at least one permission. Fix: pass permission classes or instances, ` +
          `e.g. ${kind}(IsAuthenticated, IsOwner).`,
      );
    }
    operands.forEach((operand, index) => {
      if (!isPermissionSpec(operand)) {
        throw new RestflowConfigError(
          'permissionClasses',
          `${kind}() operand ${index + 1} is ${describe(operand)}, not a permission. Fix: pass ` +
            'a permission class (IsAuthenticated) or instance (anyOf(IsAdminUser, IsOwner)); ' +
            'check for a circular import if it is undefined.',
        );
      }
    });
    this.operands = Object.freeze([...(operands as PermissionSpec[])]);
    if (message !== undefined) {
      this.message = message;
    }
  }

  /** Whether the combination allows the request (see the combinator for the rule). */
  async hasPermission(request: RestflowRequest, view: unknown): Promise<boolean> {
    return (await this[PERMISSION_VERDICT](request, view)).allowed;
  }

  /** Whether the combination allows the request on `object`. */
  async hasObjectPermission(
    request: RestflowRequest,
    view: unknown,
    object: unknown,
  ): Promise<boolean> {
    return (await this[OBJECT_PERMISSION_VERDICT](request, view, object)).allowed;
  }

  /** The same combination, refusing with `message`. */
  withMessage(message: string): CombinedPermission {
    if (typeof message !== 'string' || message === '') {
      throw new RestflowConfigError(
        'permissionClasses',
        `${this.kind}().withMessage() expects a non-empty string, got ${describe(message)}.`,
      );
    }
    return this.copy(message);
  }

  /** Reads as written: `allOf(IsAuthenticated, anyOf(IsAdminUser, IsOwner))`. */
  toString(): string {
    return `${this.kind}(${this.operands.map(describe).join(', ')})`;
  }

  /** @internal */
  abstract [PERMISSION_VERDICT](
    request: RestflowRequest,
    view: unknown,
  ): Promise<PermissionVerdict>;

  /** @internal */
  abstract [OBJECT_PERMISSION_VERDICT](
    request: RestflowRequest,
    view: unknown,
    object: unknown,
  ): Promise<PermissionVerdict>;

  protected abstract copy(message: string): CombinedPermission;

  /** The operands as permission instances. */
  protected permissions(): Permission[] {
    return this.operands.map(toPermission);
  }
}

class AllOfPermission extends CombinedPermission {
  constructor(operands: readonly unknown[], message?: string) {
    super('allOf', operands, message);
  }

  async [PERMISSION_VERDICT](request: RestflowRequest, view: unknown): Promise<PermissionVerdict> {
    for (const permission of this.permissions()) {
      const verdict = await permissionVerdict(permission, request, view);
      if (!verdict.allowed) return refused(this.message ?? verdict.message);
    }
    return ALLOWED;
  }

  async [OBJECT_PERMISSION_VERDICT](
    request: RestflowRequest,
    view: unknown,
    object: unknown,
  ): Promise<PermissionVerdict> {
    for (const permission of this.permissions()) {
      const verdict = await objectPermissionVerdict(permission, request, view, object);
      if (!verdict.allowed) return refused(this.message ?? verdict.message);
    }
    return ALLOWED;
  }

  protected copy(message: string): CombinedPermission {
    return new AllOfPermission(this.operands, message);
  }
}

class AnyOfPermission extends CombinedPermission {
  constructor(operands: readonly unknown[], message?: string) {
    super('anyOf', operands, message);
  }

  async [PERMISSION_VERDICT](request: RestflowRequest, view: unknown): Promise<PermissionVerdict> {
    for (const permission of this.permissions()) {
      if ((await permissionVerdict(permission, request, view)).allowed) return ALLOWED;
    }
    return refused(this.message);
  }

  async [OBJECT_PERMISSION_VERDICT](
    request: RestflowRequest,
    view: unknown,
    object: unknown,
  ): Promise<PermissionVerdict> {
    // DRF's OR: (A.has && A.hasObject) || (B.has && B.hasObject): each side re-checks its own
    // hasPermission, so an operand that refused the action cannot allow the object.
    for (const permission of this.permissions()) {
      if (
        (await permissionVerdict(permission, request, view)).allowed &&
        (await objectPermissionVerdict(permission, request, view, object)).allowed
      ) {
        return ALLOWED;
      }
    }
    return refused(this.message);
  }

  protected copy(message: string): CombinedPermission {
    return new AnyOfPermission(this.operands, message);
  }
}

class NotPermission extends CombinedPermission {
  constructor(operands: readonly unknown[], message?: string) {
    super('not', operands, message);
  }

  async [PERMISSION_VERDICT](request: RestflowRequest, view: unknown): Promise<PermissionVerdict> {
    const [permission] = this.permissions() as [Permission];
    return (await permissionVerdict(permission, request, view)).allowed
      ? refused(this.message)
      : ALLOWED;
  }

  async [OBJECT_PERMISSION_VERDICT](
    request: RestflowRequest,
    view: unknown,
    object: unknown,
  ): Promise<PermissionVerdict> {
    // A permission without an object rule allows every object, so its negation allows none.
    const [permission] = this.permissions() as [Permission];
    return (await objectPermissionVerdict(permission, request, view, object)).allowed
      ? refused(this.message)
      : ALLOWED;
  }

  protected copy(message: string): CombinedPermission {
    return new NotPermission(this.operands, message);
  }
}

/**
 * Allows when every permission allows (DRF's `A & B`), checked in order: the first refusal
 * decides and the permissions after it are not run. The object check works the same way over
 * `hasObjectPermission`. A refusal carries the refusing operand's message (unless
 * `withMessage()` gave the combination its own).
 *
 * @example
 * ```ts
 * @ActionConfig({ permissionClasses: [allOf(IsAuthenticated, IsOwner)] })
 * override update(request: RestflowRequest) {
 *   return super.update(request);
 * }
 * ```
 * @publicApi
 */
export function allOf(...permissions: [PermissionSpec, ...PermissionSpec[]]): CombinedPermission {
  return new AllOfPermission(permissions);
}

/**
 * Allows when at least one permission allows (DRF's `A | B`), checked in order: the first that
 * allows decides and the permissions after it are not run. On an object, an operand allows when
 * both its `hasPermission` and its `hasObjectPermission` allow (so `anyOf(IsAdminUser, IsOwner)`
 * lets staff touch every object and other users only their own). A refusal uses the message
 * given with `withMessage()`, else the default.
 *
 * @example
 * ```ts
 * override permissionClasses = [anyOf(IsAdminUser, IsOwner).withMessage('Staff or author only.')];
 * ```
 * @publicApi
 */
export function anyOf(...permissions: [PermissionSpec, ...PermissionSpec[]]): CombinedPermission {
  return new AnyOfPermission(permissions);
}

/**
 * Inverts a permission (DRF's `~A`): both its `hasPermission` and its `hasObjectPermission`. A
 * permission without an object rule allows every object, so `not(it)` allows none. A refusal
 * uses the message given with `withMessage()`, else the default.
 *
 * @example
 * ```ts
 * @ActionConfig({ permissionClasses: [not(IsAuthenticated).withMessage('Sign out first.')] })
 * @Action({ detail: false, method: 'post' })
 * register(@Req() request: RestflowRequest) {}
 * ```
 * @publicApi
 */
export function not(permission: PermissionSpec): CombinedPermission {
  return new NotPermission([permission]);
}

function describe(value: unknown): string {
  if (typeof value === 'function') {
    if (value.prototype === undefined) return 'an arrow function';
    return value.name || 'an anonymous class';
  }
  if (value instanceof CombinedPermission) return value.toString();
  if (typeof value === 'object' && value !== null) {
    return isPermissionSpec(value) ? `${value.constructor.name} instance` : 'an object';
  }
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
