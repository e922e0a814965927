import { ModelSerializer, type ModelSerializerMeta } from 'nestjs-restflow';
import { Book } from './book.entity.js';

/** Books in and out: `id` is read-only, `title` bounded by its column. */
export class BookSerializer extends ModelSerializer<Book> {
  static override meta: ModelSerializerMeta = { model: Book, fields: ['id', 'title', 'pages'] };
}
