import type { DataSource, EntityMetadata, ObjectLiteral } from 'typeorm';
import type { SerializerField } from './fields/field';
import { FieldValidationError } from './fields/field-validation-error';
import type { ValidatedData } from './serializer';

type ColumnMetadata = EntityMetadata['columns'][number];

/**
 * One multi-column unique constraint as a serializer sees it: its columns, and for each the
 * serializer field that writes it.
 *
 * @internal
 */
export interface UniqueTogetherSet {
  readonly columns: readonly ColumnMetadata[];
  /** Field names in the constraint's column order (they make DRF's message). */
  readonly fieldNames: readonly string[];
}

/**
 * The multi-column unique constraints of `metadata` (`@Unique([...])`, unique `@Index([...])`)
 * whose every column is written by a writable field of the serializer (DRF's rule: a set the
 * serializer does not fully map is left to the database, a 409). A column is written by a field
 * whose source is the column's property, or the property of the relation it is the key of.
 *
 * @internal
 */
export function uniqueTogetherSets(
  metadata: EntityMetadata,
  fields: ReadonlyMap<string, SerializerField>,
): UniqueTogetherSet[] {
  const bySource = new Map<string, string>();
  for (const [name, field] of fields) {
    if (!field.readOnly && field.source !== undefined) bySource.set(field.source, name);
  }
  const sets: UniqueTogetherSet[] = [];
  const seen = new Set<string>();
  const candidates = [
    ...metadata.uniques.map((unique) => unique.columns),
    ...metadata.indices.filter((index) => index.isUnique).map((index) => index.columns),
  ];
  for (const columns of candidates) {
    if (columns.length < 2) continue;
    const fieldNames = columns.map(
      (column) =>
        bySource.get(column.propertyPath) ??
        (column.relationMetadata ? bySource.get(column.relationMetadata.propertyPath) : undefined),
    );
    if (fieldNames.some((name) => name === undefined)) continue;
    const key = columns.map((column) => column.databaseName).join('\0');
    if (seen.has(key)) continue;
    seen.add(key);
    sets.push({ columns, fieldNames: fieldNames as string[] });
  }
  return sets;
}

/**
 * DRF's `UniqueTogetherValidator` over every set: the values come from the validated data, or
 * from the instance for what a partial update leaves out; a set with a `null` (or unknown)
 * value is skipped, as SQL never finds two NULLs equal; the instance itself is excluded. One
 * `EXISTS` query per set. A conflict is a `FieldValidationError` under `nonFieldErrorsKey`:
 * `'The fields a, b must make a unique set.'`. A race between this check and the write is still
 * refused by the constraint (409).
 *
 * @internal
 */
export async function validateUniqueTogether(options: {
  metadata: EntityMetadata;
  sets: readonly UniqueTogetherSet[];
  attrs: ValidatedData;
  instance: ObjectLiteral | undefined;
  dataSource: DataSource;
  nonFieldErrorsKey: string;
}): Promise<void> {
  const { metadata, attrs, instance, dataSource } = options;
  const messages: string[] = [];
  for (const set of options.sets) {
    const values = set.columns.map((column) => columnValue(column, attrs, instance));
    if (values.some((value) => value === null || value === undefined)) continue;
    const query = dataSource.getRepository(metadata.target).createQueryBuilder('row');
    set.columns.forEach((column, index) => {
      query.andWhere(`${query.escape('row')}.${query.escape(column.databaseName)} = :v${index}`, {
        [`v${index}`]: values[index],
      });
    });
    if (instance) {
      metadata.primaryColumns.forEach((primary, index) => {
        const key = primary.getEntityValue(instance) as unknown;
        if (key === undefined || key === null) return;
        query.andWhere(
          `${query.escape('row')}.${query.escape(primary.databaseName)} <> :self${index}`,
          { [`self${index}`]: key },
        );
      });
    }
    if (await query.getExists()) {
      messages.push(`The fields ${set.fieldNames.join(', ')} must make a unique set.`);
    }
  }
  if (messages.length > 0) {
    throw new FieldValidationError({ [options.nonFieldErrorsKey]: messages });
  }
}

/**
 * A column's value after the write: from the validated data (a key, or the related entity of a
 * relation field), else from the instance, else the column's constant default on create.
 */
function columnValue(
  column: ColumnMetadata,
  attrs: ValidatedData,
  instance: ObjectLiteral | undefined,
): unknown {
  const relation = column.relationMetadata;
  if (
    Object.hasOwn(attrs, column.propertyPath) &&
    !(relation && column.propertyPath === relation.propertyPath)
  ) {
    return attrs[column.propertyPath];
  }
  if (relation && Object.hasOwn(attrs, relation.propertyPath)) {
    const related = attrs[relation.propertyPath];
    if (related === null || related === undefined) return related;
    return typeof related === 'object' ? column.referencedColumn?.getEntityValue(related) : related;
  }
  if (instance) {
    return column.getEntityValue(instance) as unknown;
  }
  const fallback: unknown = column.default;
  return typeof fallback === 'function' ? undefined : fallback;
}
