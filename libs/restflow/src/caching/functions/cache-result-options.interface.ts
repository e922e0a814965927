import type { KeyConstructorClass } from '../keys/key-constructor';
import type { InvalidationRule } from '../invalidation/invalidation-rule';

/**
 * Options of `cacheResult()` and `@CacheResult()`.
 *
 * @example
 * ```ts
 * cacheResult(loadUser, { keyConstructor: UserKey, argNames: ['userId'], ttl: 300, staleWhileRevalidate: 60 });
 * ```
 * @publicApi
 */
export interface CacheResultOptions<TResult = unknown> {
  /** How keys are built. @default DefaultKeyConstructor (every named argument) */
  keyConstructor?: KeyConstructorClass;
  /**
   * Names of the positional arguments, in order (TypeScript cannot read parameter names
   * reliably). Without it the function takes one object argument (or none), whose properties
   * are the names key fields read.
   */
  argNames?: readonly string[];
  /** Function id in keys. @default the function's name (`Class.method` for methods) */
  id?: string;
  /** Seconds a value stays fresh; `null`: no expiry. @default forRoot caching.defaultTtl (300) */
  ttl?: number | null;
  /**
   * Seconds past the TTL during which the stale value is still served (status `STALE`) while
   * one background call refreshes it. @default 0 (off)
   */
  staleWhileRevalidate?: number;
  /** Cache a result only when this returns true. Exclusive with `cacheUnless`. */
  cacheIf?: (value: TResult) => boolean | Promise<boolean>;
  /** Do not cache a result when this returns true. Exclusive with `cacheIf`. */
  cacheUnless?: (value: TResult) => boolean | Promise<boolean>;
  /** Concurrent misses of one key run the function once in this process. @default true */
  singleFlight?: boolean;
  /** Rules that delete (or rewarm) entries when entities change. @default [] */
  invalidatesOn?: readonly InvalidationRule[];
}
