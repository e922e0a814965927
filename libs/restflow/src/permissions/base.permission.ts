import type { RestflowRequest } from '../core/restflow-request.interface';
import type { Permission } from './permission.interface';

/**
 * The base of permission classes (DRF's `BasePermission`): both hooks allow by default, so a
 * subclass overrides only the one it needs. Hooks may be sync or async. Set `message` to say
 * why a refusal happened (the default is "You do not have permission to perform this action.").
 *
 * A permission class is instantiated once and shared by every request (with `new`, or, for an
 * `@Injectable()` class that injects services, by Nest's dependency injection at boot): keep
 * per-request state on the request, never on the permission.
 *
 * @example
 * ```ts
 * export class IsOwner extends BasePermission {
 *   override readonly message = 'Only the author may change this review.';
 *
 *   override hasObjectPermission(request: RestflowRequest, _view: unknown, review: Review) {
 *     return (request.user as User).id === review.authorId;
 *   }
 * }
 *
 * @ViewSet('api/reviews')
 * export class ReviewViewSet extends ModelViewSet {
 *   override permissionClasses = [IsAuthenticatedOrReadOnly, IsOwner];
 * }
 * ```
 * @publicApi
 */
export abstract class BasePermission implements Permission {
  /** The refusal message; unset uses "You do not have permission to perform this action.". */
  readonly message?: string;

  /** Whether the request may run the action. Allows by default. */
  hasPermission(_request: RestflowRequest, _view: unknown): boolean | Promise<boolean> {
    return true;
  }

  /**
   * Whether the request may touch `object` (checked by `getObject()` after the row was found).
   * Allows by default.
   */
  hasObjectPermission(
    _request: RestflowRequest,
    _view: unknown,
    _object: unknown,
  ): boolean | Promise<boolean> {
    return true;
  }
}
