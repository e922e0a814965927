import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { RelationMetadata } from '../core/typeorm-compat.util';
import { joinToOneRelations } from './relation-joins';
import { isEmptyPlan, type RelationPlan } from './relation-plan';

/** Keys per `IN (...)` list: a page of up to 1,000 rows is one query per relation. */
const KEYS_PER_QUERY = 1000;

/**
 * Loads the to-many relations of `plan` onto `rows` (which came from a query joined by
 * {@link joinToOneRelations}): one query per relation per 1,000 rows (`WHERE key IN (...)`),
 * whatever the number of rows, then the relations of the loaded rows in turn. A to-one relation
 * without a row becomes `null`, a to-many one without rows `[]`.
 *
 * @example
 * ```ts
 * const rows = await joinToOneRelations(query, plan).getMany();
 * await loadToManyRelations(dataSource.manager, plan, rows);
 * ```
 * @publicApi
 */
export async function loadToManyRelations(
  manager: EntityManager,
  plan: RelationPlan,
  rows: readonly ObjectLiteral[],
): Promise<void> {
  if (rows.length === 0 || isEmptyPlan(plan)) return;
  for (const [property, node] of plan.toOne) {
    const related: ObjectLiteral[] = [];
    for (const row of rows) {
      const value = row[property] as ObjectLiteral | null | undefined;
      if (value === undefined || value === null) {
        (row as Record<string, unknown>)[property] = null;
      } else {
        related.push(value);
      }
    }
    await loadToManyRelations(manager, node.plan, related);
  }
  for (const [property, node] of plan.toMany) {
    const byOwner = await fetchToMany(manager, node.relation, node.plan, rows);
    const loaded: ObjectLiteral[] = [];
    for (const row of rows) {
      const items = byOwner.get(ownerKeyOf(node.relation, row)) ?? [];
      (row as Record<string, unknown>)[property] = items;
      loaded.push(...items);
    }
    await loadToManyRelations(manager, node.plan, [...new Set(loaded)]);
  }
}

/**
 * Reads the relations of `plan` for rows that did not come from a joined query (a row just
 * created or updated): one query by primary key for the to-one relations, then
 * {@link loadToManyRelations}. The rows are changed in place; their other properties are kept.
 *
 * @example
 * ```ts
 * await loadRelations(dataSource.manager, plan, [savedProduct]);
 * ```
 * @publicApi
 */
export async function loadRelations(
  manager: EntityManager,
  plan: RelationPlan,
  rows: readonly ObjectLiteral[],
): Promise<void> {
  if (rows.length === 0 || isEmptyPlan(plan)) return;
  if (plan.toOne.size > 0) {
    const { metadata } = plan;
    const primary = metadata.primaryColumns;
    const query = manager.createQueryBuilder(metadata.target, 'rf_self');
    const keyOf = (row: ObjectLiteral): string =>
      primary.map((column) => String(column.getEntityValue(row))).join('\u0000');
    rows.forEach((row, index) => {
      const condition = primary
        .map((column) => `rf_self.${column.propertyPath} = :rfKey${index}_${column.propertyName}`)
        .join(' AND ');
      const parameters = Object.fromEntries(
        primary.map((column) => [
          `rfKey${index}_${column.propertyName}`,
          column.getEntityValue(row) as unknown,
        ]),
      );
      query.orWhere(`(${condition})`, parameters);
    });
    const fresh = new Map<string, ObjectLiteral>();
    for (const row of await joinToOneRelations(query, plan).getMany()) {
      fresh.set(keyOf(row), row);
    }
    for (const row of rows) {
      const found = fresh.get(keyOf(row));
      for (const property of plan.toOne.keys()) {
        (row as Record<string, unknown>)[property] = found?.[property] ?? null;
      }
    }
  }
  await loadToManyRelations(manager, plan, rows);
}

/** The owner's key a to-many relation is keyed by (its side of the foreign key). */
function ownerKeyOf(relation: RelationMetadata, owner: ObjectLiteral): string {
  return String(ownerColumn(relation).referencedColumn!.getEntityValue(owner));
}

/** The column holding the owner's key: the children's foreign key, or the junction's. */
function ownerColumn(relation: RelationMetadata) {
  if (relation.isOneToMany) return relation.inverseRelation!.joinColumns[0]!;
  return relation.isOwning
    ? relation.joinColumns[0]!
    : relation.inverseRelation!.inverseJoinColumns[0]!;
}

/** The junction's column holding the related row's key (many-to-many only). */
function relatedJunctionColumn(relation: RelationMetadata) {
  return relation.isOwning
    ? relation.inverseJoinColumns[0]!
    : relation.inverseRelation!.joinColumns[0]!;
}

async function fetchToMany(
  manager: EntityManager,
  relation: RelationMetadata,
  plan: RelationPlan,
  owners: readonly ObjectLiteral[],
): Promise<Map<string, ObjectLiteral[]>> {
  const keys = [
    ...new Set(
      owners
        .map((owner) => ownerColumn(relation).referencedColumn!.getEntityValue(owner) as unknown)
        .filter((key) => key !== undefined && key !== null),
    ),
  ];
  const byOwner = new Map<string, ObjectLiteral[]>();
  const related = relation.inverseEntityMetadata;
  const [primary] = related.primaryColumns;
  for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
    const chunk = keys.slice(start, start + KEYS_PER_QUERY);
    const query = manager.createQueryBuilder(related.target, 'rf_many');
    const alias = query.escape('rf_many');
    let ownerSql: string;
    if (relation.isOneToMany) {
      ownerSql = `${alias}.${query.escape(ownerColumn(relation).databaseName)}`;
    } else {
      const junction = relation.junctionEntityMetadata!;
      const other = relatedJunctionColumn(relation);
      const junctionAlias = query.escape('rf_junction');
      query.innerJoin(
        junction.target,
        'rf_junction',
        `${junctionAlias}.${query.escape(other.databaseName)} = ${alias}.${query.escape(other.referencedColumn!.databaseName)}`,
      );
      ownerSql = `${junctionAlias}.${query.escape(ownerColumn(relation).databaseName)}`;
    }
    query
      .addSelect(ownerSql, 'rf_owner')
      .addSelect(`${alias}.${query.escape(primary!.databaseName)}`, 'rf_key')
      .where(`${ownerSql} IN (:...rfOwners)`, { rfOwners: chunk })
      .orderBy(`rf_many.${primary!.propertyPath}`, 'ASC');
    joinToOneRelations(query, plan);
    const { raw, entities } = await query.getRawAndEntities();
    const byKey = new Map<string, ObjectLiteral>();
    for (const entity of entities) byKey.set(String(primary!.getEntityValue(entity)), entity);
    for (const row of raw as Record<string, unknown>[]) {
      const entity = byKey.get(String(row.rf_key));
      if (!entity) continue;
      const owner = String(row.rf_owner);
      let list = byOwner.get(owner);
      if (!list) byOwner.set(owner, (list = []));
      if (!list.includes(entity)) list.push(entity);
    }
  }
  return byOwner;
}
