import type { EntityManager, EntityMetadata, ObjectLiteral } from 'typeorm';

/**
 * Writes the to-many relations of a saved row through `manager` (the save's transaction):
 * many-to-many junction rows, or the foreign key of one-to-many children. On `create` the listed
 * rows are linked; on `update` the stored set is replaced by the listed one (rows left out are
 * unlinked: junction rows deleted, children's foreign key set to NULL). One query reads the
 * stored keys of each relation on update, and one statement per added or removed batch writes
 * them. Each relation property of `saved` is then the list given, in its order.
 *
 * @internal
 */
export async function writeToManyRelations(
  manager: EntityManager,
  metadata: EntityMetadata,
  saved: ObjectLiteral,
  relations: ReadonlyMap<string, ObjectLiteral[]>,
  mode: 'create' | 'update',
): Promise<void> {
  for (const [property, rows] of relations) {
    const relation = metadata.findRelationWithPropertyPath(property);
    if (!relation) continue;
    const builder = () =>
      manager.createQueryBuilder().relation(metadata.target, property).of(saved);
    const [primary] = relation.inverseEntityMetadata.primaryColumns;
    const keyOf = (row: ObjectLiteral): unknown => primary!.getEntityValue(row);
    const wanted = rows.map(keyOf);
    if (mode === 'create') {
      if (wanted.length > 0) await builder().add(wanted);
    } else {
      const stored = (await builder().loadMany<ObjectLiteral>()).map(keyOf);
      const storedSet = new Set(stored.map(String));
      const wantedSet = new Set(wanted.map(String));
      const added = wanted.filter((key) => !storedSet.has(String(key)));
      const removed = stored.filter((key) => !wantedSet.has(String(key)));
      if (added.length > 0 || removed.length > 0) await builder().addAndRemove(added, removed);
    }
    saved[property] = rows;
  }
}

/**
 * Reads the to-many relations `properties` of a saved row (one query each), so that its
 * representation shows what is stored. (Not the public `loadToManyRelations` of `relations/`,
 * which loads a serializer's relation plan onto rows read by a joined query.)
 *
 * @internal
 */
export async function readStoredToMany(
  manager: EntityManager,
  metadata: EntityMetadata,
  saved: ObjectLiteral,
  properties: readonly string[],
): Promise<void> {
  for (const property of properties) {
    saved[property] = await manager
      .createQueryBuilder()
      .relation(metadata.target, property)
      .of(saved)
      .loadMany();
  }
}
