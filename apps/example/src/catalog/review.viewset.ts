import { CursorPagination, FilterSetBackend, ModelViewSet, ViewSet } from 'nestjs-restflow';
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
 * through {@link ReviewSerializer}.
 */
// Writes are open to anyone for now: authentication and permissions arrive with a later issue.
@ViewSet('api/reviews')
export class ReviewViewSet extends ModelViewSet {
  override queryset = Review;
  override serializerClass = ReviewSerializer;
  override paginationClass = ReviewPagination;
  override filterBackends = [new FilterSetBackend()];
  /** See {@link ReviewFilterSet}: `?rating__gte=4&author=alice`. */
  filterSetClass = ReviewFilterSet;
}
