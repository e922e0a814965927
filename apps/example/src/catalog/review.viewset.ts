import {
  CursorPagination,
  FilterSetBackend,
  IsAuthenticatedOrReadOnly,
  ModelViewSet,
  ViewSet,
  type RestflowRequest,
  type Serializer,
} from 'nestjs-restflow';
import { IsAuthorOrReadOnly } from './catalog.permissions';
import { Review } from './review.entity';
import { ReviewFilterSet } from './review.filter-set';
import { ReviewSerializer } from './review.serializers';

/** Newest reviews first; the id breaks ties between reviews written in the same millisecond. */
export class ReviewPagination extends CursorPagination {
  override ordering = '-createdAt';
}

/**
 * Reviews, at `/api/reviews` and `/api/reviews/:id`: list (newest first, by cursor: the `next`
 * and `previous` links carry it), create, retrieve, update, partial update and delete, all
 * through {@link ReviewSerializer}. Anyone reads; a signed-in user writes reviews as their
 * author, and only the author changes or deletes one.
 */
@ViewSet('api/reviews')
export class ReviewViewSet extends ModelViewSet<Review> {
  override queryset = Review;
  override serializerClass = ReviewSerializer;
  override paginationClass = ReviewPagination;
  override filterBackends = [new FilterSetBackend()];
  /** See {@link ReviewFilterSet}: `?rating__gte=4&author=alice`. */
  filterSetClass = ReviewFilterSet;
  override permissionClasses = [IsAuthenticatedOrReadOnly, IsAuthorOrReadOnly];

  /** The author is the signed-in user, whatever the body says. */
  override async performCreate(
    serializer: Serializer<Review>,
    request: RestflowRequest,
  ): Promise<void> {
    await serializer.save({ author: request.user });
  }
}
