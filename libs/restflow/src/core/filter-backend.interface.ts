import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { RestflowRequest } from './restflow-request.interface';

/**
 * Narrows a view's query for a request (DRF's filter backends): the filter-set backend, a search
 * backend, a tenant scope. May be async; returns the query builder to use.
 *
 * @example
 * ```ts
 * const onlyPublished: FilterBackend = {
 *   filterQueryset: (request, query) => query.andWhere(`${query.alias}.published = :yes`, { yes: true }),
 * };
 * ```
 * @publicApi
 */
export interface FilterBackend {
  filterQueryset<TEntity extends ObjectLiteral>(
    request: RestflowRequest,
    query: SelectQueryBuilder<TEntity>,
    view: unknown,
  ): SelectQueryBuilder<TEntity> | Promise<SelectQueryBuilder<TEntity>>;
}
