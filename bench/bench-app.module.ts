/**
 * The application the views benchmark measures: the example app's catalog on in-memory sql.js,
 * seeded with the example app's deterministic demo data (200 products), serving the same product
 * list and product detail twice, from one process:
 *
 * - `GET /bench/viewset/products[/:id]`: a `ModelViewSet` with a `ModelSerializer`;
 * - `GET /bench/handwritten/products[/:id]`: a plain Nest controller running the same TypeORM
 *   query and mapping rows to the same JSON by hand (the baseline).
 *
 * The runner checks that both answer byte-identical bodies before it measures anything.
 */
import { Controller, Get, Module, Param } from '@nestjs/common';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import {
  ModelSerializer,
  ModelViewSet,
  NotFound,
  RestflowModule,
  ViewSet,
  type ModelSerializerMeta,
} from 'nestjs-restflow';
import type { Repository } from 'typeorm';
import { Product } from '../apps/example/src/catalog/product.entity';
import { databaseOptions } from '../apps/example/src/config/database.config';
import { SeedService } from '../apps/example/src/seed/seed.service';
import { HANDWRITTEN_PATH, VIEWSET_PATH } from './routes';

/** The product shape both implementations answer. */
export class BenchProductSerializer extends ModelSerializer<Product> {
  static override meta: ModelSerializerMeta = {
    model: Product,
    fields: ['id', 'name', 'price', 'inStock', 'categoryId'],
  };
}

/** The library under test: list and retrieve come from `ModelViewSet`, unpaginated. */
@ViewSet(VIEWSET_PATH)
export class BenchProductViewSet extends ModelViewSet {
  override queryset = Product;
  override serializerClass = BenchProductSerializer;
  override paginationClass = null;
}

/** What {@link HandwrittenProductsController} answers per product. */
interface ProductBody {
  id: number;
  name: string;
  price: string;
  inStock: boolean;
  categoryId: number;
}

function toBody(product: Product): ProductBody {
  return {
    id: product.id,
    name: product.name,
    // Two decimal places as a string, as the serializer's DecimalField writes it.
    price: Number(product.price).toFixed(2),
    inStock: product.inStock,
    categoryId: product.categoryId,
  };
}

const INTEGER = /^\d+$/;

/** The baseline: what a developer would write by hand for the same two endpoints. */
@Controller(HANDWRITTEN_PATH)
export class HandwrittenProductsController {
  constructor(@InjectRepository(Product) private readonly products: Repository<Product>) {}

  @Get()
  async list(): Promise<ProductBody[]> {
    const rows = await this.products
      .createQueryBuilder('product')
      .orderBy('product.id', 'ASC')
      .getMany();
    return rows.map(toBody);
  }

  @Get(':id')
  async retrieve(@Param('id') raw: string): Promise<ProductBody> {
    // Like the viewset: a value that cannot be an id is a 404, not a 400.
    const id = INTEGER.test(raw) ? Number(raw) : undefined;
    const row =
      id !== undefined && id <= 2147483647
        ? await this.products
            .createQueryBuilder('product')
            .where('product.id = :id', { id })
            .getOne()
        : null;
    if (!row) {
      throw new NotFound();
    }
    return toBody(row);
  }
}

/** Both implementations in one module, so they share every piece of process setup. */
@Module({
  imports: [
    TypeOrmModule.forRoot(databaseOptions('sqljs::memory:')),
    TypeOrmModule.forFeature([Product]),
    RestflowModule.forRoot({ globalExceptionFilter: true }),
  ],
  controllers: [BenchProductViewSet, HandwrittenProductsController],
  providers: [SeedService],
})
export class BenchAppModule {}
