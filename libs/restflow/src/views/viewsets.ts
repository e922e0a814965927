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
import { withClassName } from './view-class.types';

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
  TEntity extends object = Record<string, unknown>,
> extends GenericAPIView<TEntity> {}

/**
 * `list` and `retrieve`.
 *
 * @example
 * ```ts
 * @ViewSet('api/categories')
 * export class CategoryViewSet extends ReadOnlyModelViewSet {
 *   override queryset = Category;
 *   override serializerClass = CategorySerializer;
 * }
 * ```
 * @publicApi
 */
export const ReadOnlyModelViewSet = withClassName(
  RetrieveModelMixin(ListModelMixin(GenericViewSet)),
  'ReadOnlyModelViewSet',
);

/**
 * `list`, `create`, `retrieve`, `update`, `partialUpdate` and `destroy`.
 *
 * @example
 * ```ts
 * @ViewSet('api/products')
 * export class ProductViewSet extends ModelViewSet {
 *   override queryset = Product;
 *   override serializerClass = ProductSerializer;
 *   override paginationClass = PageNumberPagination;
 * }
 * ```
 * @publicApi
 */
export const ModelViewSet = withClassName(
  DestroyModelMixin(
    UpdateModelMixin(RetrieveModelMixin(CreateModelMixin(ListModelMixin(GenericViewSet)))),
  ),
  'ModelViewSet',
);
