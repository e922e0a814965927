import { ModelSerializer, type ModelSerializerMeta } from 'nestjs-restflow';
import { Review } from './review.entity';

/** Most characters of a review's comment. */
export const REVIEW_COMMENT_MAX_LENGTH = 2000;

/**
 * A review as the API reads and writes it. `product` is a primary key, checked to exist (a
 * missing one is a 400 on the field); `author` (the signed-in user who wrote it), `id` and
 * `createdAt` are read-only; `comment` has at most {@link REVIEW_COMMENT_MAX_LENGTH} characters.
 */
export class ReviewSerializer extends ModelSerializer<Review> {
  static override meta: ModelSerializerMeta = {
    model: Review,
    fields: ['id', 'product', 'author', 'rating', 'comment', 'createdAt'],
    readOnlyFields: ['author'],
    extraKwargs: {
      // The entity's CHECK constraint is no guard: TypeORM does not create CHECK constraints on
      // MySQL/MariaDB, and where it exists a violation would be a 409, not a 400 on the field.
      rating: { min: 1, max: 5 },
      // A `text` column has no length the serializer could read: the bound is the API's.
      comment: { maxLength: REVIEW_COMMENT_MAX_LENGTH },
    },
  };
}
