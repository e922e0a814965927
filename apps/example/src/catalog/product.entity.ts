import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Category } from './category.entity';
import { decimalString } from './decimal-string.transformer';
import { Review } from './review.entity';
import { Tag } from './tag.entity';

/** A product of the catalog, in exactly one category. */
@Entity('products')
export class Product {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** `text` has no length: ProductDetailSerializer bounds it (PRODUCT_DESCRIPTION_MAX_LENGTH). */
  @Column({ type: 'text', default: '' })
  description!: string;

  /** A string such as `"10.50"`, so that no precision is lost to floating point. */
  @Column({ type: 'decimal', precision: 10, scale: 2, transformer: decimalString(2) })
  price!: string;

  @Column({ type: 'boolean', default: true })
  inStock!: boolean;

  /** Its tags, written as a list of tag keys (`"tags": [1, 4]`); the link table is `product_tags`. */
  @ManyToMany(() => Tag)
  @JoinTable({
    name: 'product_tags',
    joinColumn: { name: 'productId' },
    inverseJoinColumn: { name: 'tagId' },
  })
  tags!: Relation<Tag>[];

  @CreateDateColumn()
  createdAt!: Date;

  // RESTRICT: a category that still has products cannot be deleted (409 from the envelope).
  @ManyToOne(() => Category, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'categoryId' })
  category!: Relation<Category>;

  @Column({ type: 'int' })
  categoryId!: number;

  /** Its reviews (no column: the key is `reviews.productId`). */
  @OneToMany(() => Review, (review) => review.product)
  reviews!: Relation<Review>[];
}
