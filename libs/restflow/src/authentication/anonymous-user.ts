/**
 * The user of a request that no authenticator recognised (DRF's `AnonymousUser`): the
 * authentication guard sets `request.user` to {@link ANONYMOUS_USER}.
 *
 * @example
 * ```ts
 * if (request.user instanceof AnonymousUser) throw new NotAuthenticated();
 * ```
 * @publicApi
 */
export class AnonymousUser {
  readonly id = null;
  readonly isAuthenticated = false;
  readonly isActive = false;
  readonly isStaff = false;
}

/**
 * The one anonymous user.
 *
 * @example
 * ```ts
 * request.user === ANONYMOUS_USER; // true for a request without credentials
 * ```
 * @publicApi
 */
export const ANONYMOUS_USER: AnonymousUser = Object.freeze(new AnonymousUser());

/**
 * Whether `user` is a recognised user (not absent, not anonymous): DRF's `is_authenticated`.
 *
 * @example
 * ```ts
 * isAuthenticatedUser(request.user); // false before authentication or for anonymous requests
 * ```
 * @publicApi
 */
export function isAuthenticatedUser(user: unknown): boolean {
  return user !== undefined && user !== null && !(user instanceof AnonymousUser);
}
