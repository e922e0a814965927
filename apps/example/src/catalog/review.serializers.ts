import { ModelSerializer, type ModelSerializerMeta } from 'nestjs-restflow';
import { Review } from './review.entity';

/**
 * A review as the API reads and writes it. `product` and `author` are primary keys, checked to
 * exist (a missing one is a 400 on the field); `id` and `createdAt` are read-only.
 *
 * `author` is writable for now: authentication arrives with a later issue, and then the author
 * becomes the authenticated user, read-only.
 */
export class ReviewSerializer extends ModelSerializer<Review> {
  static override meta: ModelSerializerMeta = {
    model: Review,
    fields: ['id', 'product', 'author', 'rating', 'comment', 'createdAt'],
    extraKwargs: {
      // The entity's CHECK constraint is no guard: TypeORM does not create CHECK constraints on
      // MySQL/MariaDB, and where it exists a violation would be a 409, not a 400 on the field.
      rating: { min: 1, max: 5 },
    },
  };
}
