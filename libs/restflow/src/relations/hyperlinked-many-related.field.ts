import type { ObjectLiteral } from 'typeorm';
import type { FieldOpenApiSchema } from '../serializers/fields/field';
import { ManyRelatedField, type ManyRelatedFieldOptions } from '../serializers/many-related.field';
import { HyperlinkedRelatedField } from './hyperlinked-related.field';

/**
 * Options of {@link HyperlinkedManyRelatedField}: those of a key list, and the view whose detail
 * route the links name when several views serve the related entity.
 *
 * @example
 * ```ts
 * const options: HyperlinkedManyRelatedFieldOptions = {
 *   target: () => dataSource.getMetadata(Tag),
 *   pk: new IntegerField(),
 * };
 * ```
 * @publicApi
 */
export interface HyperlinkedManyRelatedFieldOptions extends ManyRelatedFieldOptions {
  view?: Function; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
}

/**
 * A to-many relation read and written as a list of the related rows' absolute detail URLs: DRF's
 * `HyperlinkedRelatedField(many=True)`. `HyperlinkedModelSerializer` builds one for every
 * many-to-many or one-to-many relation it lists (as {@link ManyRelatedField} for keys). Each URL
 * is checked as {@link HyperlinkedRelatedField} checks one, with DRF's messages ("Invalid
 * hyperlink - No URL match.", "Invalid hyperlink - Incorrect URL match.", "Incorrect type.
 * Expected URL string, received int."); then the rows of all of them are read in one query, and
 * a URL whose row is missing is "Invalid hyperlink - Object does not exist.". Written on create,
 * replaced on PUT and PATCH, in the write's transaction.
 *
 * @example
 * ```ts
 * export class PostLinkSerializer extends HyperlinkedModelSerializer<Post> {
 *   static override meta: ModelSerializerMeta = { model: Post, fields: ['url', 'title', 'tags'] };
 * }
 * // { "url": "http://api.example.com/posts/1", "title": "Hi",
 * //   "tags": ["http://api.example.com/tags/2", "http://api.example.com/tags/5"] }
 * ```
 * @publicApi
 */
export class HyperlinkedManyRelatedField extends ManyRelatedField {
  private readonly link: HyperlinkedRelatedField;

  constructor(options: HyperlinkedManyRelatedFieldOptions) {
    const { view, ...keyListOptions } = options;
    super(keyListOptions);
    const { target } = options;
    this.link = new HyperlinkedRelatedField({
      target: () => target().target as new () => ObjectLiteral,
      view,
    });
  }

  /** Resolves the detail route the links name (see `HyperlinkedRelatedField.checkRoute`). @internal */
  checkRoute(): void {
    this.boundLink().checkRoute();
  }

  protected override itemKey(item: unknown): Promise<unknown> {
    return Promise.resolve(this.boundLink().lookupOf(item));
  }

  protected override missingMessage(): string {
    return this.boundLink().doesNotExistMessage;
  }

  protected override lookupProperty(): string {
    return this.boundLink().lookupField;
  }

  protected override representItem(item: unknown): unknown {
    return this.boundLink().toRepresentation(item);
  }

  protected override itemSchema(): FieldOpenApiSchema {
    return { type: 'string', format: 'uri' };
  }

  /** The link field, bound to this field's serializer (its context: the request, the DataSource). */
  private boundLink(): HyperlinkedRelatedField {
    return this.link.clone().bind(this.fieldName ?? '', this.parent);
  }
}
