import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { NotFound } from 'nestjs-restflow';
import type { Repository } from 'typeorm';
import { Category } from './category.entity';

// The largest value of a 32-bit INTEGER column: a bigger id cannot exist, and PostgreSQL would
// reject the comparison with an out-of-range error (a 500) instead of finding nothing.
const MAX_ID = 2_147_483_647;

/** Read-only categories: `GET /api/categories` and `GET /api/categories/:id`. */
@Controller('api/categories')
export class CategoriesController {
  constructor(@InjectRepository(Category) private readonly categories: Repository<Category>) {}

  /** All categories, by id. */
  @Get()
  list(): Promise<Category[]> {
    return this.categories.find({ order: { id: 'ASC' } });
  }

  /** One category; 404 `not_found` when there is none with this id. */
  @Get(':id')
  async retrieve(@Param('id', ParseIntPipe) id: number): Promise<Category> {
    const category = id >= 1 && id <= MAX_ID ? await this.categories.findOneBy({ id }) : null;
    if (!category) {
      throw new NotFound('No category with this id.');
    }
    return category;
  }
}
