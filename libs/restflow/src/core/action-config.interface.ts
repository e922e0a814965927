import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { FilterBackend } from './filter-backend.interface';
import type { RestflowRequest } from './restflow-request.interface';

/**
 * A queryset an action works on: an entity class, or a function of the view and the request
 * that returns a fresh TypeORM query builder. `TEntity` is the row type (a view's `queryset` is a
 * `QuerysetSource` of the view's entity).
 *
 * @example
 * ```ts
 * const inStock: QuerysetSource<Product> = (view, request) =>
 *   view.dataSource.getRepository(Product).createQueryBuilder('product').where('product.inStock = true');
 * ```
 * @publicApi
 */
export type QuerysetSource<TEntity extends ObjectLiteral = ObjectLiteral> =
  (new () => TEntity) | ((view: any, request: RestflowRequest) => SelectQueryBuilder<TEntity>); // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Per-action settings of a view (DRF-restflow's `ActionConfig`). Every key is optional; an unset
 * key falls through to the view's own property, then to `RestflowModule.forRoot()`.
 *
 * This declaration holds the keys every subsystem shares (the rows an action works on). Each
 * subsystem owns the keys of its own settings (`serializerClass`, `paginationClass`,
 * `filterSetClass`, `contentTypes`, `permissionClasses`, ...) in its `*.action-config.ts` file;
 * `restflow.action-config.ts` composes them into this interface.
 *
 * @example
 * ```ts
 * @ActionConfig({ responseSerializerClass: ProductListSerializer, paginationClass: FastPageNumberPagination })
 * ```
 * @publicApi
 */
export interface ActionConfigOptions {
  /** The rows the action works on. */
  queryset?: QuerysetSource;
  /** Filters applied to the queryset, replacing the view's list (`[]`: none). */
  filterBackends?: readonly FilterBackend[];
}
