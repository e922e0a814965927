import type { RestflowRequest } from '../../core/restflow-request.interface';
import type { KeyCall } from './key-call.interface';

/**
 * The request of a call: the argument `requestArg` (default `request`), else the response
 * cache's request, else `this.request` of a cached method.
 *
 * @internal
 */
export function findRequest(call: KeyCall, requestArg = 'request'): RestflowRequest | undefined {
  const argument = call.args[requestArg];
  if (isRequest(argument)) return argument;
  if (call.request) return call.request;
  const own = (call.self as { request?: unknown } | undefined)?.request;
  return isRequest(own) ? own : undefined;
}

function isRequest(value: unknown): value is RestflowRequest {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { headers?: unknown }).headers === 'object'
  );
}
