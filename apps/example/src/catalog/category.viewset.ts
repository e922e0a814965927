import { ModelViewSet, PageNumberPagination, ViewSet } from 'nestjs-restflow';
import { StaffOrReadOnly } from './catalog.permissions';
import { CATEGORY_LIST_CACHE } from './catalog.cache';
import { Category } from './category.entity';
import { CategorySerializer } from './category.serializers';

/**
 * Categories, at `/api/categories` and `/api/categories/:id`: list (paginated by page number,
 * `?page=2&page_size=50`, sizes from `RestflowModule.forRoot()`), create, retrieve, update,
 * partial update and delete, all through {@link CategorySerializer}. Deleting a category that
 * still has products is a 409 `conflict`. Anyone reads; staff users write.
 */
@ViewSet('api/categories')
export class CategoryViewSet extends ModelViewSet<Category> {
  override queryset = Category;
  override serializerClass = CategorySerializer;
  override paginationClass = PageNumberPagination;
  override permissionClasses = [StaffOrReadOnly];
  /** The list is cached (see {@link CATEGORY_LIST_CACHE}). */
  override actionConfigs = { list: { cacheResponse: CATEGORY_LIST_CACHE } };
}
