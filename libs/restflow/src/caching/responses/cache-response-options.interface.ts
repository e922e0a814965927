import type { KeyConstructorClass } from '../keys/key-constructor';
import type { InvalidationRule } from '../invalidation/invalidation-rule';

/**
 * Options of `@CacheResponse()` and of `ActionConfig({ cacheResponse })`.
 *
 * @example
 * ```ts
 * @CacheResponse({ ttl: 60, statusHeaders: true, cacheControl: true })
 * ```
 * @publicApi
 */
export interface CacheResponseOptions {
  /** Seconds a response stays fresh; `null`: no expiry. @default forRoot caching.defaultTtl */
  ttl?: number | null;
  /**
   * How keys are built. @default ResponseKeyConstructor (route parameters as the partition,
   * the hashed query string in the suffix); the user is added unless `public` is set.
   */
  keyConstructor?: KeyConstructorClass;
  /**
   * The response is the same for every user: leave the user out of the key. Without it an
   * authenticated request's key includes the user, so one user never sees another's data.
   * @default false
   */
  public?: boolean;
  /** Add `X-Cache-Status`, `X-Cached-At`, `X-Cache-Reset-At`. @default forRoot caching.statusHeaders */
  statusHeaders?: boolean;
  /**
   * Send `Cache-Control: max-age=<seconds left>`, `private` unless `public` is set.
   * @default false
   */
  cacheControl?: boolean;
  /** Cache a response only when this returns true (it gets the body and the status). */
  cacheIf?: (body: unknown, status: number) => boolean;
  /** Do not cache a response when this returns true. Exclusive with `cacheIf`. */
  cacheUnless?: (body: unknown, status: number) => boolean;
  /**
   * Cache bodies that are not plain JSON data (streams, files, class instances), which are
   * otherwise passed through uncached. Only for bodies that survive JSON.
   * @default false
   */
  cacheNonJson?: boolean;
  /** Id in keys. @default `Class.handler` */
  id?: string;
  /** Rules that delete cached responses when entities change (values name route parameters). */
  invalidatesOn?: readonly InvalidationRule[];
}
