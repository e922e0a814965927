import { HttpStatus } from '@nestjs/common';
import { APIException } from './api.exception';
import { AuthenticationFailed, NotAuthenticated } from './standard.exceptions';

const AUTHENTICATORS = Symbol('restflow:request-authenticators');

/**
 * What the authentication stage learnt about the authenticator chain of a request: how many
 * authenticators the action has, and the `WWW-Authenticate` challenge of the first one
 * (`undefined`: it has none).
 *
 * @example
 * ```ts
 * const chain: RequestAuthenticators = { count: 1, challenge: 'Bearer realm="api"' };
 * ```
 * @internal
 */
export interface RequestAuthenticators {
  readonly count: number;
  readonly challenge: string | undefined;
}

/**
 * Leaves the action's authenticator chain on the request, for the errors raised later in the
 * pipeline, wherever they are thrown (guards, handlers, serializers).
 *
 * @example
 * ```ts
 * setRequestAuthenticators(request, { count: 1, challenge: 'Bearer realm="api"' });
 * ```
 * @internal
 */
export function setRequestAuthenticators(request: object, chain: RequestAuthenticators): void {
  (request as Record<symbol, RequestAuthenticators>)[AUTHENTICATORS] = chain;
}

/**
 * The authenticator chain the authentication stage left on the request; `undefined` when it did
 * not run (a controller without `AuthenticationGuard`).
 *
 * @example
 * ```ts
 * const anonymousNeedsCredentials = (requestAuthenticators(request)?.count ?? 0) > 0;
 * ```
 * @internal
 */
export function requestAuthenticators(request: object): RequestAuthenticators | undefined {
  return (request as Record<symbol, RequestAuthenticators | undefined>)[AUTHENTICATORS];
}

/**
 * DRF's rule for `NotAuthenticated` and `AuthenticationFailed` (`APIView.handle_exception`):
 * 401 with the first authenticator's `WWW-Authenticate` when it has a challenge, else 403, same
 * code and message. An error that carries its own `WWW-Authenticate` (the token endpoints', as
 * DRF's token views override `get_authenticate_header`) keeps it and stays 401 when the chain
 * has no challenge. Other errors are returned as they are.
 *
 * @example
 * ```ts
 * const sent = withAuthenticationStatus(new NotAuthenticated(), { count: 0, challenge: undefined });
 * sent.getStatus(); // 403
 * ```
 * @internal
 */
export function withAuthenticationStatus(
  error: APIException,
  chain: RequestAuthenticators,
): APIException {
  if (!(error instanceof NotAuthenticated || error instanceof AuthenticationFailed)) {
    return error;
  }
  const challenge = chain.challenge ?? error.headers['WWW-Authenticate'];
  const status = challenge === undefined ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED;
  if (error.getStatus() === status && error.headers['WWW-Authenticate'] === challenge) {
    return error;
  }
  const ErrorClass = error.constructor as new (
    options: ConstructorParameters<typeof APIException>[0],
  ) => APIException;
  const headers: Record<string, string> = { ...error.headers };
  delete headers['WWW-Authenticate'];
  if (challenge !== undefined) headers['WWW-Authenticate'] = challenge;
  return new ErrorClass({
    message: error.message,
    code: error.code,
    details: error.details,
    status,
    headers,
    cause: error,
  });
}
