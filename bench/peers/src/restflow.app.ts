/**
 * nestjs-restflow, from its packed tarball: a `ModelViewSet` with a `ModelSerializer` (the
 * category nested), a `FilterSet` and `PageNumberPagination` (20 a page); plus the paging-scale
 * viewsets over the 1,000-row and 1,000,000-row tables, one per paginator.
 */
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  CursorPagination,
  FastPageNumberPagination,
  Field,
  Filter,
  FilterSet,
  FilterSetBackend,
  ModelSerializer,
  ModelViewSet,
  PageNumberPagination,
  ReadOnlyModelViewSet,
  RestflowModule,
  ViewSet,
  type FilterSetMeta,
  type ModelSerializerMeta,
  type Paginator,
  type RestflowRequest,
} from 'nestjs-restflow';
import type { SelectQueryBuilder } from 'typeorm';
import { typeOrmOptions } from './database';
import { Category, PagingLarge, PagingSmall, Product } from './entities';

export class CategorySerializer extends ModelSerializer<Category> {
  static override meta: ModelSerializerMeta = {
    model: Category,
    fields: ['id', 'name'],
    readOnlyFields: ['id', 'name'],
  };
}

export class ProductSerializer extends ModelSerializer<Product> {
  static override meta: ModelSerializerMeta = {
    model: Product,
    fields: ['id', 'name', 'price', 'inStock', 'categoryId', 'category'],
  };

  @Field({ serializer: () => CategorySerializer, readOnly: true })
  category!: CategorySerializer;
}

export class ProductFilterSet extends FilterSet {
  static override meta: FilterSetMeta = {
    model: Product,
    fields: ['categoryId'],
    orderFields: [
      ['price', 'price'],
      ['id', 'id'],
    ],
    defaultOrderFields: ['price', 'id'],
  };

  @Filter({ lookups: ['icontains'] }) name!: string;
  @Filter({ type: 'decimal', lookups: ['gte', 'lte'] }) price!: number;
}

export class ProductPagination extends PageNumberPagination {
  override pageSize = 20;
}

@ViewSet('restflow/products')
export class ProductViewSet extends ModelViewSet<Product> {
  override queryset = Product;
  override serializerClass = ProductSerializer;
  override filterBackends = [new FilterSetBackend()];
  filterSetClass = ProductFilterSet;
  override paginationClass = ProductPagination;
}

class PagingSmallSerializer extends ModelSerializer<PagingSmall> {
  static override meta: ModelSerializerMeta = {
    model: PagingSmall,
    fields: ['id', 'score', 'name'],
  };
}

class PagingLargeSerializer extends ModelSerializer<PagingLarge> {
  static override meta: ModelSerializerMeta = {
    model: PagingLarge,
    fields: ['id', 'score', 'name'],
  };
}

class FastPaging extends FastPageNumberPagination {
  override pageSize = 20;
}

class NumberedPaging extends PageNumberPagination {
  override pageSize = 20;
}

class CursorPaging extends CursorPagination {
  override pageSize = 20;
  override ordering = 'score';
}

/** The paginators the paging-scale case compares, by the route segment naming them. */
export const PAGING_KINDS = { fast: FastPaging, cursor: CursorPaging, numbered: NumberedPaging };
/** The paging tables, by the route segment naming them. */
export const PAGING_TABLES = {
  small: [PagingSmall, PagingSmallSerializer],
  large: [PagingLarge, PagingLargeSerializer],
} as const;

/** One read-only viewset over a paging table with one paginator, ordered by id for the offset ones. */
function pagingViewSet(table: keyof typeof PAGING_TABLES, kind: keyof typeof PAGING_KINDS) {
  const [entity, serializer] = PAGING_TABLES[table];
  class PagingViewSet extends ReadOnlyModelViewSet<PagingSmall> {
    override queryset = entity;
    override serializerClass = serializer;
    override paginationClass: new () => Paginator = PAGING_KINDS[kind];

    override getQueryset(request: RestflowRequest): SelectQueryBuilder<PagingSmall> {
      const query = super.getQueryset(request);
      return kind === 'cursor' ? query : query.orderBy(`${query.alias}.id`, 'ASC');
    }
  }
  Object.defineProperty(PagingViewSet, 'name', { value: `Paging_${table}_${kind}_ViewSet` });
  ViewSet(`restflow/paging/${table}/${kind}`)(PagingViewSet);
  return PagingViewSet;
}

const pagingViewSets = (['small', 'large'] as const).flatMap((table) =>
  (['fast', 'cursor', 'numbered'] as const).map((kind) => pagingViewSet(table, kind)),
);

@Module({
  imports: [
    TypeOrmModule.forRoot(typeOrmOptions()),
    RestflowModule.forRoot({ globalExceptionFilter: true }),
  ],
  controllers: [ProductViewSet, ...pagingViewSets],
})
export class RestflowBenchModule {}
