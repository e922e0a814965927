import { ModelSerializer, type ModelSerializerMeta } from 'nestjs-restflow';
import { Tag } from './tag.entity';

/** A tag as the API reads it: `{ id, name }`. Products list their tags by `id`. */
export class TagSerializer extends ModelSerializer<Tag> {
  static override meta: ModelSerializerMeta = { model: Tag, fields: ['id', 'name'] };
}
