import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiRoot } from 'nestjs-restflow';
import { Category } from './category.entity';
import { CategoryViewSet } from './category.viewset';
import { Product } from './product.entity';
import { ProductViewSet } from './product.viewset';
import { Review } from './review.entity';
import { ReviewViewSet } from './review.viewset';

/**
 * The catalog: categories, products and their reviews, one viewset each, and the API root at
 * `/api` that links to them.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Category, Product, Review])],
  controllers: [ApiRoot('api'), CategoryViewSet, ProductViewSet, ReviewViewSet],
  exports: [TypeOrmModule],
})
export class CatalogModule {}
