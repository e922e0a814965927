import { Field, ModelSerializer, Serializer, type ModelSerializerMeta } from 'nestjs-restflow';
import { CategorySummarySerializer } from './category.serializers';
import { Product } from './product.entity';

/** The latest review of a product in the list: a row attached by the `latestReview` PostFetch. */
export class LatestReviewSerializer extends Serializer {
  @Field({ type: 'integer' }) id!: number;
  @Field({ type: 'integer' }) rating!: number;
  @Field({ type: 'string' }) comment!: string;
  @Field({ type: 'datetime' }) createdAt!: Date;
}

/**
 * A product in a list: the few fields a listing shows (`id`, `name`, `price`, `inStock`).
 * Output only; it needs no relation loaded.
 */
export class ProductListSerializer extends ModelSerializer<Product> {
  static override meta: ModelSerializerMeta = {
    model: Product,
    fields: ['id', 'name', 'price', 'inStock'],
  };
}

/**
 * A product in `GET /api/products`: the list shape plus its number of reviews and its latest
 * review (`null` when it has none), both attached by PostFetches (`reviewCount`, a grouped
 * `COUNT(*)`, and `latestReview`). A page is a fixed number of queries whatever its size: the
 * page, then one query per PostFetch.
 */
export class ProductListingSerializer extends ProductListSerializer {
  @Field({ type: 'integer', readOnly: true })
  reviewCount!: number;

  @Field({ serializer: () => LatestReviewSerializer, readOnly: true, allowNull: true })
  latestReview!: LatestReviewSerializer | null;
}

/** Most characters of a product's description. */
export const PRODUCT_DESCRIPTION_MAX_LENGTH = 5000;

/**
 * One product, read and written in full. Its category is shown nested with its link
 * (`category: { url, id, name }`, joined by the views because this serializer shows it) and
 * written by key (`categoryId`, checked to exist, never shown). `tags` is a list of tag keys
 * (`[1, 4]`, each checked to exist, in one query): written on create, replaced by PUT and PATCH,
 * loaded by one batched query per page. `id` and `createdAt` are read-only, so a client cannot
 * set them. Every text is bounded: `name` by its column (200), `description` by the constant
 * above.
 */
export class ProductDetailSerializer extends ModelSerializer<Product> {
  static override meta: ModelSerializerMeta = {
    model: Product,
    fields: [
      'id',
      'name',
      'description',
      'price',
      'inStock',
      'tags',
      'createdAt',
      'category',
      'categoryId',
    ],
    extraKwargs: {
      name: { minLength: 2 },
      // `name` is varchar(200): its bound comes from the column. `description` is `text`.
      description: { maxLength: PRODUCT_DESCRIPTION_MAX_LENGTH },
      price: { min: 0 },
      tags: { helpText: 'Keys of the tags (`GET /api/tags`), e.g. `[1, 4]`.' },
      categoryId: { writeOnly: true },
    },
  };

  @Field({ serializer: () => CategorySummarySerializer, readOnly: true })
  category!: CategorySummarySerializer;
}

/** The body of `POST /api/products/:id/restock`: how many items arrived (1 to 1,000). */
export class RestockSerializer extends Serializer {
  @Field({ type: 'integer', min: 1, max: 1000 })
  quantity!: number;
}
