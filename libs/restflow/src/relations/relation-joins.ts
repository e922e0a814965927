import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { RelationPlan } from './relation-plan';

/**
 * Adds a `LEFT JOIN` (selected) to `query` for every to-one relation of `plan`, nested ones
 * through their parent's join, so that the rows come back with them in the same query. A relation
 * the query already joins and selects (`leftJoinAndSelect('product.category', ...)` in a user's
 * `getQueryset()`) is reused, not joined twice. Returns the query.
 *
 * @example
 * ```ts
 * joinToOneRelations(dataSource.createQueryBuilder(Product, 'product'), plan).getMany();
 * ```
 * @publicApi
 */
export function joinToOneRelations<TEntity extends ObjectLiteral>(
  query: SelectQueryBuilder<TEntity>,
  plan: RelationPlan,
  parentAlias: string = query.alias,
): SelectQueryBuilder<TEntity> {
  for (const [property, node] of plan.toOne) {
    const path = `${parentAlias}.${property}`;
    const existing = query.expressionMap.joinAttributes.find(
      (join) => join.entityOrProperty === path && join.direction === 'LEFT' && join.isSelected,
    );
    let alias = existing?.alias.name;
    if (!alias) {
      alias = `rf${query.expressionMap.aliases.length}_${property}`.slice(0, 48);
      query.leftJoinAndSelect(path, alias);
    }
    joinToOneRelations(query, node.plan, alias);
  }
  return query;
}
