import { Post, Req, Res } from '@nestjs/common';
import type { ObjectLiteral } from 'typeorm';
import { ModelSerializer } from '../../serializers/model-serializer';
import type { Serializer } from '../../serializers/serializer';
import { GenericAPIView } from '../generic-api-view';
import type { RestflowRequest } from '../../core/restflow-request.interface';
import {
  withClassName,
  type EntityOf,
  type GenericViewClass,
  type WithActions,
} from '../view-class.types';
import { setResponseHeader } from './response-header.util';

/**
 * What {@link CreateModelMixin} adds, for a view of `TEntity` (the serializer's `instance` is
 * one).
 *
 * @example
 * ```ts
 * override async performCreate(serializer: Serializer<Product>, request: RestflowRequest) {
 *   const product = await serializer.save({ createdBy: request.user }); // a Product
 * }
 * ```
 * @publicApi
 */
export interface CreateActions<TEntity extends ObjectLiteral = ObjectLiteral> {
  /** `POST`: validate, `performCreate`, 201 with the representation. */
  create(request: RestflowRequest, response: unknown): Promise<unknown>;
  /**
   * Saves the valid serializer. Runs in one transaction with the write: throwing here rolls the
   * new row back. Override for side effects (stamp the creator, notify). (Not overridden, when
   * a ModelSerializer writes the row in one INSERT, no transaction is opened: the statement is
   * atomic by itself.)
   */
  performCreate(serializer: Serializer<TEntity>, request: RestflowRequest): Promise<void>;
}

/**
 * Adds `create` (`POST` on the collection): validate the body with the request serializer, run
 * `performCreate` (which saves) in a transaction, answer 201 with the response serializer's
 * representation, and a `Location` header when the representation has a `url`. The transaction
 * is left out when `performCreate` and `atomic` are not overridden and the ModelSerializer's
 * save is one INSERT (see `ModelSerializer`).
 *
 * @example
 * ```ts
 * @View('api/products')
 * export class ProductCreateView extends CreateModelMixin(GenericAPIView) {
 *   override queryset = Product;
 *   override serializerClass = ProductSerializer;
 * }
 * ```
 * @publicApi
 */
export function CreateModelMixin<TBase extends GenericViewClass>(
  Base: TBase,
): WithActions<TBase, CreateActions<EntityOf<TBase>>> {
  abstract class CreateModel extends Base implements CreateActions {
    @Post()
    async create(
      @Req() request: RestflowRequest,
      @Res({ passthrough: true }) response: unknown,
    ): Promise<unknown> {
      const serializer = await this.validatedSerializer<Serializer<ObjectLiteral>>(request);
      if (this.createsInOneStatement(serializer)) {
        await this.performCreate(serializer, request);
      } else {
        await this.atomic(async (manager) => {
          serializer.context.manager = manager;
          await this.performCreate(serializer, request);
        });
      }
      // The response shows the relations of the new row as stored.
      await this.loadResponseRelations(request, [serializer.instance]);
      const data = this.serializedResponse(request, serializer.instance);
      const url = (data as { url?: unknown } | null)?.url;
      if (typeof url === 'string') {
        setResponseHeader(response, 'Location', url);
      }
      return data;
    }

    async performCreate(
      serializer: Serializer<ObjectLiteral>,
      _request: RestflowRequest,
    ): Promise<void> {
      await serializer.save();
    }

    /**
     * Whether the create needs no transaction of its own: `performCreate` and `atomic` are the
     * library's (so the only write is `serializer.save()`), and the ModelSerializer writes the
     * row in one INSERT, atomic by itself. Saves two round trips (`START TRANSACTION`, `COMMIT`)
     * and a dedicated connection per create; anything else keeps the transaction.
     */
    private createsInOneStatement(serializer: Serializer<ObjectLiteral>): boolean {
      return (
        this.performCreate === CreateModel.prototype.performCreate &&
        this.atomic === Reflect.get(GenericAPIView.prototype, 'atomic') &&
        serializer instanceof ModelSerializer &&
        serializer.context.dataSource === this.dataSource &&
        serializer.savesInOneStatement()
      );
    }
  }
  return withClassName(CreateModel, `CreateModelMixin(${Base.name})`);
}
