import { Get, Req } from '@nestjs/common';
import type { RestflowRequest } from '../../core/restflow-request.interface';
import { withClassName, type GenericViewClass, type WithActions } from '../view-class.types';

/**
 * What {@link ListModelMixin} adds.
 *
 * @example
 * ```ts
 * const body = await view.list(request);
 * ```
 * @publicApi
 */
export interface ListActions {
  /** `GET`: the filtered rows, paginated, by the response serializer. */
  list(request: RestflowRequest): Promise<unknown>;
}

/**
 * Adds `list` (`GET` on the collection): `filterQueryset(getQueryset())`, ordered by the primary
 * key unless the query is already ordered, then `paginatedResponse()`. Without a paginator the
 * list is a plain array.
 *
 * @example
 * ```ts
 * @View('api/products')
 * export class ProductListView extends ListModelMixin(GenericAPIView) {
 *   override queryset = Product;
 *   override serializerClass = ProductSerializer;
 * }
 * ```
 * @publicApi
 */
export function ListModelMixin<TBase extends GenericViewClass>(
  Base: TBase,
): WithActions<TBase, ListActions> {
  abstract class ListModel extends Base implements ListActions {
    @Get()
    async list(@Req() request: RestflowRequest): Promise<unknown> {
      const query = await this.filterQueryset(this.getQueryset(request), request);
      if (Object.keys(query.expressionMap.orderBys).length === 0) {
        // Pages of an unordered query are not stable: order by the primary key.
        for (const column of query.expressionMap.mainAlias?.metadata.primaryColumns ?? []) {
          query.addOrderBy(`${query.alias}.${column.propertyPath}`, 'ASC');
        }
      }
      return this.paginatedResponse(request, query);
    }
  }
  return withClassName(ListModel, `ListModelMixin(${Base.name})`);
}
