import { Filter, FilterSet, type FilterByCondition, type FilterSetMeta } from 'nestjs-restflow';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Product } from './product.entity';

/**
 * Products carrying any of the tags, by name (case-insensitive: tag names are lower case): an
 * `EXISTS` over the `product_tags` link table, so a product with several matching tags is listed
 * once, and `tags!=sale` (NOT EXISTS) keeps the products without that tag.
 */
function withAnyTag(tags: string[], query: SelectQueryBuilder<ObjectLiteral>): FilterByCondition {
  if (tags.length === 0) return { sql: '1 = 0' };
  const names = [...new Set(tags.map((tag) => tag.toLowerCase()))];
  const id = (name: string) => query.escape(name);
  const sql =
    `EXISTS (SELECT 1 FROM ${id('product_tags')} ${id('rf_pt')} ` +
    `INNER JOIN ${id('tags')} ${id('rf_tag')} ON ${id('rf_tag')}.${id('id')} = ${id('rf_pt')}.${id('tagId')} ` +
    `WHERE ${id('rf_pt')}.${id('productId')} = ${id(query.alias)}.${id('id')} ` +
    `AND ${id('rf_tag')}.${id('name')} IN (:...product_tag_names))`;
  return { sql, parameters: { product_tag_names: names } };
}

/**
 * The filters of `GET /api/products`:
 *
 * - `name__icontains=desk`; `price`, `price__gte=10`, `price__lt=50`, `price__range=10,50`;
 * - `inStock=true`; `tags=sale,gift` (any of them, by tag name);
 * - `createdAt__date=2026-03-01`, `createdAt__year=2026`, `createdAt__month__in=1,2`,
 *   `createdAt__gte=2026-06-01T00:00:00Z`;
 * - `category=books` (the category's slug, through the relation), `categoryId__in=1,2`
 *   (generated from the model);
 * - every one negated with `!` (`inStock!=true`, `tags!=sale`);
 * - `order_by=-price,name` (also `createdAt`, `newest`), the id breaking ties.
 */
export class ProductFilterSet extends FilterSet {
  static override meta: FilterSetMeta = {
    model: Product,
    fields: ['categoryId'],
    extraKwargs: { categoryId: { lookups: ['in'] } },
    orderFields: [
      ['price', 'price'],
      ['name', 'name'],
      ['createdAt', 'createdAt'],
      ['newest', '-createdAt'],
    ],
  };

  @Filter({ lookups: ['icontains'] }) name!: string;
  @Filter({ type: 'decimal', lookups: ['comparison', 'range'], min: 0 }) price!: number;
  @Filter() inStock!: boolean;
  @Filter({ child: 'string', filterBy: withAnyTag }) tags!: string[];
  @Filter({ lookups: ['date', 'year', 'month__in', 'comparison'] }) createdAt!: Date;
  @Filter({ dbField: 'category.slug' }) category!: string;
}
