import { Delete, HttpCode, HttpStatus, Req } from '@nestjs/common';
import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { RestflowRequest } from '../../core/restflow-request.interface';
import {
  withClassName,
  type EntityOf,
  type GenericViewClass,
  type MixinOptions,
  type WithActions,
} from '../view-class.types';

/**
 * What {@link DestroyModelMixin} adds, for a view of `TEntity`.
 *
 * @example
 * ```ts
 * override async performDestroy(product: Product, request: RestflowRequest, manager: EntityManager) {
 *   await manager.update(Product, product.id, { archived: true }); // soft delete
 * }
 * ```
 * @publicApi
 */
export interface DestroyActions<TEntity extends ObjectLiteral = ObjectLiteral> {
  /** `DELETE`: `getObject()`, `performDestroy`, 204. */
  destroy(request: RestflowRequest): Promise<void>;
  /** Deletes the row through `manager` (one transaction). Override for soft deletes. */
  performDestroy(
    instance: TEntity,
    request: RestflowRequest,
    manager: EntityManager,
  ): Promise<void>;
}

/**
 * Adds `destroy` (`DELETE` on one row): `getObject()`, `performDestroy` in a transaction, 204
 * with no body. A row other rows still reference is a 409 `conflict`.
 *
 * @example
 * ```ts
 * @View('api/products/:id')
 * export class ProductDeleteView extends DestroyModelMixin(GenericAPIView, { detailPath: '' }) {
 *   override queryset = Product;
 * }
 * ```
 * @publicApi
 */
export function DestroyModelMixin<TBase extends GenericViewClass>(
  Base: TBase,
  options: MixinOptions = {},
): WithActions<TBase, DestroyActions<EntityOf<TBase>>> {
  abstract class DestroyModel extends Base implements DestroyActions {
    @Delete(options.detailPath ?? ':id')
    @HttpCode(HttpStatus.NO_CONTENT)
    async destroy(@Req() request: RestflowRequest): Promise<void> {
      const instance = (await this.getObject(request)) as ObjectLiteral;
      await this.atomic((manager) => this.performDestroy(instance, request, manager));
    }

    async performDestroy(
      instance: ObjectLiteral,
      _request: RestflowRequest,
      manager: EntityManager,
    ): Promise<void> {
      await manager.remove(instance);
    }
  }
  return withClassName(DestroyModel, `DestroyModelMixin(${Base.name})`);
}
