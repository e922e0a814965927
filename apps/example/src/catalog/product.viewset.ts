import { Inject, Req } from '@nestjs/common';
import {
  Action,
  ActionConfig,
  FastPageNumberPagination,
  FilterSetBackend,
  ModelViewSet,
  NDJSONResponse,
  OpenApiOperation,
  ViewSet,
  type RestflowRequest,
  type Serializer,
  ValidationFailed,
} from 'nestjs-restflow';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Product } from './product.entity';
import { PRODUCT_DETAIL_CACHE } from './catalog.cache';
import { StaffOrReadOnly } from './catalog.permissions';
import { ProductChanges } from './product-changes';
import { ProductFilterSet } from './product.filter-set';
import {
  ProductDetailSerializer,
  ProductListSerializer,
  RestockSerializer,
} from './product.serializers';

/**
 * Products, at `/api/products` and `/api/products/:id`, plus `POST /api/products/:id/restock`
 * and `GET /api/products/export` (every matching product as NDJSON). Writes are announced on
 * `GET /api/events` (see {@link ProductChanges}).
 *
 * The list answers the light {@link ProductListSerializer} shape, paginated without a `COUNT`
 * query (`{ results, next, previous }`); every other action answers the full
 * {@link ProductDetailSerializer} shape, with the category nested as `{ id, name }`.
 */
@ViewSet('api/products')
export class ProductViewSet extends ModelViewSet {
  override queryset = Product;
  override serializerClass = ProductDetailSerializer;
  /** Anyone reads; staff users write. */
  override permissionClasses = [StaffOrReadOnly];
  override filterBackends = [new FilterSetBackend()];
  /** See {@link ProductFilterSet}: `?name__icontains=desk&price__lt=50&order_by=-price`. */
  filterSetClass = ProductFilterSet;
  override actionConfigs = {
    restock: { requestSerializerClass: RestockSerializer },
    /** Cached, with ETags (see {@link PRODUCT_DETAIL_CACHE}). */
    retrieve: { cacheResponse: PRODUCT_DETAIL_CACHE },
  };

  @Inject(ProductChanges)
  private readonly changes!: ProductChanges;

  /** `GET /api/products`: the light shape, one query per page. */
  @ActionConfig({
    responseSerializerClass: ProductListSerializer,
    paginationClass: FastPageNumberPagination,
  })
  override list(request: RestflowRequest): Promise<unknown> {
    return super.list(request);
  }

  /** Joins the category for the nested representation; the list shape does not show it. */
  override getQueryset(request: RestflowRequest): SelectQueryBuilder<Record<string, unknown>> {
    const query = super.getQueryset(request);
    return this.actionOf(request) === 'list'
      ? query
      : query.leftJoinAndSelect(`${query.alias}.category`, 'category');
  }

  /** Saves, then reloads the product with its category for the response. */
  override async performCreate(serializer: Serializer, request: RestflowRequest): Promise<void> {
    await super.performCreate(serializer, request);
    await reloadWithCategory(serializer);
    this.announce('created', serializer.instance as Product);
  }

  /** Saves, then reloads the product with its (possibly new) category for the response. */
  override async performUpdate(serializer: Serializer, request: RestflowRequest): Promise<void> {
    await super.performUpdate(serializer, request);
    await reloadWithCategory(serializer);
    this.announce('updated', serializer.instance as Product);
  }

  /** Deletes, then announces the deletion. */
  override async performDestroy(
    instance: ObjectLiteral,
    request: RestflowRequest,
    manager: EntityManager,
  ): Promise<void> {
    await super.performDestroy(instance, request, manager);
    this.announce('deleted', instance as Product);
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
    return new NDJSONResponse(
      this.serializedRows(request, query, { serializerClass: ProductListSerializer }),
      { headers: { 'Content-Disposition': 'attachment; filename="products.ndjson"' } },
    );
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
    const product = (await this.getObject(request)) as unknown as Product;
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

/**
 * Replaces the saved instance of `serializer` by the same product with its category loaded,
 * read through the transaction of the write (`context.manager`), which has not committed yet.
 */
async function reloadWithCategory(serializer: Serializer): Promise<void> {
  const saved = serializer.instance as Product;
  const manager = serializer.context.manager;
  if (!manager) {
    throw new Error('ProductViewSet saves products inside a transaction; none was given.');
  }
  serializer.instance = await manager.findOneOrFail(Product, {
    where: { id: saved.id },
    relations: { category: true },
  });
}
