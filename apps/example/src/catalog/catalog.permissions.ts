import {
  BasePermission,
  IsAdminUser,
  anyOf,
  isSafeMethod,
  type RestflowRequest,
} from 'nestjs-restflow';
import type { User } from '../users/user.entity';
import type { Review } from './review.entity';

/** Reading only: GET, HEAD and OPTIONS. */
export class ReadOnly extends BasePermission {
  override hasPermission(request: RestflowRequest): boolean {
    return isSafeMethod(request);
  }
}

/** Anyone reads; staff users write (categories and products). */
export const StaffOrReadOnly = anyOf(ReadOnly, IsAdminUser).withMessage(
  'Only staff users may change the catalog.',
);

/** A review is changed or deleted by its author only (reading stays open). */
export class IsAuthorOrReadOnly extends BasePermission {
  override readonly message = 'Only the author may change this review.';

  override hasObjectPermission(request: RestflowRequest, _view: unknown, review: Review): boolean {
    return isSafeMethod(request) || (request.user as User).id === review.authorId;
  }
}
