import type { AuthenticatorClass } from '../authentication/authenticator.interface';
import type { ResolvedRestflowOptions } from '../config/restflow-defaults';
import type { PermissionSpec } from '../permissions/permission.interface';
import type { ThrottleClass } from '../throttling/throttle.interface';
import { resolveActionConfig } from './action-config.decorator';

/**
 * The access policy of one action: who it recognises, whom it lets in, and how often.
 *
 * @example
 * ```ts
 * const policy: ViewPolicy = resolveViewPolicy(view, 'create', options);
 * ```
 * @publicApi
 */
export interface ViewPolicy {
  readonly authenticationClasses: readonly AuthenticatorClass[];
  readonly permissionClasses: readonly PermissionSpec[];
  readonly throttleClasses: readonly ThrottleClass[];
  /** The scope of `ScopedRateThrottle` (`undefined`: not throttled by it). */
  readonly throttleScope: string | undefined;
}

/** A view (or any controller) as far as its access policy is concerned. */
interface PolicyHolder {
  authenticationClasses?: readonly AuthenticatorClass[];
  permissionClasses?: readonly PermissionSpec[];
  throttleClasses?: readonly ThrottleClass[];
  throttleScope?: string;
}

const policies = new WeakMap<object, Map<string, ViewPolicy>>();

/**
 * The policy of `action` on `view`, in one precedence: the action's `@ActionConfig` (or
 * `actionConfigs[action]`), then the view's own properties (`authenticationClasses`,
 * `permissionClasses`, `throttleClasses`, `throttleScope`), then the `RestflowModule.forRoot()`
 * defaults. Computed once per view instance and action.
 *
 * @example
 * ```ts
 * resolveViewPolicy(productViewSet, 'destroy', options).permissionClasses; // [IsAdminUser]
 * ```
 * @publicApi
 */
export function resolveViewPolicy(
  view: object,
  action: string,
  options: ResolvedRestflowOptions,
): ViewPolicy {
  let byAction = policies.get(view);
  if (!byAction) {
    byAction = new Map();
    policies.set(view, byAction);
  }
  let policy = byAction.get(action);
  if (!policy) {
    const config = resolveActionConfig(view, action);
    const holder = view as PolicyHolder;
    policy = Object.freeze({
      authenticationClasses:
        config.authenticationClasses ??
        holder.authenticationClasses ??
        options.authentication.defaultAuthenticationClasses,
      permissionClasses:
        config.permissionClasses ??
        holder.permissionClasses ??
        options.permissions.defaultPermissionClasses,
      throttleClasses:
        config.throttleClasses ??
        holder.throttleClasses ??
        options.throttling.defaultThrottleClasses,
      throttleScope: config.throttleScope ?? holder.throttleScope,
    });
    byAction.set(action, policy);
  }
  return policy;
}
