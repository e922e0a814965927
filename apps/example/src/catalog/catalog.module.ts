import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiRoot } from 'nestjs-restflow';
import { Category } from './category.entity';
import { CategoryViewSet } from './category.viewset';
import { EventsView } from './events.controller';
import { Product } from './product.entity';
import { ProductChanges } from './product-changes';
import { ProductViewSet } from './product.viewset';
import { MyReviewsService } from './my-reviews.service';
import { Review } from './review.entity';
import { ReviewViewSet } from './review.viewset';
import { Tag } from './tag.entity';
import { TagViewSet } from './tag.viewset';

/**
 * The catalog: categories, products, their reviews and tags, one viewset each, the API root at
 * `/api` that links to them, and `/api/events` announcing product changes.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Category, Product, Review, Tag])],
  controllers: [
    ApiRoot('api'),
    CategoryViewSet,
    ProductViewSet,
    ReviewViewSet,
    TagViewSet,
    EventsView,
  ],
  // The product changes that ProductViewSet publishes and GET /api/events streams.
  // "My reviews", cached per user (MyReviewsService).
  providers: [ProductChanges, MyReviewsService],
  exports: [TypeOrmModule, ProductChanges, MyReviewsService],
})
export class CatalogModule {}
