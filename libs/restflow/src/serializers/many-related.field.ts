import { In, type EntityMetadata, type ObjectLiteral } from 'typeorm';
import { dataSourceOf } from '../core/typeorm-compat.util';
import { isPlainObject } from '../core/is-plain-object.util';
import { SerializerField, type FieldOpenApiSchema, type FieldOptions } from './fields/field';
import { FieldValidationError } from './fields/field-validation-error';
import { pyTypeName } from './fields/python-format.util';
import { primaryColumnProperty } from './primary-column.util';

/**
 * Options of {@link ManyRelatedField}.
 *
 * @example
 * ```ts
 * new ManyRelatedField({ target: () => dataSource.getMetadata(Tag), pk: new IntegerField() });
 * ```
 * @publicApi
 */
export interface ManyRelatedFieldOptions extends FieldOptions<ObjectLiteral[]> {
  /** The related entity's metadata (lazy: it needs an initialised DataSource). */
  target: () => EntityMetadata;
  /** Validates and converts each key's type (an `IntegerField`, a `UUIDField`, ...). */
  pk: SerializerField;
  /** Whether `[]` is accepted. @default true */
  allowEmpty?: boolean;
}

/** Keys per `IN (...)` query: far below every driver's parameter limit. */
const KEYS_PER_QUERY = 1000;

/**
 * A to-many relation written and read as a list of the related rows' primary keys: DRF's
 * `PrimaryKeyRelatedField(many=True)` (a `ManyRelatedField`). Every item's type is checked
 * first; then all keys are looked up in one query (per 1000 keys), and each key that names no
 * row is reported with DRF's message. The validated value is the list of related entities, in
 * the order given, without repeats.
 *
 * `ModelSerializer` builds one for a many-to-many or one-to-many relation listed in
 * `meta.fields`, and writes it in the save's transaction.
 *
 * @example
 * ```ts
 * // { "tags": [1, 99, 98] }
 * // -> { tags: ['Invalid pk "99" - object does not exist.', 'Invalid pk "98" - object does not exist.'] }
 * // { "tags": 1 } -> { tags: ['Expected a list of items but got type "int".'] }
 * ```
 * @publicApi
 */
export class ManyRelatedField extends SerializerField<ObjectLiteral[], unknown[]> {
  static override readonly defaultErrorMessages = {
    not_a_list: 'Expected a list of items but got type "{input_type}".',
    empty: 'This list may not be empty.',
    does_not_exist: 'Invalid pk "{pk_value}" - object does not exist.',
    incorrect_type: 'Incorrect type. Expected pk value, received {data_type}.',
  };

  /** Whether `[]` is accepted. */
  readonly allowEmpty: boolean;
  private readonly target: () => EntityMetadata;
  private readonly pk: SerializerField;

  constructor(options: ManyRelatedFieldOptions) {
    const { target, pk, allowEmpty, ...fieldOptions } = options;
    super(fieldOptions);
    this.target = target;
    this.pk = pk;
    this.allowEmpty = allowEmpty ?? true;
  }

  /** The related entity's metadata. */
  get relatedMetadata(): EntityMetadata {
    return this.target();
  }

  async toInternalValue(data: unknown): Promise<ObjectLiteral[]> {
    if (!Array.isArray(data)) {
      this.fail('not_a_list', { input_type: pyTypeName(data) });
    }
    if (data.length === 0 && !this.allowEmpty) {
      this.fail('empty');
    }
    // The field's own checks first: no query sees a key of the wrong shape.
    const keys = new Map<string, { key: unknown; given: unknown }>();
    const messages: string[] = [];
    for (const item of data as unknown[]) {
      try {
        const key = await this.itemKey(item);
        keys.set(keyString(key), { key, given: item });
      } catch (error) {
        if (!(error instanceof FieldValidationError)) throw error;
        messages.push(...(Array.isArray(error.detail) ? error.detail : [String(error.message)]));
      }
    }
    if (messages.length > 0) {
      throw new FieldValidationError([...new Set(messages)]);
    }
    const rows = await this.findRows([...keys.values()].map(({ key }) => key));
    const missing = [...keys.entries()].filter(([key]) => !rows.has(key));
    if (missing.length > 0) {
      throw new FieldValidationError([
        ...new Set(missing.map(([, { given }]) => this.missingMessage(given))),
      ]);
    }
    return [...keys.keys()].map((key) => rows.get(key)!);
  }

