import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An account of the catalog API: users sign in for tokens and write reviews; staff users
 * (`isStaff`) manage the catalog.
 */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'varchar', length: 150, unique: true })
  username!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  /** An scrypt hash made by the library's `hashPassword` (`scrypt$N$r$p$salt$hash`). */
  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'boolean', default: true })
  isActive!: boolean;

  @Column({ type: 'boolean', default: false })
  isStaff!: boolean;

  @CreateDateColumn()
  dateJoined!: Date;
}
