import {
  FilterSetBackend,
  ModelViewSet,
  PageNumberPagination,
  ViewSet,
  type FilterSetClass,
} from 'nestjs-restflow';
import { BookFilterSet } from './book.filter-set.js';
import { Book } from './book.entity.js';
import { BookSerializer } from './book.serializer.js';
import { WriterOrReadOnly } from './writer.permission.js';

/** `/books`: the whole ModelViewSet, filtered, paginated, behind a permission. */
@ViewSet('books')
export class BookViewSet extends ModelViewSet {
  override queryset = Book;
  override serializerClass = BookSerializer;
  override filterBackends = [new FilterSetBackend()];
  filterSetClass: FilterSetClass = BookFilterSet;
  override paginationClass = PageNumberPagination;
  override permissionClasses = [WriterOrReadOnly];
}
