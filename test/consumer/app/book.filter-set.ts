import { FilterSet, type FilterSetMeta } from 'nestjs-restflow';
import { Book } from './book.entity.js';

/** `?title=`, `?pages__gte=` and the like. */
export class BookFilterSet extends FilterSet {
  static override meta: FilterSetMeta = {
    model: Book,
    fields: ['title', 'pages'],
    extraKwargs: { pages: { lookups: ['comparison'] } },
  };
}