  /**
   * The lookup value of one item of the input (a key of the related primary column here), or a
   * `FieldValidationError` with its message. Runs before any query.
   */
  protected async itemKey(item: unknown): Promise<unknown> {
    if (typeof item !== 'string' && typeof item !== 'number') {
      this.fail('incorrect_type', { data_type: pyTypeName(item) });
    }
    try {
      return await this.pk.runValidation(item);
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      // A key of the wrong shape ("abc", or out of the column's range) names no row.
      if (typeof item === 'number') this.fail('does_not_exist', { pk_value: item });
      this.fail('incorrect_type', { data_type: pyTypeName(item) });
    }
  }

  /** The message of an item whose lookup value names no row. */
  protected missingMessage(given: unknown): string {
    return this.message('does_not_exist', { pk_value: given });
  }

  /** The property the related rows are looked up by: their primary column here. */
  protected lookupProperty(): string {
    return primaryColumnProperty(this.relatedMetadata);
  }

  /** One related row (or key) as the output shows it: its primary key here. */
  protected representItem(item: unknown): unknown {
    const primary = primaryColumnProperty(this.relatedMetadata);
    return typeof item === 'object' && item !== null
      ? ((item as Record<string, unknown>)[primary] ?? null)
      : item;
  }

  /** The OpenAPI schema of one item. */
  protected itemSchema(): FieldOpenApiSchema {
    const { required: _required, ...items } = this.pk.openApi();
    return items;
  }

  /**
   * The related rows of an instance. A to-many relation that was not loaded (the property is
   * absent on an entity) is an error naming the field, never an empty or missing list.
   */
  override getAttribute(instance: unknown): unknown {
    const value = super.getAttribute(instance);
    if (value === undefined && instance !== null && typeof instance === 'object') {
      if (!isPlainObject(instance)) {
        const metadata = this.relatedMetadata;
        throw new Error(
          `${instanceName(instance)}.${this.source ?? ''} is not loaded, so the field ` +
            `"${this.fieldName ?? ''}" (a list of ${metadata.name} keys) cannot be represented. ` +
            `Fix: load the relation in the view's getQueryset() ` +
            `(query.leftJoinAndSelect('<alias>.${this.source ?? ''}', '${this.source ?? ''}')).`,
        );
      }
    }
    return value;
  }

  override toRepresentation(value: ObjectLiteral[]): unknown[] {
    return value.map((item) => this.representItem(item));
  }

  protected override schema(): FieldOpenApiSchema {
    return { type: 'array', items: this.itemSchema() };
  }

  /** The rows with these keys, by key string; one query per {@link KEYS_PER_QUERY} keys. */
  private async findRows(keys: unknown[]): Promise<Map<string, ObjectLiteral>> {
    const metadata = this.relatedMetadata;
    const primary = this.lookupProperty();
    const repository = dataSourceOf(metadata).getRepository<ObjectLiteral>(metadata.target);
    const rows = new Map<string, ObjectLiteral>();
    for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
      const chunk = keys.slice(start, start + KEYS_PER_QUERY);
      for (const row of await repository.findBy({ [primary]: In(chunk) })) {
        rows.set(keyString(row[primary]), row);
      }
    }
    return rows;
  }
}

/** Keys compare as strings: a bigint key is a string on PostgreSQL, a UUID any case. */
function keyString(key: unknown): string {
  return String(key).toLowerCase();
}

function instanceName(instance: object): string {
  return (instance.constructor as { name?: string } | undefined)?.name ?? 'The instance';
}
