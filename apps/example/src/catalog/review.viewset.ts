import { Inject, Req } from '@nestjs/common';
import {
  Action,
  ActionConfig,
  CursorPagination,
  FilterSetBackend,
  IsAuthenticated,
  IsAuthenticatedOrReadOnly,
  ModelViewSet,
  OpenApiOperation,
  ViewSet,
  cachedMethod,
  type RestflowRequest,
  type Serializer,
} from 'nestjs-restflow';
import { IsAuthorOrReadOnly } from './catalog.permissions';
import { MyReviewsService } from './my-reviews.service';
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

  @Inject(MyReviewsService)
  private readonly myReviews!: MyReviewsService;

  /**
   * `GET /api/reviews/mine`: the signed-in user's 20 latest reviews, newest first, from
   * {@link MyReviewsService} (cached per user; `X-Cache-Status` says `HIT` or `MISS`). A review
   * the user writes, edits or deletes drops their entries, and only theirs.
   */
  @OpenApiOperation({
    summary: "The signed-in user's latest reviews",
    description:
      'The 20 latest reviews of the signed-in user, newest first, cached per user (a review ' +
      'the user writes, edits or deletes drops their entry).',
    operationId: 'reviews_mine_list',
    responses: {
      '200': {
        description: 'OK.',
        headers: {
          'X-Cache-Status': {
            description: '`HIT` when the list came from the cache, `MISS` otherwise.',
            schema: { type: 'string', enum: ['HIT', 'MISS'] },
          },
        },
        content: {
          'application/json': {
            schema: { type: 'array', items: { $ref: '#/components/schemas/Review' } },
          },
        },
      },
    },
  })
  @ActionConfig({ permissionClasses: [IsAuthenticated], paginationClass: null })
  @Action({ detail: false, method: 'get' })
  async mine(@Req() request: RestflowRequest): Promise<unknown> {
    const userId = (request.user as { id: number }).id;
    const [reviews, meta] = await cachedMethod(this.myReviews, 'myReviews').getWithMetadata(
      userId,
      20,
    );
    return this.serializedResponse(request, reviews, {
      many: true,
      headers: { 'X-Cache-Status': meta?.cacheStatus ?? 'MISS' },
    });
  }

  /** The author is the signed-in user, whatever the body says. */
  override async performCreate(
    serializer: Serializer<Review>,
    request: RestflowRequest,
  ): Promise<void> {
    await serializer.save({ author: request.user });
  }
}
