import type { EntityMetadata, ObjectLiteral } from 'typeorm';
import { dataSourceOf } from '../core/typeorm-compat.util';
import { SerializerField, type FieldOpenApiSchema, type FieldOptions } from './fields/field';
import { FieldValidationError } from './fields/field-validation-error';
import { pyTypeName } from './fields/python-format.util';
import { primaryColumnProperty } from './primary-column.util';

/**
 * Options of {@link PrimaryKeyRelatedField}.
 *
 * @example
 * ```ts
 * new PrimaryKeyRelatedField({ target: () => dataSource.getMetadata(Category), pk: new IntegerField() });
 * ```
 * @publicApi
 */
export interface PrimaryKeyRelatedFieldOptions extends FieldOptions<unknown> {
  /** The related entity's metadata (lazy: it needs an initialised DataSource). */
  target: () => EntityMetadata;
  /** Validates and converts the key's type (an `IntegerField`, a `UUIDField`, ...). */
  pk: SerializerField;
  /**
   * What the validated value is: the related entity (for a relation property such as
   * `category`) or its key (for a foreign-key column property such as `categoryId`).
   * @default 'entity'
   */
  returns?: 'entity' | 'key';
  /** A property holding the foreign key, read when the relation itself is not loaded. */
  keySource?: string;
}

/**
 * A to-one relation written and read as the related row's primary key: DRF's
 * `PrimaryKeyRelatedField`. Input is checked against the database, so a missing row is a
 * 400 field error, never a foreign-key failure.
 *
 * @example
 * ```ts
 * // { "category": 99 } -> { category: ['Invalid pk "99" - object does not exist.'] }
 * ```
 * @publicApi
 */
export class PrimaryKeyRelatedField extends SerializerField<unknown, unknown> {
  static override readonly defaultErrorMessages = {
    does_not_exist: 'Invalid pk "{pk_value}" - object does not exist.',
    incorrect_type: 'Incorrect type. Expected pk value, received {data_type}.',
  };

  private readonly target: () => EntityMetadata;
  private readonly pk: SerializerField;
  private readonly returns: 'entity' | 'key';
  private readonly keySource: string | undefined;

  constructor(options: PrimaryKeyRelatedFieldOptions) {
    const { target, pk, returns, keySource, ...fieldOptions } = options;
    super(fieldOptions);
    this.target = target;
    this.pk = pk;
    this.returns = returns ?? 'entity';
    this.keySource = keySource;
  }

  async toInternalValue(data: unknown): Promise<unknown> {
    if (typeof data !== 'string' && typeof data !== 'number') {
      this.fail('incorrect_type', { data_type: pyTypeName(data) });
    }
    let key: unknown;
    try {
      key = await this.pk.runValidation(data);
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      // A key of the wrong shape ("abc", or out of the column's range) names no row.
      this.fail(typeof data === 'number' ? 'does_not_exist' : 'incorrect_type', {
        pk_value: data,
        data_type: pyTypeName(data),
      });
    }
    const metadata = this.target();
    const column = primaryColumnProperty(metadata);
    const repository = dataSourceOf(metadata).getRepository<ObjectLiteral>(metadata.target);
    if (this.returns === 'key' && isPlainPrimaryColumn(metadata)) {
      // Only whether the row exists: its key, without find options, eager relations or an
      // entity to build.
      const found: unknown = await repository
        .createQueryBuilder('related')
        .select(`related.${column}`)
        .where(`related.${column} = :key`, { key })
        .limit(1)
        .getRawOne();
      if (found === undefined || found === null) {
        this.fail('does_not_exist', { pk_value: data });
      }
      return key;
    }
    const row = await repository.findOneBy({ [column]: key });
    if (!row) {
      this.fail('does_not_exist', { pk_value: data });
    }
    return this.returns === 'entity' ? row : key;
  }

  /** Reads the related row (when loaded) or the foreign-key value from the instance. */
  override getAttribute(instance: unknown): unknown {
    const related = super.getAttribute(instance);
    if ((related === undefined || related === null) && this.keySource && instance) {
      return (instance as Record<string, unknown>)[this.keySource];
    }
    return related;
  }

  override toRepresentation(value: unknown): unknown {
    if (typeof value === 'object' && value !== null) {
      return (value as Record<string, unknown>)[primaryColumnProperty(this.target())] ?? null;
    }
    return value;
  }

  protected override schema(): FieldOpenApiSchema {
    return this.pk.openApi();
  }
}

/** Whether the entity's key is one column of its own (not a relation, not in an embedded). */
function isPlainPrimaryColumn(metadata: EntityMetadata): boolean {
  const [primary, ...others] = metadata.primaryColumns;
  return (
    primary !== undefined &&
    others.length === 0 &&
    !primary.relationMetadata &&
    !primary.embeddedMetadata
  );
}
