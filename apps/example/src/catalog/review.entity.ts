import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { User } from '../users/user.entity';
import { Product } from './product.entity';

/** A user's 1-5 star rating of a product, deleted with the product. */
@Entity('reviews')
// Unquoted column name: the one spelling SQLite, PostgreSQL and MariaDB all accept.
@Check('rating >= 1 AND rating <= 5')
export class Review {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @ManyToOne(() => Product, (product) => product.reviews, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'productId' })
  product!: Relation<Product>;

  @Column({ type: 'int' })
  productId!: number;

  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'authorId' })
  author!: Relation<User>;

  @Column({ type: 'int' })
  authorId!: number;

  @Column({ type: 'int' })
  rating!: number;

  /** `text` has no length: ReviewSerializer bounds it (REVIEW_COMMENT_MAX_LENGTH). */
  @Column({ type: 'text', default: '' })
  comment!: string;

  @CreateDateColumn()
  createdAt!: Date;
}
