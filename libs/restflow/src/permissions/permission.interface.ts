import type { RestflowRequest } from '../core/restflow-request.interface';

/**
 * A rule deciding whether a request may run an action (DRF's `BasePermission`), and whether it
 * may touch one object (`hasObjectPermission`, checked by `getObject()` for retrieve, update and
 * destroy). Both hooks may be async; a truthy answer allows. A refusal of an anonymous request
 * answers 401 `not_authenticated` with the first authenticator's `WWW-Authenticate` challenge
 * (403 when it has none); a refusal of a recognised user answers 403 `permission_denied` with
 * `message`. Classes are instantiated once and shared by every request.
 *
 * @example
 * ```ts
 * class IsOwner implements Permission {
 *   readonly message = 'Only the author may change this review.';
 *   hasPermission() {
 *     return true;
 *   }
 *   hasObjectPermission(request: RestflowRequest, _view: unknown, review: Review) {
 *     return (request.user as User).id === review.authorId;
 *   }
 * }
 * ```
 * @publicApi
 */
export interface Permission {
  /** The refusal message (default "You do not have permission to perform this action."). */
  readonly message?: string;
  hasPermission(request: RestflowRequest, view: unknown): boolean | Promise<boolean>;
  hasObjectPermission?(
    request: RestflowRequest,
    view: unknown,
    object: unknown,
  ): boolean | Promise<boolean>;
}

/**
 * A permission as listed in `permissionClasses`: a class (with a no-argument constructor, or an
 * `@Injectable()` whose constructor Nest's dependency injection fills at boot), or an instance
 * (what the combinators return).
 *
 * @example
 * ```ts
 * const permissions: PermissionSpec[] = [IsAuthenticatedOrReadOnly, anyOf(IsAdminUser, IsOwner)];
 * ```
 * @publicApi
 */
export type PermissionSpec = Permission | (new (...args: never[]) => Permission);
