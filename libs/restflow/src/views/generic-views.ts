/**
 * The nine concrete generic views (DRF's generic class-based views): each is the generic base
 * with the mixins of its actions, all routes at the view's own path. Mount a list/create view
 * at a collection path and a detail view at a path with `:id`. Each is generic over its entity
 * (`extends RetrieveUpdateAPIView<Product>`; without a type argument, untyped: `any`).
 */
import { GenericAPIView } from './generic-api-view';
import { CreateModelMixin } from './mixins/create.mixin';
import { DestroyModelMixin } from './mixins/destroy.mixin';
import { ListModelMixin } from './mixins/list.mixin';
import { RetrieveModelMixin } from './mixins/retrieve.mixin';
import { UpdateModelMixin } from './mixins/update.mixin';
import { withClassName, type ModelViewClass } from './view-class.types';

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
export const ListAPIView: ModelViewClass<'list'> = withClassName(
  ListModelMixin(GenericAPIView),
  'ListAPIView',
);

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
export const CreateAPIView: ModelViewClass<'create'> = withClassName(
  CreateModelMixin(GenericAPIView),
  'CreateAPIView',
);

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
export const RetrieveAPIView: ModelViewClass<'retrieve'> = withClassName(
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
export const UpdateAPIView: ModelViewClass<'update'> = withClassName(
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
export const DestroyAPIView: ModelViewClass<'destroy'> = withClassName(
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
export const ListCreateAPIView: ModelViewClass<'list' | 'create'> = withClassName(
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
export const RetrieveUpdateAPIView: ModelViewClass<'retrieve' | 'update'> = withClassName(
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
export const RetrieveDestroyAPIView: ModelViewClass<'retrieve' | 'destroy'> = withClassName(
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
export const RetrieveUpdateDestroyAPIView: ModelViewClass<'retrieve' | 'update' | 'destroy'> =
  withClassName(
    DestroyModelMixin(UpdateModelMixin(RetrieveModelMixin(GenericAPIView, detail), detail), detail),
    'RetrieveUpdateDestroyAPIView',
  );
