import type { RestflowRequest } from '../../core/restflow-request.interface';

/**
 * What key fields read from one call of a cached function: its arguments by name, and the HTTP
 * request when there is one.
 *
 * Arguments get names in one of two ways (TypeScript cannot read parameter names reliably):
 * `cacheResult(fn, { argNames: ['userId', 'scope'] })` names positional arguments, or, without
 * `argNames`, the function takes one object argument whose properties are the names.
 *
 * @example
 * ```ts
 * const call: KeyCall = { args: { userId: 42 }, request: undefined, self: undefined };
 * ```
 * @publicApi
 */
export interface KeyCall {
  /** The arguments by name (an object without a prototype). */
  readonly args: Readonly<Record<string, unknown>>;
  /** The HTTP request: the response cache's, or an argument named by the field, if any. */
  readonly request?: RestflowRequest;
  /** `this` of a cached method (its `request` property is the fallback request). */
  readonly self?: unknown;
}
