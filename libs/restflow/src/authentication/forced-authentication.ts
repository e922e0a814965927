import { randomBytes } from 'node:crypto';
import type { RestflowRequest } from '../core/restflow-request.interface';

/**
 * The request header by which `RestflowTestClient.forceAuthenticate()` marks its requests. It
 * carries a random ticket, never a user: the user lives in this process's ticket table, which
 * only the testing helpers fill, so the header means nothing to an app that is not under test.
 *
 * @example
 * ```ts
 * headers[FORCE_AUTHENTICATION_HEADER] = issueForcedAuthenticationTicket({ user, auth: null });
 * ```
 * @internal
 */
export const FORCE_AUTHENTICATION_HEADER = 'x-restflow-force-authenticate';

/** The property of a request (built by the request factory) that carries a forced identity. */
const FORCED = Symbol.for('nestjs-restflow:forced-authentication');

/**
 * A user and credentials that bypass the authenticator chain (DRF's `force_authenticate`).
 *
 * @example
 * ```ts
 * const identity: ForcedAuthentication = { user: alice, auth: null };
 * ```
 * @internal
 */
export interface ForcedAuthentication {
  readonly user: unknown;
  readonly auth: unknown;
}

const tickets = new Map<string, ForcedAuthentication>();

/**
 * Records `identity` and returns the ticket to send in {@link FORCE_AUTHENTICATION_HEADER}.
 *
 * @example
 * ```ts
 * const ticket = issueForcedAuthenticationTicket({ user: alice, auth: null });
 * ```
 * @internal
 */
export function issueForcedAuthenticationTicket(identity: ForcedAuthentication): string {
  const ticket = randomBytes(24).toString('hex');
  tickets.set(ticket, identity);
  return ticket;
}

/**
 * Forgets a ticket (the client's `logout()` or a new `forceAuthenticate()`).
 *
 * @example
 * ```ts
 * revokeForcedAuthenticationTicket(ticket);
 * ```
 * @internal
 */
export function revokeForcedAuthenticationTicket(ticket: string): void {
  tickets.delete(ticket);
}

/**
 * Marks a request object (one the request factory built) as authenticated as `identity`.
 *
 * @example
 * ```ts
 * setForcedAuthentication(request, { user: alice, auth: null });
 * ```
 * @internal
 */
export function setForcedAuthentication(
  request: RestflowRequest,
  identity: ForcedAuthentication | null,
): void {
  Object.defineProperty(request, FORCED, { value: identity, configurable: true });
}

/**
 * The forced identity of `request`, if a testing helper set one: the authentication guard then
 * skips the authenticator chain.
 *
 * @example
 * ```ts
 * const forced = forcedAuthenticationOf(request);
 * if (forced) request.user = forced.user;
 * ```
 * @internal
 */
export function forcedAuthenticationOf(request: RestflowRequest): ForcedAuthentication | null {
  const direct = (request as unknown as Record<symbol, ForcedAuthentication | null | undefined>)[
    FORCED
  ];
  if (direct) return direct;
  if (tickets.size === 0) return null;
  const ticket = request.headers?.[FORCE_AUTHENTICATION_HEADER];
  return typeof ticket === 'string' ? (tickets.get(ticket) ?? null) : null;
}
