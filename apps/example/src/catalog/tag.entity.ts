import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A label products carry (`sale`, `eco`, ...): lower case, unique. */
@Entity('tags')
export class Tag {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 30, unique: true })
  name!: string;
}
