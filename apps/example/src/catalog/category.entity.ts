import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A product category; `slug` is the URL-friendly, lower-case form of `name`. */
@Entity('categories')
export class Category {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 100, unique: true })
  name!: string;

  @Column({ type: 'varchar', length: 120, unique: true })
  slug!: string;

  /** Optional blurb shown on the category page; CategorySerializer bounds it (`text` has no length). */
  @Column({ type: 'text', nullable: true })
  description!: string | null;
}
