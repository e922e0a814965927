/** nestjs-paginate: `paginate()` over the products repository (it lists; it has no detail or create). */
import { Controller, Get, Module } from '@nestjs/common';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import {
  FilterOperator,
  Paginate,
  paginate,
  type PaginateQuery,
  type Paginated,
} from 'nestjs-paginate';
import type { Repository } from 'typeorm';
import { typeOrmOptions } from './database';
import { Product } from './entities';

@Controller('paginate/products')
export class PaginateProductsController {
  constructor(@InjectRepository(Product) private readonly products: Repository<Product>) {}

  @Get()
  list(@Paginate() query: PaginateQuery): Promise<Paginated<Product>> {
    return paginate(query, this.products, {
      sortableColumns: ['price', 'id'],
      defaultSortBy: [
        ['price', 'ASC'],
        ['id', 'ASC'],
      ],
      relations: ['category'],
      filterableColumns: {
        categoryId: [FilterOperator.EQ],
        price: [FilterOperator.GTE, FilterOperator.LTE],
        name: [FilterOperator.ILIKE],
      },
      defaultLimit: 20,
      maxLimit: 100,
    });
  }
}

@Module({
  imports: [TypeOrmModule.forRoot(typeOrmOptions()), TypeOrmModule.forFeature([Product])],
  controllers: [PaginateProductsController],
})
export class PaginateBenchModule {}
