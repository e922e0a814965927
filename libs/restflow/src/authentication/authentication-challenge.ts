import type { APIException } from '../exceptions/api.exception';
import {
  requestAuthenticators,
  setRequestAuthenticators,
  withAuthenticationStatus,
} from '../exceptions/authentication-status';
import { NotAuthenticated } from '../exceptions/standard.exceptions';
import type { RestflowRequest } from '../core/restflow-request.interface';

/**
 * Leaves the action's authenticator chain on the request: its `WWW-Authenticate` challenge (of
 * the first authenticator; `undefined`: none) and how many authenticators it has, for the errors
 * raised later in the pipeline (guards, handlers, serializers).
 *
 * @internal
 */
export function setAuthenticationChallenge(
  request: RestflowRequest,
  challenge: string | undefined,
  authenticatorCount = challenge === undefined ? 0 : 1,
): void {
  setRequestAuthenticators(request, { count: authenticatorCount, challenge });
}

/**
 * Gives an authentication error the status DRF gives it: 401 with `WWW-Authenticate` when the
 * first authenticator of the action has a challenge, else 403 (same code and message). The
 * exception filter applies the same rule to the errors thrown in handlers.
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
  return withAuthenticationStatus(
    error,
    requestAuthenticators(request) ?? { count: 0, challenge: undefined },
  );
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
