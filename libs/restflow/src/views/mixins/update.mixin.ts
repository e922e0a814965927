import { Patch, Put, Req } from '@nestjs/common';
import type { ObjectLiteral } from 'typeorm';
import type { Serializer } from '../../serializers/serializer';
import type { RestflowRequest } from '../../core/restflow-request.interface';
import {
  withClassName,
  type EntityOf,
  type GenericViewClass,
  type MixinOptions,
  type WithActions,
} from '../view-class.types';

/**
 * What {@link UpdateModelMixin} adds, for a view of `TEntity` (the serializer's `instance` is
 * the row being updated).
 *
 * @example
 * ```ts
 * override async performUpdate(serializer: Serializer<Product>) {
 *   const product = await serializer.save({ updatedAt: new Date() }); // a Product
 * }
 * ```
 * @publicApi
 */
export interface UpdateActions<TEntity extends ObjectLiteral = ObjectLiteral> {
  /** `PUT`: full update. */
  update(request: RestflowRequest): Promise<unknown>;
  /** `PATCH`: partial update. */
  partialUpdate(request: RestflowRequest): Promise<unknown>;
  /** Saves the valid serializer, in one transaction with the write. Override for side effects. */
  performUpdate(serializer: Serializer<TEntity>, request: RestflowRequest): Promise<void>;
}

/**
 * Adds `update` (`PUT`, every required field) and `partialUpdate` (`PATCH`, only the fields
 * sent): `getObject()`, validate the body against it, `performUpdate` in a transaction, 200 with
 * the response serializer's representation.
 *
 * @example
 * ```ts
 * @View('api/products/:id')
 * export class ProductEditView extends UpdateModelMixin(GenericAPIView, { detailPath: '' }) {
 *   override queryset = Product;
 *   override serializerClass = ProductSerializer;
 * }
 * ```
 * @publicApi
 */
export function UpdateModelMixin<TBase extends GenericViewClass>(
  Base: TBase,
  options: MixinOptions = {},
): WithActions<TBase, UpdateActions<EntityOf<TBase>>> {
  const path = options.detailPath ?? ':id';
  abstract class UpdateModel extends Base implements UpdateActions {
    @Put(path)
    update(@Req() request: RestflowRequest): Promise<unknown> {
      return this.updateObject(request, false);
    }

    @Patch(path)
    partialUpdate(@Req() request: RestflowRequest): Promise<unknown> {
      return this.updateObject(request, true);
    }

    async performUpdate(
      serializer: Serializer<ObjectLiteral>,
      _request: RestflowRequest,
    ): Promise<void> {
      await serializer.save();
    }

    /** The shared flow of PUT and PATCH. */
    protected async updateObject(request: RestflowRequest, partial: boolean): Promise<unknown> {
      const instance: unknown = await this.getObject(request);
      const serializer = await this.validatedSerializer<Serializer<ObjectLiteral>>(request, {
        instance,
        partial,
      });
      await this.atomic(async (manager) => {
        serializer.context.manager = manager;
        await this.performUpdate(serializer, request);
      });
      // The response shows the relations as stored, whatever the serializer wrote.
      await this.loadResponseRelations(request, [serializer.instance]);
      return this.serializedResponse(request, serializer.instance);
    }
  }
  return withClassName(UpdateModel, `UpdateModelMixin(${Base.name})`);
}
