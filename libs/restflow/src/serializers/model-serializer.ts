import { verboseName } from '../core/verbose-name.util';
import type {
  DataSource,
  EntityManager,
  EntityMetadata,
  ObjectLiteral,
  SaveOptions,
} from 'typeorm';
import type { RelationMetadata } from '../core/typeorm-compat.util';
type ColumnMetadata = EntityMetadata['columns'][number];
import { Not } from 'typeorm';
import { declaredIntegerRange } from '../core/column-type.util';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { recordApiProperty } from './api-property.util';
import { resolveField, type FieldDeclaration } from './field.decorator';
import type { SerializerField } from './fields/field';
import { CharField } from './fields/char.field';
import { databaseValidator } from './fields/database-validator';
import { FieldValidationError } from './fields/field-validation-error';
import { ListField } from './fields/list.field';
import { ManyRelatedField, type ManyRelatedFieldOptions } from './many-related.field';
import { assertNestedWritesImplemented } from './nested-writes.check';
import { PrimaryKeyRelatedField } from './primary-key-related.field';
import { Serializer, type ValidatedData } from './serializer';
import { readStoredToMany, writeToManyRelations } from './to-many.writer';
import { insertIsOneStatement } from './one-statement-insert';
import { KeyedCache } from '../core/keyed-cache.util';
import {
  uniqueTogetherSets,
  validateUniqueTogether,
  type UniqueTogetherSet,
} from './unique-together.validator';

/**
 * What a {@link ModelSerializer} is built from: DRF's `class Meta`.
 *
 * @example
 * ```ts
 * static override meta: ModelSerializerMeta = {
 *   model: Product,
 *   fields: ['id', 'name', 'price', 'category'],
 *   readOnlyFields: ['id'],
 *   extraKwargs: { name: { minLength: 3 } },
 * };
 * ```
 * @publicApi
 */
export interface ModelSerializerMeta {
  /** The TypeORM entity class. */
  model: new () => ObjectLiteral;
  /**
   * The fields, in order, or `'__all__'` for every column, to-one relation and owning side of a
   * many-to-many relation (DRF's forward relations; list one-to-many and inverse many-to-many
   * relations by name).
   */
  fields?: '__all__' | readonly string[];
  /** Fields to leave out of `'__all__'`. */
  exclude?: readonly string[];
  /** Fields that are output only. */
  readOnlyFields?: readonly string[];
  /** Extra `@Field()` options per model field (`{ price: { min: 0 } }`). */
  extraKwargs?: Readonly<Record<string, FieldDeclaration>>;
}

/**
 * A serializer whose fields come from a TypeORM entity (`meta.model`): DRF's
 * `ModelSerializer`. Columns map to fields by type (lengths, nullability, defaults, precision,
 * enums, arrays, JSON); primary, generated and date columns are read-only; a many-to-one
 * relation is its primary key, checked to exist, and required when its join column is NOT NULL;
 * a many-to-many or one-to-many relation is a list of keys ({@link ManyRelatedField}; one-to-many
 * ones read-only unless `extraKwargs` sets `readOnly: false`), written in the save's transaction;
 * a unique column and every multi-column unique constraint are checked before writing. A
 * relation that cannot be mapped, or a writable nested field without a `create()`/`update()`
 * that writes it, throws `RestflowConfigError` when the fields are built (at boot).
 * Fields declared with `@Field()` override or extend the model's and join `meta.fields`.
 * `create` and `update` save in one transaction; a create that is one INSERT (no to-many lists,
 * no cascades, no subscriber with insert or transaction hooks but the cache invalidation's, no
 * `@AfterInsert()`, a server database) opens none, the statement being atomic by itself.
 *
 * It reads the entity metadata from the `dataSource` of its context (the serializer pipe and the
 * views fill it in).
 *
 * @example
 * ```ts
 * export class ProductSerializer extends ModelSerializer<Product> {
 *   static override meta: ModelSerializerMeta = {
 *     model: Product,
 *     fields: ['id', 'name', 'price', 'inStock', 'category'],
 *   };
 *   @Field({ serializer: () => CategorySummarySerializer, readOnly: true })
 *   categoryDetail!: CategorySummarySerializer;
 * }
 * ```
 * @publicApi
 */
export class ModelSerializer<
  TEntity extends ObjectLiteral = ObjectLiteral,
