import type { APIView } from './api-view';
import type { GenericAPIView } from './generic-api-view';

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
