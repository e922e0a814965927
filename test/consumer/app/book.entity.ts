import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The one table of the consumer app. */
@Entity('books')
export class Book {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  title!: string;

  @Column({ type: 'int' })
  pages!: number;
}
