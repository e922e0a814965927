/**
 * The benchmark's data, one definition for every TypeORM contender. The tables are created and
 * seeded by bench/seed.ts (plain SQL), never synchronised by TypeORM. The class-validator
 * decorators are @dataui/crud's validation (it validates bodies against the entity); the other
 * contenders validate with their own DTO, serializer or code.
 */
import {
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

@Entity('bench_category')
export class Category {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;
}

@Entity('bench_product')
export class Product {
  @PrimaryGeneratedColumn()
  id!: number;

  @IsString({ always: true })
  @IsNotEmpty({ always: true })
  @MaxLength(200, { always: true })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @IsNumber({ maxDecimalPlaces: 2 }, { always: true })
  @Min(0, { always: true })
  @Max(99999999.99, { always: true })
  @Column({ type: 'numeric', precision: 10, scale: 2 })
  price!: string;

  @IsBoolean({ always: true })
  @Column({ type: 'boolean' })
  inStock!: boolean;

  @IsInt({ always: true })
  @Min(1, { always: true })
  @Column({ type: 'int' })
  categoryId!: number;

  @ManyToOne(() => Category, { nullable: false })
  @JoinColumn({ name: 'categoryId' })
  category?: Category;
}

/** The paging-scale tables: the same columns, 1,000 and 1,000,000 rows. */
abstract class PagingRowBase {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  score!: number;

  @Column({ type: 'varchar', length: 50 })
  name!: string;
}

@Entity('bench_paging_small')
export class PagingSmall extends PagingRowBase {}

@Entity('bench_paging_large')
export class PagingLarge extends PagingRowBase {}

export const ENTITIES = [Category, Product, PagingSmall, PagingLarge];
