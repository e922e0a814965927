/**
 * Viewsets (DRF's): one class for every route of a resource, mounted with `@ViewSet(prefix)`.
 */
import { APIView } from './api-view';
import { GenericAPIView } from './generic-api-view';
import { CreateModelMixin } from './mixins/create.mixin';
import { DestroyModelMixin } from './mixins/destroy.mixin';
import { ListModelMixin } from './mixins/list.mixin';
import { RetrieveModelMixin } from './mixins/retrieve.mixin';
import { UpdateModelMixin } from './mixins/update.mixin';
import type { ObjectLiteral } from 'typeorm';
import { withClassName, type ModelViewSetClass } from './view-class.types';

/**
 * A viewset without a model: only the extra actions you declare with `@Action()`.
 *
 * @example
 * ```ts
 * @ViewSet('api/stats')
 * export class StatsViewSet extends ViewSetBase {
 *   @Action({ detail: false })
 *   summary() {
 *     return { products: 200 };
 *   }
 * }
 * ```
 * @publicApi
 */
export abstract class ViewSetBase extends APIView {}

/**
 * A viewset with the generic model machinery (`getQueryset`, `getObject`, pagination) and no
 * routes of its own: add mixins or `@Action()`s.
 *
 * @example
 * ```ts
 * @ViewSet('api/products')
 * export class ProductSoftViewSet extends DestroyModelMixin(CreateModelMixin(ListModelMixin(GenericViewSet))) {
 *   override queryset = Product;
 *   override serializerClass = ProductSerializer;
 * }
 * ```
 * @publicApi
 */
export abstract class GenericViewSet<
  TEntity extends ObjectLiteral = any, // eslint-disable-line @typescript-eslint/no-explicit-any -- untyped when no entity is named
> extends GenericAPIView<TEntity> {}

/**
 * `list` and `retrieve`. Generic over the entity: `ReadOnlyModelViewSet<Category>` types
 * `queryset`, `getQueryset()` and `getObject()`.
 *
 * @example
 * ```ts
 * @ViewSet('api/categories')
 * export class CategoryViewSet extends ReadOnlyModelViewSet<Category> {
 *   override queryset = Category;
 *   override serializerClass = CategorySerializer;
 * }
 * ```
 * @publicApi
 */
export const ReadOnlyModelViewSet: ModelViewSetClass<'list' | 'retrieve'> = withClassName(
  RetrieveModelMixin(ListModelMixin(GenericViewSet)),
  'ReadOnlyModelViewSet',
);

/**
 * `list`, `create`, `retrieve`, `update`, `partialUpdate` and `destroy`. Generic over the
 * entity: `ModelViewSet<Product>` types `queryset` (another entity is a compile error),
 * `getQueryset()`, `getObject()`, the `perform*` hooks and their serializers' `instance`.
 * `ModelViewSet` alone is untyped (`ModelViewSet<any>`), as before views were generic.
 *
 * @example
 * ```ts
 * @ViewSet('api/products')
 * export class ProductViewSet extends ModelViewSet<Product> {
 *   override queryset = Product;
 *   override serializerClass = ProductSerializer;
 *   override paginationClass = PageNumberPagination;
 *
 *   override async performCreate(serializer: Serializer<Product>) {
 *     const product = await serializer.save(); // a Product
 *     this.logger.log(`created ${product.name}`);
 *   }
 * }
 * ```
 * @publicApi
 */
export const ModelViewSet: ModelViewSetClass<
  'list' | 'create' | 'retrieve' | 'update' | 'destroy'
> = withClassName(
  DestroyModelMixin(
    UpdateModelMixin(RetrieveModelMixin(CreateModelMixin(ListModelMixin(GenericViewSet)))),
  ),
  'ModelViewSet',
);
