import type { ThrottleClass } from './throttle.interface';

/**
 * The throttling settings of one action (composed into `ActionConfigOptions`).
 *
 * @example
 * ```ts
 * @ActionConfig({ throttleClasses: [ScopedRateThrottle], throttleScope: 'uploads' })
 * ```
 * @publicApi
 */
export interface ThrottlingActionConfig {
  /** The throttles of this action (`[]`: none). */
  throttleClasses?: readonly ThrottleClass[];
  /** The rate scope `ScopedRateThrottle` applies to this action. */
  throttleScope?: string;
}
