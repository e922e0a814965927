/**
 * The nine concrete generic views (DRF's generic class-based views): each is the generic base
 * with the mixins of its actions, all routes at the view's own path. Mount a list/create view
 * at a collection path and a detail view at a path with `:id`.
 */
import { GenericAPIView } from './generic-api-view';
import { CreateModelMixin } from './mixins/create.mixin';
import { DestroyModelMixin } from './mixins/destroy.mixin';
import { ListModelMixin } from './mixins/list.mixin';
import { RetrieveModelMixin } from './mixins/retrieve.mixin';
import { UpdateModelMixin } from './mixins/update.mixin';
import { withClassName } from './view-class.types';

const detail = { detailPath: '' };

/**
 * `GET` a list.
 *
 * @example
 * ```ts
 * @View('api/products')
 * export class ProductList extends ListAPIView {
 *   override queryset = Product;
 *   override serializerClass = ProductSerializer;
 * }
 * ```
 * @publicApi
 */
export const ListAPIView = withClassName(ListModelMixin(GenericAPIView), 'ListAPIView');

/**
 * `POST` to create.
 *
 * @example
 * ```ts
 * @View('api/products')
 * export class ProductCreate extends CreateAPIView {
 *   override queryset = Product;
 *   override serializerClass = ProductSerializer;
 * }
 * ```
 * @publicApi
 */
export const CreateAPIView = withClassName(CreateModelMixin(GenericAPIView), 'CreateAPIView');

/**
 * `GET` one row.
 *
 * @example
 * ```ts
 * @View('api/products/:id')
 * export class ProductDetail extends RetrieveAPIView {
 *   override queryset = Product;
 *   override serializerClass = ProductSerializer;
 * }
 * ```
 * @publicApi
 */
export const RetrieveAPIView = withClassName(
  RetrieveModelMixin(GenericAPIView, detail),
  'RetrieveAPIView',
);

/**
 * `PUT` and `PATCH` one row.
 *
 * @example
 * ```ts
 * @View('api/products/:id')
 * export class ProductEdit extends UpdateAPIView {
 *   override queryset = Product;
 *   override serializerClass = ProductSerializer;
 * }
 * ```
 * @publicApi
 */
export const UpdateAPIView = withClassName(
  UpdateModelMixin(GenericAPIView, detail),
  'UpdateAPIView',
);

/**
 * `DELETE` one row.
 *
 * @example
 * ```ts
 * @View('api/products/:id')
 * export class ProductDelete extends DestroyAPIView {
 *   override queryset = Product;
 * }
 * ```
 * @publicApi
 */
export const DestroyAPIView = withClassName(
  DestroyModelMixin(GenericAPIView, detail),
  'DestroyAPIView',
);

/**
 * `GET` a list and `POST` to create.
 *
 * @example
 * ```ts
 * @View('api/products')
 * export class ProductCollection extends ListCreateAPIView {
 *   override queryset = Product;
 *   override serializerClass = ProductSerializer;
 * }
 * ```
 * @publicApi
 */
export const ListCreateAPIView = withClassName(
  CreateModelMixin(ListModelMixin(GenericAPIView)),
  'ListCreateAPIView',
);

/**
 * `GET`, `PUT` and `PATCH` one row.
 *
 * @example
 * ```ts
 * @View('api/products/:id')
 * export class ProductDetail extends RetrieveUpdateAPIView {
 *   override queryset = Product;
 *   override serializerClass = ProductSerializer;
 * }
 * ```
 * @publicApi
 */
export const RetrieveUpdateAPIView = withClassName(
  UpdateModelMixin(RetrieveModelMixin(GenericAPIView, detail), detail),
  'RetrieveUpdateAPIView',
);

/**
 * `GET` and `DELETE` one row.
 *
 * @example
 * ```ts
 * @View('api/products/:id')
 * export class ProductDetail extends RetrieveDestroyAPIView {
 *   override queryset = Product;
 *   override serializerClass = ProductSerializer;
 * }
 * ```
 * @publicApi
 */
export const RetrieveDestroyAPIView = withClassName(
  DestroyModelMixin(RetrieveModelMixin(GenericAPIView, detail), detail),
  'RetrieveDestroyAPIView',
);

/**
 * `GET`, `PUT`, `PATCH` and `DELETE` one row.
 *
 * @example
 * ```ts
 * @View('api/products/:id')
 * export class ProductDetail extends RetrieveUpdateDestroyAPIView {
 *   override queryset = Product;
 *   override serializerClass = ProductSerializer;
 * }
 * ```
 * @publicApi
 */
export const RetrieveUpdateDestroyAPIView = withClassName(
  DestroyModelMixin(UpdateModelMixin(RetrieveModelMixin(GenericAPIView, detail), detail), detail),
  'RetrieveUpdateDestroyAPIView',
);
