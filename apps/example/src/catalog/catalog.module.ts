import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CategoriesController } from './categories.controller';
import { Category } from './category.entity';
import { Product } from './product.entity';
import { ProductsController } from './products.controller';
import { Review } from './review.entity';

/** The catalog: categories, products and their reviews. */
@Module({
  imports: [TypeOrmModule.forFeature([Category, Product, Review])],
  controllers: [CategoriesController, ProductsController],
  exports: [TypeOrmModule],
})
export class CatalogModule {}
