import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, Put, Req } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  InjectRestflowOptions,
  NotFound,
  SerializedBody,
  type ResolvedRestflowOptions,
} from 'nestjs-restflow';
import { DataSource, type Repository } from 'typeorm';
import { Category } from './category.entity';
import { CategorySerializer } from './category.serializers';
import { isStorableId } from './entity-id';

/**
 * Categories: `GET /api/categories` and `GET /api/categories/:id` read them; `POST`, `PUT` and
 * `PATCH` write them through {@link CategorySerializer}.
 *
 * Creating takes the validated serializer from `@SerializedBody()`. Updating builds the
 * serializer in the handler, because it must know the instance while it validates (a unique
 * `name` is not a duplicate of the category's own).
 */
// Writes are open to anyone for now: authentication and permissions arrive with a later issue.
@Controller('api/categories')
export class CategoriesController {
  constructor(
    @InjectRepository(Category) private readonly categories: Repository<Category>,
    private readonly dataSource: DataSource,
    @InjectRestflowOptions('exceptions')
    private readonly exceptions: ResolvedRestflowOptions['exceptions'],
  ) {}

  /** All categories, by id. */
  @Get()
  list(): Promise<Category[]> {
    return this.categories.find({ order: { id: 'ASC' } });
  }

  /** One category; 404 `not_found` when there is none with this id. */
  @Get(':id')
  retrieve(@Param('id', ParseIntPipe) id: number): Promise<Category> {
    return this.findCategory(id);
  }

  /** Creates a category: 201 with its representation, or 400 `validation_error`. */
  @Post()
  async create(
    @SerializedBody(CategorySerializer) serializer: CategorySerializer,
  ): Promise<Record<string, unknown>> {
    await serializer.save();
    return serializer.data;
  }

  /** Replaces a category: every writable field is required. */
  @Put(':id')
  replace(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: unknown,
    @Req() request: unknown,
  ): Promise<Record<string, unknown>> {
    return this.update(id, body, request, false);
  }

  /** Changes some fields of a category: absent fields are left as they are. */
  @Patch(':id')
  partialUpdate(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: unknown,
    @Req() request: unknown,
  ): Promise<Record<string, unknown>> {
    return this.update(id, body, request, true);
  }

  private async update(
    id: number,
    body: unknown,
    request: unknown,
    partial: boolean,
  ): Promise<Record<string, unknown>> {
    const serializer = new CategorySerializer({
      instance: await this.findCategory(id),
      // No body at all reads as an empty object, as with @SerializedBody().
      data: body ?? {},
      partial,
      context: {
        request,
        dataSource: this.dataSource,
        nonFieldErrorsKey: this.exceptions.nonFieldErrorsKey,
      },
    });
    await serializer.isValid({ raiseException: true });
    await serializer.save();
    return serializer.data;
  }

  private async findCategory(id: number): Promise<Category> {
    const category = isStorableId(id) ? await this.categories.findOneBy({ id }) : null;
    if (!category) {
      throw new NotFound('No category with this id.');
    }
    return category;
  }
}
