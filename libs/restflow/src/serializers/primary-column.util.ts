import type { EntityMetadata } from 'typeorm';

/**
 * The property path of an entity's (first) primary column: the key a related field reads and
 * looks rows up by.
 *
 * @throws {Error} when the entity has no primary column.
 * @example
 * ```ts
 * primaryColumnProperty(dataSource.getMetadata(Tag)); // 'id'
 * ```
 * @internal
 */
export function primaryColumnProperty(metadata: EntityMetadata): string {
  const [primary] = metadata.primaryColumns;
  if (!primary) {
    throw new Error(`${metadata.name} has no primary column.`);
  }
  return primary.propertyPath;
}
