import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

type JoinAttribute = SelectQueryBuilder<ObjectLiteral>['expressionMap']['joinAttributes'][number];
type RelationMetadata = NonNullable<JoinAttribute['relation']>;

/**
 * The query that counts the rows of `query` (a clone): without the `LEFT JOIN`s that cannot
 * change the number of rows, so that the database counts the filtered rows alone. A left join
 * along a many-to-one (or owning one-to-one) relation to the primary key of the other entity
 * matches at most one row and never drops one, so the count is the same; TypeORM then counts
 * with `COUNT(1)` instead of `COUNT(DISTINCT <primary key>)` when no join is left. A join kept:
 * any other kind (inner, to-many, not a relation) and any join whose alias the query still
 * names (in a condition or another join), such as the joins of filters through relations.
 *
 * @example
 * ```ts
 * // SELECT COUNT(1) ... FROM product WHERE ... (the category join of the page is left out)
 * const count = await countQueryOf(query.leftJoinAndSelect('product.category', 'c')).getCount();
 * ```
 * @internal
 */
export function countQueryOf<TEntity extends ObjectLiteral>(
  query: SelectQueryBuilder<TEntity>,
): SelectQueryBuilder<TEntity> {
  const count = query.clone();
  const map = count.expressionMap;
  if (map.joinAttributes.length === 0 || map.relationIdAttributes.length > 0) return count;
  // Last first: a join through another one (`category.parent`) comes after it.
  for (let index = map.joinAttributes.length - 1; index >= 0; index--) {
    const join = map.joinAttributes[index]!;
    if (!keepsRowCount(join) || isNamed(map, join)) continue;
    map.joinAttributes.splice(index, 1);
    map.aliases = map.aliases.filter((alias) => alias.name !== join.alias.name);
  }
  return count;
}

/** A left join along a to-one relation that points at the whole primary key of its target. */
function keepsRowCount(join: JoinAttribute): boolean {
  if (join.direction !== 'LEFT' || typeof join.entityOrProperty !== 'string') return false;
  let relation: RelationMetadata | undefined;
  try {
    relation = join.relation;
  } catch {
    return false;
  }
  if (!relation || !(relation.isManyToOne || relation.isOneToOneOwner)) return false;
  const primary = relation.inverseEntityMetadata.primaryColumns;
  return (
    relation.joinColumns.length === primary.length &&
    relation.joinColumns.every((column) => column.referencedColumn?.isPrimary === true)
  );
}

/** Whether anything left in the count query names the alias of `join`. */
function isNamed(map: SelectQueryBuilder<ObjectLiteral>['expressionMap'], join: JoinAttribute) {
  const name = join.alias.name;
  for (const other of map.joinAttributes) {
    if (other === join) continue;
    if (mentions(other.entityOrProperty, name) || mentions(other.condition, name)) return true;
  }
  return mentions(map.wheres, name) || mentions(map.havings, name);
}

/**
 * Whether any string in `value` (TypeORM's where clauses: nested arrays and plain objects)
 * contains `name`; anything it cannot read (a class instance, a function, too deep) counts as
 * naming it, so that the join is kept.
 */
function mentions(value: unknown, name: string, depth = 0): boolean {
  if (typeof value === 'string') return value.includes(name);
  if (value === undefined || value === null || typeof value === 'number') return false;
  if (typeof value === 'boolean') return false;
  if (depth > 32 || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.some((item) => mentions(item, name, depth + 1));
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return true;
  return Object.values(value).some((item) => mentions(item, name, depth + 1));
}