> extends Serializer<TEntity> {
  /** The model and field selection; every subclass sets its own. */
  static meta: ModelSerializerMeta | undefined;

  /** The entity metadata of `meta.model` in the context's data source. */
  protected get entityMetadata(): EntityMetadata {
    return this.dataSource.getMetadata(this.meta.model);
  }

  protected get meta(): ModelSerializerMeta {
    const meta = (this.constructor as typeof ModelSerializer).meta;
    if (!meta?.model) {
      throw new RestflowConfigError(
        `${this.constructor.name}.meta`,
        `${this.constructor.name} has no \`meta.model\`. Fix: add \`static override meta = { model: MyEntity, fields: [...] }\`.`,
      );
    }
    return meta;
  }

  protected get dataSource(): DataSource {
    const dataSource = this.context.dataSource;
    if (!dataSource) {
      throw new RestflowConfigError(
        `${this.constructor.name}`,
        `${this.constructor.name} is a ModelSerializer and needs a TypeORM DataSource in its context. ` +
          'Fix: use @SerializedBody() or SerializerPipe.of(), or pass `context: { dataSource }`.',
      );
    }
    return dataSource;
  }

  protected override buildFields(): Map<string, SerializerField> {
    const declared = super.buildFields();
    const metadata = this.entityMetadata;
    const names = this.fieldNames(metadata, declared);
    const fields = new Map<string, SerializerField>();
    for (const name of names) {
      let field = declared.get(name);
      if (!field) {
        field = this.modelField(metadata, name);
        // Model fields exist only once a DataSource is known: record their OpenAPI metadata on
        // the class the first time they are built.
        recordApiProperty(this.constructor.prototype as object, name, field, { once: true });
      }
      fields.set(name, field);
    }
    assertNestedWritesImplemented(
      this.constructor as typeof ModelSerializer,
      fields,
      ModelSerializer,
    );
    return fields;
  }

  override async create(data: ValidatedData): Promise<TEntity> {
    const target = this.meta.model;
    const { columns, toMany } = this.splitToMany(data);
    const write = async (manager: EntityManager, options?: SaveOptions) => {
      const entity = manager.create(target, columns);
      const saved = (await manager.save(target, entity, options)) as TEntity;
      await writeToManyRelations(manager, this.entityMetadata, saved, toMany, 'create');
      // Relations of this serializer that the body left out: a new row has none.
      for (const name of this.writePlan().toManyNames) {
        if (!toMany.has(name)) (saved as Record<string, unknown>)[name] = [];
      }
      return saved;
    };
    if (this.insertsInOneStatement(columns, toMany)) {
      // One INSERT is atomic by itself: no transaction (START TRANSACTION and COMMIT) around it.
      return write(this.dataSource.manager, { transaction: false });
    }
    return this.inTransaction((manager) => write(manager));
  }

  /**
   * Whether `create()` writes `columns` in one INSERT that needs no transaction: no caller's
   * transaction to join (`context.manager`), no to-many lists, `inTransaction()` not overridden,
   * and nothing else writes with the INSERT ({@link insertIsOneStatement}).
   */
  private insertsInOneStatement(
    columns: ValidatedData,
    toMany: ReadonlyMap<string, unknown>,
  ): boolean {
    return (
      !this.context.manager &&
      toMany.size === 0 &&
      this.inTransaction === ModelSerializer.prototype.inTransaction &&
      insertIsOneStatement(this.dataSource, this.entityMetadata, columns)
    );
  }

  /**
   * Whether `save()` of this valid serializer, left to itself, creates its row in one INSERT
   * without a transaction: `save()` and `create()` are the library's, there is no instance (a
   * create), and {@link ModelSerializer.create} will not open one. A view may then skip the
   * transaction it opens around `performCreate` (the default one, which only saves).
   *
   * @internal
   */
  savesInOneStatement(): boolean {
    if (
      this.instance !== undefined ||
      this.save !== Serializer.prototype.save ||
      this.create !== ModelSerializer.prototype.create
    ) {
      return false;
    }
    const { columns, toMany } = this.splitToMany(this.validatedData);
    return this.insertsInOneStatement(columns, toMany);
  }

  override async update(instance: TEntity, data: ValidatedData): Promise<TEntity> {
    const target = this.meta.model;
    const metadata = this.entityMetadata;
    const { columns, toMany } = this.splitToMany(data);
    return this.inTransaction(async (manager) => {
      // A new foreign key (`categoryId`) must win over a loaded relation (`category`), which
      // TypeORM would otherwise save instead.
      for (const relation of metadata.relations) {
        const key = relation.joinColumns[0]?.propertyPath;
        if (
          key &&
          key !== relation.propertyName &&
          key in columns &&
          !(relation.propertyName in columns)
        ) {
          delete (instance as Record<string, unknown>)[relation.propertyName];
        }
      }
      // The to-many relations written here are written explicitly below, not by save().
      for (const name of toMany.keys()) delete (instance as Record<string, unknown>)[name];
      manager.merge(target, instance, columns);
      const saved: TEntity = await manager.save(target, instance);
      await writeToManyRelations(manager, metadata, saved, toMany, 'update');
      // The response shows the relations the body left out as they are stored.
      const unloaded = this.writePlan().toManyNames.filter(
        (name) => !toMany.has(name) && (saved as Record<string, unknown>)[name] === undefined,
      );
      await readStoredToMany(manager, metadata, saved, unloaded);
      return saved;
    });
  }

  /**
   * DRF's `UniqueTogetherValidator` for every multi-column unique constraint (`@Unique([...])`,
   * a unique `@Index([...])`) whose columns are all fields of this serializer: after every
   * field passed, another row with the same values is a 400 in `non_field_errors`.
   */
  override async toInternalValue(data: unknown): Promise<ValidatedData> {
    const attrs = await super.toInternalValue(data);
    const metadata = this.entityMetadata;
    const sets = this.writePlan().uniqueSets;
    if (sets.length > 0) {
      await validateUniqueTogether({
        metadata,
        sets,
        attrs,
        instance: this.instance,
        dataSource: this.dataSource,
        nonFieldErrorsKey: this.nonFieldErrorsKey,
      });
    }
    return attrs;
  }

  /**
   * What create and update read from the fields besides validating: the writable to-many fields
   * (by name) and the multi-column unique constraints the fields cover. Worked out once per class
   * and data source, as the fields are (per instance when `cacheFields` is off).
   */
  private writePlan(): WritePlan {
    if (this.ownWritePlan) return this.ownWritePlan;
    const build = (): WritePlan => {
      const toManyNames: string[] = [];
      for (const [name, field] of this.fields) {
        if (field instanceof ManyRelatedField && field.source === name) toManyNames.push(name);
      }
      return { toManyNames, uniqueSets: uniqueTogetherSets(this.entityMetadata, this.fields) };
    };
    this.ownWritePlan = (this.constructor as typeof ModelSerializer).cacheFields
      ? WRITE_PLANS.get(this.constructor, this.dataSource, build)
      : build();
    return this.ownWritePlan;
  }

  private ownWritePlan: WritePlan | undefined;

  /** The validated data without its to-many relations, and those relations by property. */
  private splitToMany(data: ValidatedData): {
    columns: ValidatedData;
    toMany: Map<string, ObjectLiteral[]>;
  } {
    const columns: ValidatedData = { ...data };
    const toMany = new Map<string, ObjectLiteral[]>();
    for (const name of this.writePlan().toManyNames) {
      if (name in columns) {
        toMany.set(name, columns[name] as ObjectLiteral[]);
        delete columns[name];
      }
    }
    return { columns, toMany };
  }

  /** Runs `work` in the context's transaction when there is one, else in a new one. */
  protected inTransaction<TResult>(
    work: (manager: EntityManager) => Promise<TResult>,
  ): Promise<TResult> {
    const manager = this.context.manager;
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  private fieldNames(metadata: EntityMetadata, declared: Map<string, SerializerField>): string[] {
    const { fields = '__all__', exclude = [] } = this.meta;
    const base =
      fields === '__all__'
        ? [
            ...metadata.columns
              .filter((column) => !column.relationMetadata && !column.embeddedMetadata)
              .map((column) => column.propertyPath),
            ...metadata.relations
              // DRF's `__all__`: forward relations, many-to-many included; reverse ones are
              // listed by name.
              .filter(
                (relation) =>
                  relation.isManyToOne || relation.isOneToOneOwner || relation.isManyToManyOwner,
              )
              .map((relation) => relation.propertyName),
          ]
        : [...fields];
    for (const name of exclude) {
      if (!base.includes(name)) {
        throw new RestflowConfigError(
          `${this.constructor.name}.meta.exclude`,
          `Cannot exclude \`${name}\`: ${metadata.name} has no such field. Fix: remove it from \`meta.exclude\`.`,
        );
      }
    }
    const names = base.filter((name) => !exclude.includes(name));
    // Fields declared with @Field() join the list, as drf-restflow appends annotated names.
    for (const name of declared.keys()) {
      if (!names.includes(name)) names.push(name);
    }
    return names;
  }

  private modelField(metadata: EntityMetadata, name: string): SerializerField {
    const where = `${this.constructor.name}.${name}`;
    const readOnly = this.meta.readOnlyFields?.includes(name) ?? false;
    const extra = this.meta.extraKwargs?.[name] ?? {};
    const relation = metadata.relations.find((candidate) => candidate.propertyName === name);
    if (relation) {
      return this.relationField(relation, { readOnly, extra, where, returns: 'entity' });
    }
    const column = metadata.columns.find((candidate) => candidate.propertyPath === name);
    if (!column) {
      throw new RestflowConfigError(
        where,
        `Field name \`${name}\` is not valid for model \`${metadata.name}\`. Fix: declare it with @Field() or remove it from \`meta.fields\`.`,
      );
    }
    if (column.relationMetadata) {
      return this.relationField(column.relationMetadata, {
        readOnly,
        extra,
        where,
        returns: 'key',
      });
    }
    const [designType, declaration] = describeColumn(column, where);
    const field = resolveField(
      designType,
      { ...declaration, ...columnFlags(column, readOnly), ...extra },
      where,
    );
    if (column.type === 'simple-array' && field instanceof ListField) {
      // A declared child (`extraKwargs: { tags: { child: new CharField({ maxLength: 30 }) } }`)
      // keeps the column's rule: TypeORM joins the items with commas.
      const { validators } = field.child as { validators: unknown[] };
      if (!validators.includes(rejectComma)) validators.push(rejectComma);
    }
    if (isUnique(metadata, column) && !field.readOnly) {
      // The check needs this serializer's instance: prepareField() adds it to each copy.
      (field as UniqueField)[UNIQUE_COLUMN] = column;
    }
    return field;
  }

  private relationField(
    relation: RelationMetadata,
    options: {
      readOnly: boolean;
      extra: FieldDeclaration;
      where: string;
      returns: 'entity' | 'key';
    },
  ): SerializerField {
    const related = relation.inverseEntityMetadata;
    const [primary] = related.primaryColumns;
    if (!primary || related.primaryColumns.length > 1) {
      throw new RestflowConfigError(
        options.where,
        `Cannot build a field for the relation ${options.where}: ${related.name} has a ` +
          `${primary ? 'composite' : 'missing'} primary key, and a related field is written as one key. ` +
          'Fix: declare the field with @Field() (a nested serializer or a method field).',
      );
    }
    const [pkType, pkDeclaration] = describeColumn(primary, options.where);
    const pk = resolveField(pkType, pkDeclaration, options.where);
    if (relation.isManyToMany || relation.isOneToMany) {
      return this.toManyField(relation, pk, options);
    }
    const joinColumn = relation.joinColumns[0];
    if (!joinColumn || relation.joinColumns.length > 1) {
      throw new RestflowConfigError(
        options.where,
        `Cannot build a field for the relation ${options.where}: it is the inverse side of a ` +
          'one-to-one relation, which has no key on this table. Fix: list the owning side ' +
          'instead, or declare the field with @Field() (for example `readOnly: true` and a nested serializer).',
      );
    }
    // The join column decides, as for any column: an explicit `@Column() categoryId` is NOT NULL
    // even when the relation keeps TypeORM's default `nullable: true`.
    const nullable = joinColumn.isNullable;
    const optional = nullable || joinColumn.default !== undefined;
    return new PrimaryKeyRelatedField({
      target: () => this.dataSource.getMetadata(related.target),
      pk,
      returns: options.returns,
      keySource:
        options.returns === 'entity' && joinColumn.propertyPath !== relation.propertyName
          ? joinColumn.propertyPath
          : undefined,
      readOnly: options.readOnly || undefined,
      allowNull: nullable || undefined,
      required: options.readOnly ? undefined : optional ? false : undefined,
      ...options.extra,
    });
  }

  /**
   * A many-to-many or one-to-many relation as a list of keys. A one-to-many relation (a reverse
   * relation, in DRF's words) is read-only unless `extraKwargs` sets `readOnly: false`; writing
   * it moves the listed children here and unlinks the others, so the children's foreign key
   * must be nullable.
   */
  private toManyField(
    relation: RelationMetadata,
    pk: SerializerField,
    options: { readOnly: boolean; extra: FieldDeclaration; where: string },
  ): SerializerField {
    const related = relation.inverseEntityMetadata;
    const { readOnly: declaredReadOnly, ...extra } = options.extra;
    let readOnly = options.readOnly || declaredReadOnly === true;
    if (relation.isOneToMany) {
      readOnly = options.readOnly || declaredReadOnly !== false;
      const inverse = relation.inverseRelation;
      const foreignKey = inverse?.joinColumns[0];
      if (!readOnly && (!foreignKey || inverse.joinColumns.length > 1)) {
        throw new RestflowConfigError(
          options.where,
          `Cannot write the one-to-many relation ${options.where}: ${related.name} has no single-column key to it. Fix: keep it read-only.`,
        );
      }
      if (!readOnly && foreignKey && !foreignKey.isNullable) {
        throw new RestflowConfigError(
          options.where,
          `Cannot write the one-to-many relation ${options.where}: a ${related.name} left out of ` +
            `the list would lose its ${inverse.propertyName}, and ${related.name}.${inverse.propertyName} is NOT NULL (column ${foreignKey.databaseName}). ` +
            `Fix: keep ${options.where} read-only (drop \`readOnly: false\`) and write ${related.name}.${inverse.propertyName} ` +
            'through its own endpoint, or make that relation nullable.',
        );
      }
    }
    if (this.entityMetadata.primaryColumns.length !== 1) {
      throw new RestflowConfigError(
        options.where,
        `Cannot build a field for the relation ${options.where}: ${this.entityMetadata.name} has a composite primary key. Fix: declare the field with @Field().`,
      );
    }
    for (const option of Object.keys(extra)) {
      if (!KEY_LIST_OPTIONS.has(option)) {
        throw new RestflowConfigError(
          options.where,
          `\`${option}\` does not apply to ${options.where}, which is a list of ${related.name} keys (ManyRelatedField). ` +
            `Fix: remove it; the options that apply are ${[...KEY_LIST_OPTIONS].join(', ')}.`,
        );
      }
    }
    return this.manyRelatedField({
      target: () => this.dataSource.getMetadata(related.target),
      pk,
      readOnly: readOnly || undefined,
      // As in DRF for a relation without `blank=False`: absent means "leave as is" (nothing on
      // create), and `[]` clears.
      required: readOnly ? undefined : false,
      ...(extra as ManyRelatedFieldDeclaration),
    });
  }

  /**
   * The field of a to-many relation listed in `meta.fields`: a list of keys here, a list of
   * hyperlinks in `HyperlinkedModelSerializer` (DRF's `serializer_related_field`).
   */
  protected manyRelatedField(options: ManyRelatedFieldOptions): ManyRelatedField {
    return new ManyRelatedField(options);
  }

  protected override fieldCacheScope(): object {
    return this.dataSource;
  }

  protected override prepareField(field: SerializerField): SerializerField {
    const column = (field as UniqueField)[UNIQUE_COLUMN];
    if (column) {
      // A fresh list: the copy shares its validators with the cached field.
      (field as { validators: unknown[] }).validators = [
        ...field.validators,
        this.uniqueValidator(this.entityMetadata, column),
      ];
    }
    return field;
  }

  /**
   * DRF's `UniqueValidator`: another row with this value is a 400 on this field. A database
   * validator: it runs only once the value passed the field's own checks (no NUL, in range).
   */
  private uniqueValidator(metadata: EntityMetadata, column: ColumnMetadata) {
    return databaseValidator(async (value: unknown): Promise<void> => {
      if (value === null || value === undefined) return;
      const where: Record<string, unknown> = { [column.propertyPath]: value };
      const instance = this.instance as Record<string, unknown> | undefined;
      for (const primary of metadata.primaryColumns) {
        const key = instance?.[primary.propertyPath];
        if (key !== undefined) where[primary.propertyPath] = Not(key);
      }
      const taken = await this.dataSource.getRepository(metadata.target).exists({ where });
      if (taken) {
        throw new FieldValidationError(
          `${verboseName(metadata.name)} with this ${verboseName(column.propertyPath)} already exists.`,
        );
      }
    });
  }
}

/** What create and update read from a serializer's fields (see `writePlan()`). */
interface WritePlan {
  readonly toManyNames: readonly string[];
  readonly uniqueSets: readonly UniqueTogetherSet[];
}

/** Write plans per serializer class, then per data source. */
const WRITE_PLANS = new KeyedCache<object, DataSource, WritePlan>();

/** The `extraKwargs` options a key-list field takes. */
const KEY_LIST_OPTIONS = new Set([
  'required',
  'allowNull',
  'allowEmpty',
  'default',
  'readOnly',
  'writeOnly',
  'label',
  'helpText',
  'validators',
  'errorMessages',
]);

/** What `extraKwargs` may set on a key-list field. */
type ManyRelatedFieldDeclaration = Omit<ManyRelatedFieldOptions, 'target' | 'pk'>;

/** Marks a field built from a unique column. */
const UNIQUE_COLUMN = Symbol('restflow:unique-column');
type UniqueField = SerializerField & { [UNIQUE_COLUMN]?: ColumnMetadata };

function rejectComma(value: string): void {
  if (value.includes(',')) {
    throw new FieldValidationError('This value may not contain a comma.');
  }
}

/** Required, nullable and read-only flags of a column. */
function columnFlags(column: ColumnMetadata, readOnly: boolean): FieldDeclaration {
  const generated =
    column.isGenerated || column.isCreateDate || column.isUpdateDate || column.isVersion;
  if (readOnly || generated) {
    return { readOnly: true };
  }
  const flags: FieldDeclaration = {};
  if (column.isNullable) {
    flags.allowNull = true;
    flags.required = false;
  }
  if (column.default !== undefined) {
    flags.required = false;
  }
  return flags;
}

function isUnique(metadata: EntityMetadata, column: ColumnMetadata): boolean {
  const single = (columns: ColumnMetadata[]) => columns.length === 1 && columns[0] === column;
  return (
    metadata.uniques.some((unique) => single(unique.columns)) ||
    metadata.indices.some((index) => index.isUnique && single(index.columns))
  );
}

/** The design type and declaration that describe a column's values. */
function describeColumn(column: ColumnMetadata, where: string): [unknown, FieldDeclaration] {
  const type =
    typeof column.type === 'function'
      ? column.type.name.toLowerCase()
      : String(column.type).toLowerCase();
  const range = declaredIntegerRange(type, column.unsigned);
  if (range) {
    return [Number, { type: 'integer', min: range[0], max: range[1] }];
  }
  if (column.enum && column.enum.length > 0) {
    return [String, { choices: column.enum }];
  }
  switch (type) {
    case 'number':
    case 'float':
    case 'float4':
    case 'float8':
    case 'double':
    case 'double precision':
    case 'real':
      return [Number, { type: 'float' }];
    case 'decimal':
    case 'numeric':
    case 'dec':
      return [
        String,
        {
          type: 'decimal',
          // The column's precision; none (PostgreSQL's bare `numeric`) is no limit.
          maxDigits: column.precision ?? null,
          decimalPlaces: column.scale ?? 0,
        },
      ];
    case 'string':
    case 'varchar':
    case 'character varying':
    case 'nvarchar':
    case 'char':
    case 'character':
    case 'nchar':
      return [
        String,
        {
          type: 'string',
          maxLength: column.length ? Number(column.length) : undefined,
          allowBlank: column.default === '' || undefined,
        },
      ];
    case 'text':
    case 'tinytext':
    case 'mediumtext':
    case 'longtext':
    case 'citext':
      return [String, { type: 'string', allowBlank: column.default === '' || undefined }];
    case 'boolean':
    case 'bool':
      return [Boolean, { type: 'boolean' }];
    case 'date':
      return typeof column.type === 'function'
        ? [Date, { type: 'datetime' }]
        : [String, { type: 'date' }];
    case 'datetime':
    case 'datetime2':
    case 'timestamp':
    case 'timestamptz':
    case 'timestamp with time zone':
    case 'timestamp without time zone':
      return [Date, { type: 'datetime' }];
    case 'time':
    case 'time with time zone':
    case 'time without time zone':
      return [String, { type: 'time' }];
    case 'interval':
      return [Number, { type: 'duration' }];
    case 'uuid':
      return [String, { type: 'uuid' }];
    case 'simple-array':
      // TypeORM joins a simple-array with commas: an item with a comma would come back split.
      return [Array, { child: new CharField({ validators: [rejectComma] }) }];
    case 'json':
    case 'jsonb':
    case 'simple-json':
      return [Object, { type: 'json' }];
    default:
      throw new RestflowConfigError(
        where,
        `Cannot map the column ${where} of type "${type}" to a serializer field. Fix: declare the field with @Field().`,
      );
  }
}
