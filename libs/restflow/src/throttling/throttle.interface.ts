import type { Type } from '@nestjs/common';
import type { RestflowRequest } from '../core/restflow-request.interface';

/**
 * The state of one rate limit after a request was counted (or refused), for the 429 answer and
 * the `RateLimit-*` headers.
 *
 * @example
 * ```ts
 * const decision: ThrottleDecision = { allowed: false, limit: 10, remaining: 0, resetSeconds: 42, waitSeconds: 42 };
 * ```
 * @publicApi
 */
export interface ThrottleDecision {
  readonly allowed: boolean;
  /** Requests allowed per window. */
  readonly limit: number;
  /** Requests left in the current window after this one. */
  readonly remaining: number;
  /** Seconds until the window has room again (whole seconds, rounded up). */
  readonly resetSeconds: number;
  /** When refused: seconds to wait before retrying (rounded up); `null` when allowed. */
  readonly waitSeconds: number | null;
}

/**
 * A rate limit (DRF's `BaseThrottle`). `check()` counts the request and says whether it may go
 * on; `null` means the throttle does not apply to this request (e.g. `AnonRateThrottle` on an
 * authenticated request). Throttles are resolved through Nest's dependency injection (the app's
 * provider when registered, else one instance created with its dependencies injected).
 *
 * @example
 * ```ts
 * @Injectable()
 * export class BurstThrottle extends UserRateThrottle {
 *   override scope = 'burst';
 * }
 * ```
 * @publicApi
 */
export interface Throttle {
  /**
   * Counts `request` against the limit of `action` (the handler name) on `view` (the controller
   * instance), and reports the window.
   */
  check(request: RestflowRequest, view: object, action: string): Promise<ThrottleDecision | null>;
  /**
   * Checks at boot, once for each action the throttle guards, that the throttle is usable there
   * (e.g. that its scope has a rate). Throw a `RestflowConfigError` to fail the boot.
   */
  validate?(view: object, action: string): void | Promise<void>;
}

/**
 * A throttle class, as listed in `throttleClasses`.
 *
 * @example
 * ```ts
 * const throttles: ThrottleClass[] = [AnonRateThrottle, UserRateThrottle];
 * ```
 * @publicApi
 */
export type ThrottleClass = Type<Throttle>;
