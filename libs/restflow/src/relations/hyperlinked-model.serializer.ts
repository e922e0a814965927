import type { ObjectLiteral } from 'typeorm';
import type { SerializerField } from '../serializers/fields/field';
import { ModelSerializer, type ModelSerializerMeta } from '../serializers/model-serializer';
import { ManyRelatedField, type ManyRelatedFieldOptions } from '../serializers/many-related.field';
import { PrimaryKeyRelatedField } from '../serializers/primary-key-related.field';
import { HyperlinkedManyRelatedField } from './hyperlinked-many-related.field';
import { HyperlinkedRelatedField } from './hyperlinked-related.field';

/** The name of the field holding a row's own URL (DRF's `URL_FIELD_NAME`). */
const URL_FIELD = 'url';

/**
 * A `ModelSerializer` whose relations are hyperlinks: DRF's `HyperlinkedModelSerializer`.
 * `url` (listed in `meta.fields`, or with `'__all__'`) is the absolute URL of the row's own
 * detail route, every to-one relation is a {@link HyperlinkedRelatedField} instead of a key,
 * and every to-many relation a list of them ({@link HyperlinkedManyRelatedField}) instead of
 * a key list. Routes are the `retrieve` routes of the app's views over each entity, found at boot; the
 * origin is the request's checked origin. The create action answers with a `Location` header
 * equal to `url`.
 *
 * @example
 * ```ts
 * export class CategoryLinkSerializer extends HyperlinkedModelSerializer<Category> {
 *   static override meta: ModelSerializerMeta = { model: Category, fields: ['url', 'id', 'name'] };
 * }
 * // { "url": "http://api.example.com/api/categories/3", "id": 3, "name": "Desks" }
 * ```
 * @publicApi
 */
export class HyperlinkedModelSerializer<
  TEntity extends ObjectLiteral = ObjectLiteral,
> extends ModelSerializer<TEntity> {
  /** `meta` without `url`, which is not a column: the model fields are built from the rest. */
  protected override get meta(): ModelSerializerMeta {
    const meta = super.meta;
    if (!Array.isArray(meta.fields) || !meta.fields.includes(URL_FIELD)) return meta;
    return { ...meta, fields: meta.fields.filter((name) => name !== URL_FIELD) };
  }

  /** A to-many relation is a list of hyperlinks. */
  protected override manyRelatedField(options: ManyRelatedFieldOptions): ManyRelatedField {
    return new HyperlinkedManyRelatedField(options);
  }

  protected override buildFields(): Map<string, SerializerField> {
    const built = super.buildFields();
    const declared = (this.constructor as typeof ModelSerializer).meta?.fields ?? '__all__';
    const metadata = this.entityMetadata;
    const fields = new Map<string, SerializerField>();
    const model = super.meta.model;
    const urlField = (): SerializerField =>
      new HyperlinkedRelatedField({ target: () => model, source: '*', readOnly: true });
    if (declared === '__all__' && !built.has(URL_FIELD)) fields.set(URL_FIELD, urlField());
    const order = declared === '__all__' ? [...built.keys()] : [...declared];
    for (const name of [...order, ...built.keys()]) {
      if (fields.has(name)) continue;
      if (name === URL_FIELD && !built.has(URL_FIELD)) {
        fields.set(URL_FIELD, urlField());
        continue;
      }
      const field = built.get(name);
      if (!field) continue;
      const relation = metadata.findRelationWithPropertyPath(name);
      if (
        relation &&
        field instanceof PrimaryKeyRelatedField &&
        !relation.isManyToMany &&
        !relation.isOneToMany
      ) {
        fields.set(
          name,
          new HyperlinkedRelatedField({
            target: () => relation.inverseEntityMetadata.target as new () => ObjectLiteral,
            readOnly: field.readOnly || undefined,
            required: field.readOnly ? undefined : field.required,
            allowNull: field.allowNull || undefined,
          }),
        );
        continue;
      }
      fields.set(name, field);
    }
    return fields;
  }
}
