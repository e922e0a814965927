import type { EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { RelationMetadata } from 'typeorm/metadata/RelationMetadata';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { KeyedCache } from '../core/keyed-cache.util';

/** Who resolves a path, for the messages of a path it cannot honour. */
export interface PathOwner {
  /** The option to fix, e.g. `ProductFilterSet.category`. */
  readonly where: string;
  /** The sentence's subject and verb, e.g. `The filter "category" filters on`. */
  readonly subject: string;
  /** How to name a column instead, e.g. "set `dbField` to an entity property path". */
  readonly fix: string;
}

/** The owner of a filter's path (`dbField`, or the path of a `filterBy` expression). @internal */
export function filterPathOwner(filterSetName: string, filterName: string): PathOwner {
  return {
    where: `${filterSetName}.${filterName}`,
    subject: `The filter "${filterName}" filters on`,
    fix: 'set `dbField` to an entity property path',
  };
}

/** The owner of the paths of `meta.orderFields`. @internal */
export function orderingPathOwner(filterSetName: string): PathOwner {
  return {
    where: `${filterSetName}.meta.orderFields`,
    subject: `An ordering of ${filterSetName} orders by`,
    fix: 'use a property of the entity or a many-to-one path such as "category.name"',
  };
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
  let alias = query.alias;
  const { column, relations } = walkedPath(query.expressionMap.mainAlias?.metadata, path, owner);
  for (const [relation, segment] of relations) {
    const joinAlias = `${alias}_rf_${segment}`;
    if (!query.expressionMap.joinAttributes.some((join) => join.alias.name === joinAlias)) {
      query.leftJoin(`${alias}.${relation.propertyPath}`, joinAlias);
    }
    alias = joinAlias;
  }
  return { alias, column, throughRelation: relations.length > 0 };
}

/** A path walked from one entity: its relations (with the segment naming each) and its column. */
interface WalkedPath {
  readonly column: ColumnMetadata;
  readonly relations: readonly (readonly [RelationMetadata, string])[];
}

/** Per entity, each path walked by {@link resolvePropertyPath} (paths that fail are not kept). */
const WALKED = new KeyedCache<EntityMetadata, string, WalkedPath>();

/** {@link walkPropertyPath} once per entity and path: filters and orderings resolve per request. */
function walkedPath(
  metadata: EntityMetadata | undefined,
  path: string,
  owner: PathOwner,
): WalkedPath {
  const walk = (): WalkedPath => {
    const relations: (readonly [RelationMetadata, string])[] = [];
    const { column } = walkPropertyPath(metadata, path, owner, (relation, segment) => {
      relations.push([relation, segment]);
    });
    return { column, relations };
  };
  return metadata ? WALKED.get(metadata, path, walk) : walk();
}

/**
 * Follows an entity property path from `metadata` (dots, or Django's `__`) through many-to-one
 * relations to its column, calling `onRelation` for each relation on the way. What
 * {@link resolvePropertyPath} joins with, and what the boot check of filter sets reads.
 *
 * @throws {RestflowConfigError} as {@link resolvePropertyPath}.
 * @internal
 */
export function walkPropertyPath(
  metadata: EntityMetadata | undefined,
  path: string,
  owner: PathOwner,
  onRelation: (relation: RelationMetadata, segment: string) => void = () => undefined,
): Omit<ResolvedPropertyPath, 'alias'> {
  let current = metadata;
  const segments = path.split('__').join('.').split('.');
  let index = 0;
  for (; current && index < segments.length - 1; index++) {
    const relation = current.findRelationWithPropertyPath(segments[index]!);
    if (!relation) break;
    if (relation.isOneToMany || relation.isManyToMany) {
      throw new RestflowConfigError(
        owner.where,
        `${owner.subject} "${path}", which goes through "${relation.propertyPath}", a to-many relation of ` +
          `${current.name}. Fix: use a many-to-one path, or a filterBy function with ` +
          'an EXISTS subquery.',
      );
    }
    onRelation(relation, segments[index]!);
    current = relation.inverseEntityMetadata;
  }
  const column = current?.findColumnWithPropertyPath(segments.slice(index).join('.'));
  if (!column) {
    throw new RestflowConfigError(
      owner.where,
      `${owner.subject} "${path}", which is not a column of ${current?.name ?? 'the query'}. ` +
        `Fix: ${owner.fix}.`,
    );
  }
  return { column, throughRelation: index > 0 };
}
