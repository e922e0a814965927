import { setForcedAuthentication } from '../authentication/forced-authentication';
import type { RestflowRequest } from '../core/restflow-request.interface';

/**
 * Makes `request` authenticated as `user` (DRF's `force_authenticate`): sets `request.user` and
 * `request.auth` now, for permissions and views called directly, and marks the request so that
 * the authentication guard skips the authenticator chain when a guard runs on it. `user`
 * `null` removes the forcing. Returns the request.
 *
 * @example
 * ```ts
 * const request = forceAuthenticate(new RestflowRequestFactory().get('/api/me'), alice);
 * ```
 * @publicApi
 */
export function forceAuthenticate<TRequest extends RestflowRequest>(
  request: TRequest,
  user: unknown,
  auth: unknown = null,
): TRequest {
  const identity = user === null || user === undefined ? null : { user, auth };
  setForcedAuthentication(request, identity);
  request.user = identity?.user;
  request.auth = identity ? auth : undefined;
  return request;
}
