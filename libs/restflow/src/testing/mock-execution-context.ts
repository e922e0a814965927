import type { ExecutionContext, Type } from '@nestjs/common';
import type { RestflowRequest } from '../core/restflow-request.interface';

/**
 * An `ExecutionContext` over a factory request, for calling guards directly (`canActivate`):
 * `handler` is the route method of `viewClass` that would run, `response` what
 * `switchToHttp().getResponse()` returns.
 *
 * @example
 * ```ts
 * const context = mockExecutionContext(request, BookViewSet, 'create');
 * await expect(guard.canActivate(context)).resolves.toBe(true);
 * ```
 * @publicApi
 */
export function mockExecutionContext(
  request: RestflowRequest,
  viewClass: Type<unknown>,
  handler: string,
  response: unknown = {},
): ExecutionContext {
  const method = (viewClass.prototype as Record<string, unknown>)[handler];
  if (typeof method !== 'function') {
    throw new TypeError(`mockExecutionContext: ${viewClass.name} has no method "${handler}".`);
  }
  const http = {
    getRequest: <T>() => request as T,
    getResponse: <T>() => response as T,
    getNext: <T>() => (() => undefined) as T,
  };
  return {
    getClass: <T>() => viewClass as T,
    getHandler: () => method,
    getArgs: <T extends unknown[]>() => [request, response] as T,
    getArgByIndex: <T>(index: number) => [request, response][index] as T,
    getType: <T extends string>() => 'http' as T,
    switchToHttp: () => http,
    switchToRpc: () => {
      throw new TypeError('mockExecutionContext: an HTTP context only.');
    },
    switchToWs: () => {
      throw new TypeError('mockExecutionContext: an HTTP context only.');
    },
  };
}
