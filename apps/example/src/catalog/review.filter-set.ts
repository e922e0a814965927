import { Filter, FilterSet, type FilterSetMeta } from 'nestjs-restflow';
import { Review } from './review.entity';

/**
 * The filters of `GET /api/reviews`: `rating=5`, `rating__gte=4`, `rating__range=2,3`;
 * `product=12` and `product__in=1,2` (generated from the model: the product's id); `author=alice`
 * (the author's username, through the relation); each negated with `!`.
 */
export class ReviewFilterSet extends FilterSet {
  static override meta: FilterSetMeta = {
    model: Review,
    fields: ['product'],
    extraKwargs: { product: { lookups: ['in'] } },
  };

  @Filter({ type: 'integer', lookups: ['comparison', 'range'], min: 1, max: 5 }) rating!: number;
  @Filter({ dbField: 'author.username' }) author!: string;
}
