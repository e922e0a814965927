export { Action } from './action.decorator';
export type { ActionOptions } from './action.decorator';
export { ApiRoot } from './api-root';
export { APIView } from './api-view';
export type { GetSerializerOptions, SerializerDirection } from './api-view';
export { GenericAPIView } from './generic-api-view';
export { LookupRouteCheck } from './lookup-route.check';
export {
  CreateAPIView,
  DestroyAPIView,
  ListAPIView,
  ListCreateAPIView,
  RetrieveAPIView,
  RetrieveDestroyAPIView,
  RetrieveUpdateAPIView,
  RetrieveUpdateDestroyAPIView,
  UpdateAPIView,
} from './generic-views';
export { VIEWSET_METADATA } from './metadata-keys';
export { CreateModelMixin } from './mixins/create.mixin';
export type { CreateActions } from './mixins/create.mixin';
export { DestroyModelMixin } from './mixins/destroy.mixin';
export type { DestroyActions } from './mixins/destroy.mixin';
export { ListModelMixin } from './mixins/list.mixin';
export type { ListActions } from './mixins/list.mixin';
export { RetrieveModelMixin } from './mixins/retrieve.mixin';
export type { RetrieveActions } from './mixins/retrieve.mixin';
export { UpdateModelMixin } from './mixins/update.mixin';
export type { UpdateActions } from './mixins/update.mixin';
export { View, ViewSet } from './view.decorator';
export type { ViewSetMetadata } from './view.decorator';
export type { FieldMetadata, ViewMetadata } from './view-metadata';
export type {
  EntityOf,
  GenericViewClass,
  MixinOptions,
  ModelActionName,
  ModelViewClass,
  ModelViewSetClass,
  ViewClass,
  WithActions,
} from './view-class.types';
export { GenericViewSet, ModelViewSet, ReadOnlyModelViewSet, ViewSetBase } from './viewsets';
