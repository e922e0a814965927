import type { ObjectLiteral } from 'typeorm';
import type { APIView } from './api-view';
import type { GenericAPIView } from './generic-api-view';
import type { CreateActions } from './mixins/create.mixin';
import type { DestroyActions } from './mixins/destroy.mixin';
import type { ListActions } from './mixins/list.mixin';
import type { RetrieveActions } from './mixins/retrieve.mixin';
import type { UpdateActions } from './mixins/update.mixin';
import type { GenericViewSet } from './viewsets';

/* eslint-disable @typescript-eslint/no-explicit-any -- mixin constructors must take any[] */

/**
 * A view class a mixin can extend.
 *
 * @example
 * ```ts
 * const base: GenericViewClass = GenericAPIView;
 * ```
 * @publicApi
 */
export type GenericViewClass = abstract new (...args: any[]) => GenericAPIView<any>;

/**
 * Any view class (model or not).
 *
 * @example
 * ```ts
 * const base: ViewClass = APIView;
 * ```
 * @publicApi
 */
export type ViewClass = abstract new (...args: any[]) => APIView;

/**
 * What a mixin factory returns: the base class plus the actions it adds. Every mixin declares
 * it, so that `.d.ts` files keep the base's protected members.
 *
 * @example
 * ```ts
 * type ListView = WithActions<typeof GenericAPIView, ListActions>;
 * ```
 * @publicApi
 */
export type WithActions<TBase extends GenericViewClass, TActions> = TBase &
  (abstract new (...args: any[]) => TActions);

/**
 * The entity of a model view class: `Product` for `GenericAPIView<Product>` (or a class built on
 * it); `any` for a class that names no entity (`GenericAPIView`, `ModelViewSet`), as before
 * views were generic. The mixins read it from their base, so
 * `CreateModelMixin(GenericViewSet<Product>)` types `performCreate(serializer)` with a
 * `Serializer<Product>`.
 *
 * @example
 * ```ts
 * type Entity = EntityOf<typeof ProductViewSet>; // Product
 * ```
 * @publicApi
 */
export type EntityOf<TClass> = TClass extends abstract new (
  ...args: any[]
) => GenericAPIView<infer TEntity>
  ? // A class without a type argument infers the constraint itself: no entity named.
    ObjectLiteral extends TEntity
    ? any
    : TEntity
  : any;

/**
 * The actions of the model mixins, by name (`'list'`, `'create'`, `'retrieve'`, `'update'`,
 * `'destroy'`).
 *
 * @example
 * ```ts
 * const names: ModelActionName[] = ['list', 'retrieve'];
 * ```
 * @publicApi
 */
export type ModelActionName = 'list' | 'create' | 'retrieve' | 'update' | 'destroy';

/** The actions named by `TNames`, together. @internal */
type ActionsNamed<
  TEntity extends ObjectLiteral,
  TNames extends ModelActionName,
> = ('list' extends TNames ? ListActions : unknown) &
  ('create' extends TNames ? CreateActions<TEntity> : unknown) &
  ('retrieve' extends TNames ? RetrieveActions : unknown) &
  ('update' extends TNames ? UpdateActions<TEntity> : unknown) &
  ('destroy' extends TNames ? DestroyActions<TEntity> : unknown);

/**
 * A ready-made model view class (the concrete generic views), generic over its entity:
 * `class ProductDetail extends RetrieveUpdateAPIView<Product>` types `getObject()`,
 * `getQueryset()`, `queryset` and the `perform*` hooks with `Product`. Without a type argument
 * the entity is `any` (untyped, as before views were generic).
 *
 * @example
 * ```ts
 * const ProductEdit: ModelViewClass<'retrieve' | 'update'> = RetrieveUpdateAPIView;
 * ```
 * @publicApi
 */
export type ModelViewClass<TActionNames extends ModelActionName> = abstract new <
  TEntity extends ObjectLiteral = any,
>(
  ...args: any[]
) => GenericAPIView<TEntity> & ActionsNamed<TEntity, TActionNames>;

/**
 * A ready-made viewset class, generic over its entity:
 * `class ProductViewSet extends ModelViewSet<Product>` types `getObject()`, `getQueryset()`,
 * `queryset`, the `perform*` hooks and their serializers' `instance` with `Product`. Without a
 * type argument the entity is `any` (untyped, as before views were generic).
 *
 * @example
 * ```ts
 * const Products: ModelViewSetClass<'list' | 'retrieve'> = ReadOnlyModelViewSet;
 * ```
 * @publicApi
 */
export type ModelViewSetClass<TActionNames extends ModelActionName> = abstract new <
  TEntity extends ObjectLiteral = any,
>(
  ...args: any[]
) => GenericViewSet<TEntity> & ActionsNamed<TEntity, TActionNames>;

/**
 * Where a mixin mounts its detail routes: `':id'` for viewsets (`/products/:id`), `''` for a
 * detail view whose controller path already holds the parameter.
 *
 * @example
 * ```ts
 * RetrieveModelMixin(GenericAPIView, { detailPath: '' });
 * ```
 * @publicApi
 */
export interface MixinOptions {
  /** @default ':id' */
  detailPath?: string;
}

/** Gives a generated class a readable name (Swagger and error messages show it). @internal */
export function withClassName<TClass extends abstract new (...args: any[]) => unknown>(
  target: TClass,
  name: string,
): TClass {
  Object.defineProperty(target, 'name', { value: name });
  return target;
}
