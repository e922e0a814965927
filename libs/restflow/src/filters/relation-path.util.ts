import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { RestflowConfigError } from '../exceptions/restflow-config.error';

/** Who resolves a path, for the messages of a path it cannot honour. */
export interface PathOwner {
  /** The option to fix, e.g. `ProductFilterSet.category`. */
  readonly where: string;
  /** The sentence's subject and verb, e.g. `The filter "category" filters on`. */
  readonly subject: string;
  /** How to name a column instead, e.g. "set `dbField` to an entity property path". */
  readonly fix: string;
}

/** A column at the end of an entity property path, and the alias it is read through. */
export interface ResolvedPropertyPath {
  /** The query alias of the entity holding the column (the root alias, or a join's). */
  readonly alias: string;
  readonly column: ColumnMetadata;
  /** Whether the path went through a relation (a left join: the column may read as NULL). */
  readonly throughRelation: boolean;
}

/**
 * Resolves an entity property path of the query's root entity (`price`, `category.name`; Django's
 * `category__name` too), joining each many-to-one relation on the way with `leftJoin`, once per
 * query (alias `<alias>_rf_<relation>`): what filters and orderings through relations share.
 *
 * @throws {RestflowConfigError} for a to-many relation on the way (its join would repeat root
 * rows) or a path that names no column, in the words of `owner`.
 * @example
 * ```ts
 * const { alias, column } = resolvePropertyPath(query, 'category.name', {
 *   where: 'ProductFilterSet.meta.orderFields',
 *   subject: 'The ordering "category" of ProductFilterSet orders by',
 *   fix: 'use a root-entity property or a many-to-one path',
 * });
 * query.orderBy(`${alias}.${column.propertyPath}`); // product_rf_category.name
 * ```
 * @internal
 */
export function resolvePropertyPath(
  query: SelectQueryBuilder<ObjectLiteral>,
  path: string,
  owner: PathOwner,
): ResolvedPropertyPath {
  let metadata = query.expressionMap.mainAlias?.metadata;
  let alias = query.alias;
  const segments = path.split('__').join('.').split('.');
  let index = 0;
  for (; metadata && index < segments.length - 1; index++) {
    const relation = metadata.findRelationWithPropertyPath(segments[index]!);
    if (!relation) break;
    if (relation.isOneToMany || relation.isManyToMany) {
      throw new RestflowConfigError(
        owner.where,
        `${owner.subject} "${path}", which goes through "${relation.propertyPath}", a to-many relation of ` +
          `${metadata.name}. Fix: use a many-to-one path, or a filterBy function with ` +
          'an EXISTS subquery.',
      );
    }
    const joinAlias = `${alias}_rf_${segments[index]!}`;
    if (!query.expressionMap.joinAttributes.some((join) => join.alias.name === joinAlias)) {
      query.leftJoin(`${alias}.${relation.propertyPath}`, joinAlias);
    }
    alias = joinAlias;
    metadata = relation.inverseEntityMetadata;
  }
  const column = metadata?.findColumnWithPropertyPath(segments.slice(index).join('.'));
  if (!column) {
    throw new RestflowConfigError(
      owner.where,
      `${owner.subject} "${path}", which is not a column of ${metadata?.name ?? 'the query'}. ` +
        `Fix: ${owner.fix}.`,
    );
  }
  return { alias, column, throughRelation: index > 0 };
}
