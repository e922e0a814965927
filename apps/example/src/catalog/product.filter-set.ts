import { Filter, FilterSet, type FilterByCondition, type FilterSetMeta } from 'nestjs-restflow';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Product } from './product.entity';

/**
 * Products carrying any of the tags. `tags` is a `simple-array` column (`'new,sale'`), so a tag
 * matches when `,<tag>,` occurs in `,<tags>,` (case-insensitive, `%` and `_` taken literally).
 */
function withAnyTag(tags: string[], query: SelectQueryBuilder<ObjectLiteral>): FilterByCondition {
  if (tags.length === 0) return { sql: '1 = 0' };
  const column = `${query.escape(query.alias)}.${query.escape('tags')}`;
  const parameters: Record<string, string> = {};
  const conditions = tags.map((tag, index) => {
    parameters[`product_tag_${index}`] = `%,${tag.toLowerCase().replace(/[!%_]/g, '!$&')},%`;
    return `LOWER(CONCAT(',', ${column}, ',')) LIKE :product_tag_${index} ESCAPE '!'`;
  });
  return { sql: anyOf(conditions), parameters };
}

/**
 * `a OR b OR ...` as a balanced tree of parentheses: SQLite refuses expressions more than 1000
 * deep, and a flat chain of the 1000 tags a request may send is that deep.
 */
function anyOf(conditions: readonly string[]): string {
  if (conditions.length === 1) return conditions[0]!;
  const middle = Math.ceil(conditions.length / 2);
  return `(${anyOf(conditions.slice(0, middle))} OR ${anyOf(conditions.slice(middle))})`;
}

/**
 * The filters of `GET /api/products`:
 *
 * - `name__icontains=desk`; `price`, `price__gte=10`, `price__lt=50`, `price__range=10,50`;
 * - `inStock=true`; `tags=sale,gift` (any of them);
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
