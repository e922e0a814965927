import { APIException } from '../exceptions/api.exception';
import { NotAuthenticated } from '../exceptions/standard.exceptions';
import type { RestflowRequest } from '../views/restflow-request.interface';

const CHALLENGE = Symbol('restflow:authentication-challenge');

/**
 * Leaves the `WWW-Authenticate` challenge of the request's first authenticator on the request
 * (`undefined`: the chain has none), for the errors raised later in the pipeline.
 *
 * @internal
 */
export function setAuthenticationChallenge(
  request: RestflowRequest,
  challenge: string | undefined,
): void {
  (request as unknown as Record<symbol, string | undefined>)[CHALLENGE] = challenge;
}

/**
 * Gives an authentication error the status DRF gives it: 401 with `WWW-Authenticate` when the
 * first authenticator of the action has a challenge, else 403 (same code and message).
 *
 * @example
 * ```ts
 * throw withAuthenticationChallenge(request, new NotAuthenticated());
 * ```
 * @publicApi
 */
export function withAuthenticationChallenge(
  request: RestflowRequest,
  error: APIException,
): APIException {
  const challenge = (request as unknown as Record<symbol, string | undefined>)[CHALLENGE];
  const ErrorClass = error.constructor as new (
    options: ConstructorParameters<typeof APIException>[0],
  ) => APIException;
  return new ErrorClass({
    message: error.message,
    code: error.code,
    details: error.details,
    status: challenge === undefined ? 403 : error.getStatus(),
    headers:
      challenge === undefined
        ? { ...error.headers }
        : { ...error.headers, 'WWW-Authenticate': challenge },
    cause: error,
  });
}

/**
 * The error of an anonymous request that a permission refused: `NotAuthenticated`, 401 with the
 * challenge, or 403 when the chain has none.
 *
 * @example
 * ```ts
 * if (!isAuthenticatedUser(request.user)) throw notAuthenticated(request);
 * ```
 * @publicApi
 */
export function notAuthenticated(request: RestflowRequest, message?: string): APIException {
  return withAuthenticationChallenge(request, new NotAuthenticated(message));
}
