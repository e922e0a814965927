/** @dataui/crud (the maintained fork of @nestjsx/crud): a `@Crud()` controller over the products. */
import { Crud, type CrudController } from '@dataui/crud';
import { TypeOrmCrudService } from '@dataui/crud-typeorm';
import { Controller, Injectable, Module } from '@nestjs/common';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { typeOrmOptions } from './database';
import { Product } from './entities';

@Injectable()
export class ProductCrudService extends TypeOrmCrudService<Product> {
  constructor(@InjectRepository(Product) repository: Repository<Product>) {
    super(repository);
  }
}

@Crud({
  model: { type: Product },
  query: {
    join: { category: { eager: true } },
    limit: 20,
    maxLimit: 100,
    alwaysPaginate: true,
  },
  routes: { only: ['getManyBase', 'getOneBase', 'createOneBase'] },
})
@Controller('crud/products')
export class ProductCrudController implements CrudController<Product> {
  constructor(public service: ProductCrudService) {}
}

@Module({
  imports: [TypeOrmModule.forRoot(typeOrmOptions()), TypeOrmModule.forFeature([Product])],
  controllers: [ProductCrudController],
  providers: [ProductCrudService],
})
export class CrudBenchModule {}
