import type { AuthenticatorClass } from '../authentication/authenticator.interface';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import type { PermissionSpec } from '../permissions/permission.interface';
import type { ThrottleClass } from '../throttling/throttle.interface';
import { resolveActionSetting } from '../core/action-config.decorator';
import { KeyedCache } from '../core/keyed-cache.util';

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

const policies = new KeyedCache<object, string, ViewPolicy>();

/**
 * The policy of `action` on `view`: each setting resolved by `resolveActionSetting()` (the
 * action's `@ActionConfig` or `actionConfigs[action]`, then the view's own property, then the
 * `RestflowModule.forRoot()` default). Computed once per view instance and action.
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
  return policies.get(view, action, () =>
    Object.freeze({
      authenticationClasses: resolveActionSetting(
        view,
        action,
        'authenticationClasses',
        options.authentication.defaultAuthenticationClasses,
      ),
      permissionClasses: resolveActionSetting(
        view,
        action,
        'permissionClasses',
        options.permissions.defaultPermissionClasses,
      ),
      throttleClasses: resolveActionSetting(
        view,
        action,
        'throttleClasses',
        options.throttling.defaultThrottleClasses,
      ),
      throttleScope: resolveActionSetting(view, action, 'throttleScope'),
    }),
  );
}
