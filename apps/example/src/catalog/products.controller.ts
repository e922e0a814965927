import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, Put, Req } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  InjectRestflowOptions,
  ListSerializer,
  NotFound,
  SerializedBody,
  type ResolvedRestflowOptions,
  type SerializerContext,
} from 'nestjs-restflow';
import { DataSource, type Repository } from 'typeorm';
import { Product } from './product.entity';
import { ProductDetailSerializer, ProductListSerializer } from './product.serializers';
import { isStorableId } from './entity-id';

/** How many products `GET /api/products` returns. */
const LIST_SIZE = 50;

/**
 * Products: the list answers the short {@link ProductListSerializer} shape, everything else the
 * full {@link ProductDetailSerializer} shape, with the category nested as `{ id, name }`.
 *
 * Creating takes the validated serializer from `@SerializedBody()`. Updating builds the
 * serializer in the handler, because it must know the instance while it validates. Every write
 * reloads the product with its category before answering, for the nested `category`.
 */
// Writes are open to anyone for now: authentication and permissions arrive with a later issue.
@Controller('api/products')
export class ProductsController {
  constructor(
    @InjectRepository(Product) private readonly products: Repository<Product>,
    private readonly dataSource: DataSource,
    @InjectRestflowOptions('exceptions')
    private readonly exceptions: ResolvedRestflowOptions['exceptions'],
  ) {}

  /** The first products by id, in the list shape. */
  @Get()
  async list(@Req() request: unknown): Promise<Record<string, unknown>[]> {
    // A fixed first page: pagination arrives with a later issue.
    const products = await this.products.find({
      relations: { category: true },
      order: { id: 'ASC' },
      take: LIST_SIZE,
    });
    return new ListSerializer(ProductListSerializer, {
      instance: products,
      context: this.context(request),
    }).data;
  }

  /** One product in the detail shape; 404 `not_found` when there is none with this id. */
  @Get(':id')
  async retrieve(
    @Param('id', ParseIntPipe) id: number,
    @Req() request: unknown,
  ): Promise<Record<string, unknown>> {
    const serializer = new ProductDetailSerializer({
      instance: await this.findProduct(id, { withCategory: true }),
      context: this.context(request),
    });
    return serializer.data;
  }

  /** Creates a product from `categoryId` and its fields: 201 with the detail shape. */
  @Post()
  async create(
    @SerializedBody(ProductDetailSerializer) serializer: ProductDetailSerializer,
  ): Promise<Record<string, unknown>> {
    const product = await serializer.save();
    serializer.instance = await this.findProduct(product.id, { withCategory: true });
    return serializer.data;
  }

  /** Replaces a product: every writable field without a default is required. */
  @Put(':id')
  replace(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: unknown,
    @Req() request: unknown,
  ): Promise<Record<string, unknown>> {
    return this.update(id, body, request, false);
  }

  /** Changes some fields of a product: absent fields are left as they are. */
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
    const serializer = new ProductDetailSerializer({
      // The category is reloaded after saving, for the nested representation.
      instance: await this.findProduct(id, { withCategory: false }),
      // No body at all reads as an empty object, as with @SerializedBody().
      data: body ?? {},
      partial,
      context: this.context(request),
    });
    await serializer.isValid({ raiseException: true });
    const product = await serializer.save();
    serializer.instance = await this.findProduct(product.id, { withCategory: true });
    return serializer.data;
  }

  private async findProduct(id: number, options: { withCategory: boolean }): Promise<Product> {
    const product = isStorableId(id)
      ? await this.products.findOne({
          where: { id },
          relations: { category: options.withCategory },
        })
      : null;
    if (!product) {
      throw new NotFound('No product with this id.');
    }
    return product;
  }

  private context(request: unknown): SerializerContext {
    return {
      request,
      dataSource: this.dataSource,
      nonFieldErrorsKey: this.exceptions.nonFieldErrorsKey,
    };
  }
}
