import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RestflowModule } from 'nestjs-restflow';
import { Book } from './book.entity.js';
import { BookViewSet } from './book.viewset.js';

/** The consumer app: sql.js in memory, one viewset. */
@Module({
  imports: [
    TypeOrmModule.forRoot({ type: 'sqljs', entities: [Book], synchronize: true }),
    TypeOrmModule.forFeature([Book]),
    RestflowModule.forRoot({ globalExceptionFilter: true, pagination: { pageSize: 2 } }),
  ],
  controllers: [BookViewSet],
})
export class AppModule {}
