import type { OptionRule } from '../config/option-rules';
import type { ThrottleClass } from './throttle.interface';

/**
 * Rate limits: the default throttles, the rate of each scope, and how client addresses are read.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({ throttling: { defaultThrottleClasses: [AnonRateThrottle] } });
 * ```
 * @publicApi
 */
export interface ThrottlingOptions {
  /** Throttles of views that set none. @default [] */
  defaultThrottleClasses?: ThrottleClass[];
}

const isClass = (value: unknown): value is ThrottleClass =>
  typeof value === 'function' && value.prototype !== undefined;

/**
 * Rules of the `throttling` section.
 *
 * @internal
 */
export const THROTTLING_OPTION_RULES = {
  defaultThrottleClasses: {
    default: Object.freeze([]) as readonly ThrottleClass[],
    expected: 'a list of throttle classes such as [AnonRateThrottle]',
    fix: 'list the classes themselves, e.g. [AnonRateThrottle, UserRateThrottle].',
    accept: (value: unknown) =>
      Array.isArray(value) && value.every(isClass)
        ? (Object.freeze([...value]) as readonly ThrottleClass[])
        : undefined,
  } satisfies OptionRule<readonly ThrottleClass[]>,
};
