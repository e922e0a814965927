import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An account of the catalog API: reviews are written by users, and staff users will manage the
 * catalog once authentication arrives.
 */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 150, unique: true })
  username!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  /** `scrypt$<saltHex>$<hashHex>`, see {@link hashPassword}. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'boolean', default: true })
  isActive!: boolean;

  @Column({ type: 'boolean', default: false })
  isStaff!: boolean;

  @CreateDateColumn()
  dateJoined!: Date;
}
