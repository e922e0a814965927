/**
 * The hand-written baseline: a plain Nest controller with class-validator DTOs and the TypeORM
 * query a developer would write for the same three endpoints.
 */
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Module,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
  Query,
  ValidationPipe,
} from '@nestjs/common';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import type { Repository } from 'typeorm';
import { typeOrmOptions } from './database';
import { Product } from './entities';

const PAGE_SIZE = 20;

export class ProductListQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) category?: number;
  @IsOptional() @Type(() => Number) @IsNumber() price_min?: number;
  @IsOptional() @Type(() => Number) @IsNumber() price_max?: number;
  @IsOptional() @IsString() @MaxLength(200) name?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
}

export class CreateProductDto {
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(99999999.99) price!: number;
  @IsBoolean() inStock!: boolean;
  @IsInt() @Min(1) categoryId!: number;
}

const pipe = new ValidationPipe({ transform: true, whitelist: true });

@Controller('handwritten/products')
export class HandwrittenProductsController {
  constructor(@InjectRepository(Product) private readonly products: Repository<Product>) {}

  @Get()
  async list(
    @Query(pipe) params: ProductListQuery,
  ): Promise<{ count: number; results: Product[] }> {
    const query = this.products
      .createQueryBuilder('product')
      .leftJoinAndSelect('product.category', 'category');
    if (params.category !== undefined) {
      query.andWhere('product.categoryId = :category', { category: params.category });
    }
    if (params.price_min !== undefined) {
      query.andWhere('product.price >= :min', { min: params.price_min });
    }
    if (params.price_max !== undefined) {
      query.andWhere('product.price <= :max', { max: params.price_max });
    }
    if (params.name) {
      const escaped = params.name.replace(/[\\%_]/g, (char) => `\\${char}`);
      query.andWhere('product.name ILIKE :name', { name: `%${escaped}%` });
    }
    const [results, count] = await query
      .orderBy('product.price', 'ASC')
      .addOrderBy('product.id', 'ASC')
      .offset(((params.page ?? 1) - 1) * PAGE_SIZE)
      .limit(PAGE_SIZE)
      .getManyAndCount();
    return { count, results };
  }

  @Get(':id')
  async retrieve(@Param('id', ParseIntPipe) id: number): Promise<Product> {
    const product = await this.withCategory(id);
    if (!product) throw new NotFoundException();
    return product;
  }

  @Post()
  @HttpCode(201)
  async create(@Body(pipe) body: CreateProductDto): Promise<Product> {
    const { identifiers } = await this.products.insert({ ...body, price: body.price.toFixed(2) });
    return (await this.withCategory(identifiers[0]!.id as number))!;
  }

  private withCategory(id: number): Promise<Product | null> {
    return this.products
      .createQueryBuilder('product')
      .leftJoinAndSelect('product.category', 'category')
      .where('product.id = :id', { id })
      .getOne();
  }
}

@Module({
  imports: [TypeOrmModule.forRoot(typeOrmOptions()), TypeOrmModule.forFeature([Product])],
  controllers: [HandwrittenProductsController],
})
export class HandwrittenBenchModule {}
