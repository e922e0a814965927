import { InvalidationRule, type CacheResponseOptions } from 'nestjs-restflow';
import { Category } from './category.entity';
import { Product } from './product.entity';

/**
 * `GET /api/products/:id`, cached for everyone (the detail is public data), with the X-Cache-*
 * headers and an ETag (a matching `If-None-Match` is a 304). A write to the product drops its
 * entries; a write to any category drops every product detail (the detail nests the category's
 * name).
 */
export const PRODUCT_DETAIL_CACHE: CacheResponseOptions = {
  ttl: 300,
  public: true,
  statusHeaders: true,
  cacheControl: true,
  invalidatesOn: [
    new InvalidationRule({ entity: Product, fieldMapping: { id: 'id' } }),
    new InvalidationRule({ entity: Category }),
  ],
};

/**
 * `GET /api/categories`, cached for everyone per query string; any category insert, update or
 * removal drops every cached page.
 */
export const CATEGORY_LIST_CACHE: CacheResponseOptions = {
  ttl: 300,
  public: true,
  statusHeaders: true,
  invalidatesOn: [new InvalidationRule({ entity: Category, triggerOnCreate: true })],
};
