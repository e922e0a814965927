import { ReadOnlyModelViewSet, ViewSet } from 'nestjs-restflow';
import { Tag } from './tag.entity';
import { TagSerializer } from './tag.serializers';

/**
 * Tags, at `/api/tags` and `/api/tags/:id`: read only, not paginated (a shop has a handful),
 * ordered by id. Their keys are what a product's `tags` lists (`POST /api/products` with
 * `"tags": [1, 4]`). Anyone reads.
 */
@ViewSet('api/tags')
export class TagViewSet extends ReadOnlyModelViewSet {
  override queryset = (view: TagViewSet) =>
    view.dataSource!.createQueryBuilder(Tag, 'tag').orderBy('tag.id', 'ASC');
  override serializerClass = TagSerializer;
  override paginationClass = null;
}
