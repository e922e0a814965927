import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One revoked token, as {@link EntityTokenBlacklist} stores it (table
 * `restflow_blacklisted_token`): its unique `jti` and when it expires, so that
 * `cleanupExpired()` can delete the rows nobody needs any more. Add it to your TypeORM entities
 * (or let `autoLoadEntities` pick it up from `TypeOrmModule.forFeature([BlacklistedToken])`).
 *
 * @example
 * ```ts
 * TypeOrmModule.forRoot({ type: 'postgres', url, entities: [User, BlacklistedToken] });
 * ```
 * @publicApi
 */
@Entity('restflow_blacklisted_token')
export class BlacklistedToken {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  /** The token's `jti` (the JWT stack's are 22 characters). */
  @Column({ type: 'varchar', length: 128, unique: true })
  jti!: string;

  /** When the token expires; the row is useless afterwards. */
  @Index()
  @Column({ name: 'expires_at' })
  expiresAt!: Date;

  /** When the token was revoked. */
  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  toString(): string {
    return `BlacklistedToken(jti=${this.jti}, expires_at=${this.expiresAt.toISOString()})`;
  }
}
