import { ModelSerializer, type ModelSerializerMeta } from 'nestjs-restflow';
import { Review } from './review.entity';

/**
 * A review as the API reads and writes it. `product` is a primary key, checked to exist (a
 * missing one is a 400 on the field); `author` (the signed-in user who wrote it), `id` and
 * `createdAt` are read-only.
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
    },
  };
}
