import { Get, Req } from '@nestjs/common';
import type { RestflowRequest } from '../../core/restflow-request.interface';
import {
  withClassName,
  type GenericViewClass,
  type MixinOptions,
  type WithActions,
} from '../view-class.types';

/**
 * What {@link RetrieveModelMixin} adds.
 *
 * @example
 * ```ts
 * const body = await view.retrieve(request);
 * ```
 * @publicApi
 */
export interface RetrieveActions {
  /** `GET` on one row: `getObject()`, then the response serializer. */
  retrieve(request: RestflowRequest): Promise<unknown>;
}

/**
 * Adds `retrieve` (`GET` on one row): `getObject()` (lookup, filters, object permissions; 404
 * envelope when missing) and the response serializer's representation.
 *
 * @example
 * ```ts
 * @View('api/products/:id')
 * export class ProductDetailView extends RetrieveModelMixin(GenericAPIView, { detailPath: '' }) {
 *   override queryset = Product;
 *   override serializerClass = ProductSerializer;
 * }
 * ```
 * @publicApi
 */
export function RetrieveModelMixin<TBase extends GenericViewClass>(
  Base: TBase,
  options: MixinOptions = {},
): WithActions<TBase, RetrieveActions> {
  abstract class RetrieveModel extends Base implements RetrieveActions {
    @Get(options.detailPath ?? ':id')
    async retrieve(@Req() request: RestflowRequest): Promise<unknown> {
      return this.serializedResponse(request, await this.getObject(request));
    }
  }
  return withClassName(RetrieveModel, `RetrieveModelMixin(${Base.name})`);
}
