import { Inject, Req } from '@nestjs/common';
import {
  Action,
  ActionConfig,
  FastPageNumberPagination,
  FilterSetBackend,
  ModelViewSet,
  NDJSONResponse,
  OpenApiOperation,
  PostFetch,
  ViewSet,
  type RestflowRequest,
  type Serializer,
  ValidationFailed,
} from 'nestjs-restflow';
import type { EntityManager } from 'typeorm';
import { Product } from './product.entity';
import { Review } from './review.entity';
import { PRODUCT_DETAIL_CACHE } from './catalog.cache';
import { StaffOrReadOnly } from './catalog.permissions';
import { ProductChanges } from './product-changes';
import { ProductFilterSet } from './product.filter-set';
import {
  ProductDetailSerializer,
  ProductListingSerializer,
  ProductListSerializer,
  RestockSerializer,
} from './product.serializers';

/**
 * The number of reviews of each product of a list page: one grouped `COUNT(*)` query per page,
 * whatever its size (`0` for a product without reviews).
 */
const reviewCount = new PostFetch({
  source: Review,
  toAttr: 'reviewCount',
  count: true,
  on: { productId: 'id' },
});

/**
 * The latest review of each product of a list page, attached after the page is read: one query
 * per page whatever its size (a `ROW_NUMBER()` window keeps the newest review of each product).
 */
const latestReview = new PostFetch({
  source: Review,
  toAttr: 'latestReview',
  values: ['id', 'rating', 'comment', 'createdAt'],
  orderBy: ['-createdAt', '-id'],
  limit: 1,
  on: { productId: 'id' },
});

/**
 * Products, at `/api/products` and `/api/products/:id`, plus `POST /api/products/:id/restock`
 * and `GET /api/products/export` (every matching product as NDJSON). Writes are announced on
 * `GET /api/events` (see {@link ProductChanges}).
 *
 * The list answers the {@link ProductListingSerializer} shape (the light list shape, its review
 * count and latest review), paginated without a `COUNT`
 * query (`{ results, next, previous }`); every other action answers the full
 * {@link ProductDetailSerializer} shape, with the category nested as `{ url, id, name }` and the
 * tags as keys. No join or reload is written here: the views load what the serializers show.
 */
@ViewSet('api/products')
export class ProductViewSet extends ModelViewSet<Product> {
  override queryset = Product;
  override serializerClass = ProductDetailSerializer;
  /** Anyone reads; staff users write. */
  override permissionClasses = [StaffOrReadOnly];
  override filterBackends = [new FilterSetBackend()];
  /** See {@link ProductFilterSet}: `?name__icontains=desk&price__lt=50&order_by=-price`. */
  filterSetClass = ProductFilterSet;
  override actionConfigs = {
    restock: { requestSerializerClass: RestockSerializer },
    // The export's lines are the light list shape (its OpenAPI content refers to ProductList).
    export: { responseSerializerClass: ProductListSerializer },
    /** Cached, with ETags (see {@link PRODUCT_DETAIL_CACHE}). */
    retrieve: { cacheResponse: PRODUCT_DETAIL_CACHE },
  };

  @Inject(ProductChanges)
  private readonly changes!: ProductChanges;

  /**
   * `GET /api/products`: the light shape with each product's review count and latest review
   * (the `reviewCount` and `latestReview` PostFetches, one query each per page).
   */
  @ActionConfig({
    responseSerializerClass: ProductListingSerializer,
    paginationClass: FastPageNumberPagination,
    postFetches: [reviewCount, latestReview],
  })
  override list(request: RestflowRequest): Promise<unknown> {
    return super.list(request);
  }

  /** Saves, then announces the new product (the response shows its category as stored). */
  override async performCreate(serializer: Serializer<Product>): Promise<void> {
    this.announce('created', await serializer.save());
  }

  /** Saves, then announces the change (the response shows the category as stored). */
  override async performUpdate(serializer: Serializer<Product>): Promise<void> {
    this.announce('updated', await serializer.save());
  }

  /** Deletes, then announces the deletion. */
  override async performDestroy(
    product: Product,
    request: RestflowRequest,
    manager: EntityManager,
  ): Promise<void> {
    await super.performDestroy(product, request, manager);
    this.announce('deleted', product);
  }

  /**
   * `GET /api/products/export`: every product the filters of {@link ProductFilterSet} match, as
   * NDJSON in the list shape (`{"id": 1, "name": "Desk", "price": "120.00", "inStock": true}` per
   * line), read 500 rows at a time by keyset, so the export of any number of rows runs in
   * constant memory. `order_by` takes one field (the id breaks ties); by default the id orders.
   */
  @OpenApiOperation({
    description:
      'Every product the filters match, as newline-delimited JSON in the list shape, streamed ' +
      'in batches. `order_by` takes one field.',
    responses: {
      '200': {
        description: 'One product per line (`application/x-ndjson`).',
        content: {
          'application/x-ndjson': {
            schema: { $ref: '#/components/schemas/ProductList' },
            example: { id: 1, name: 'Desk', price: '120.00', inStock: true },
          },
        },
      },
    },
  })
  @Action({ detail: false, method: 'get' })
  async export(@Req() request: RestflowRequest): Promise<NDJSONResponse> {
    const orderBy = request.query.order_by;
    if (typeof orderBy === 'string' && orderBy.includes(',')) {
      throw new ValidationFailed({
        message: 'The export is ordered by one field.',
        details: { order_by: ['Give one field, such as "-price".'] },
      });
    }
    const query = await this.filterQueryset(this.getQueryset(request), request);
    // Each line in the action's response shape (`actionConfigs.export`: the list shape).
    return new NDJSONResponse(this.serializedRows(request, query), {
      headers: { 'Content-Disposition': 'attachment; filename="products.ndjson"' },
    });
  }

  /**
   * `POST /api/products/:id/restock` with `{ "quantity": 1..1000 }`: marks the product in stock
   * and answers 200 with its full representation. The catalog keeps no stock count yet, so the
   * quantity is only validated.
   */
  @OpenApiOperation({
    description:
      'Marks the product in stock. The catalog keeps no stock count yet: the quantity is ' +
      'validated, not stored. Staff users only.',
    requestExamples: { delivery: { summary: 'A delivery of 12', value: { quantity: 12 } } },
  })
  @Action({ detail: true, method: 'post' })
  async restock(@Req() request: RestflowRequest): Promise<unknown> {
    const product = await this.getObject(request);
    await this.validatedSerializer(request);
    await this.atomic((manager) => manager.update(Product, { id: product.id }, { inStock: true }));
    product.inStock = true;
    return this.serializedResponse(request, product, { serializerClass: ProductDetailSerializer });
  }

  /** Publishes a change for `GET /api/events` (within the write: a rolled-back write was announced). */
  private announce(type: 'created' | 'updated' | 'deleted', product: Product): void {
    this.changes.publish({
      type,
      id: product.id,
      name: type === 'deleted' ? undefined : product.name,
    });
  }
}
