import { Injectable } from '@nestjs/common';
import { DataSource, LessThan, type Repository } from 'typeorm';
import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import { BlacklistedToken } from './blacklisted-token.entity';
import { TokenBlacklist } from './token-blacklist';

/**
 * A {@link TokenBlacklist} in the application's database: one {@link BlacklistedToken} row per
 * revoked `jti`, shared by every app instance on that database, and kept across restarts. Adding
 * is an atomic add-if-absent: a plain insert that the unique `jti` column lets only one of
 * several concurrent adds win (the others see the unique violation and resolve `false`). Run
 * `cleanupExpired()` now and then (a cron job) to delete the rows of tokens that have expired
 * anyway.
 *
 * The entity must be part of the data source: add `BlacklistedToken` to `entities`.
 *
 * @example
 * ```ts
 * TypeOrmModule.forRoot({ type: 'postgres', url, entities: [User, BlacklistedToken] }),
 * RestflowModule.forRoot({
 *   jwt: { signingKey: process.env.JWT_SIGNING_KEY, blacklist: EntityTokenBlacklist },
 * }),
 *
 * // or, to build it yourself:
 * RestflowModule.forRootAsync({
 *   inject: [DataSource],
 *   useFactory: (dataSource: DataSource) => ({
 *     jwt: { signingKey: process.env.JWT_SIGNING_KEY, blacklist: new EntityTokenBlacklist(dataSource) },
 *   }),
 * }),
 * ```
 * @publicApi
 */
@Injectable()
export class EntityTokenBlacklist extends TokenBlacklist {
  /** The repository of {@link BlacklistedToken}. */
  protected readonly repository: Repository<BlacklistedToken>;

  constructor(dataSource: DataSource) {
    super();
    if (!dataSource.hasMetadata(BlacklistedToken)) {
      throw new RestflowConfigError(
        'jwt.blacklist',
        'EntityTokenBlacklist needs the BlacklistedToken entity, which is not part of the ' +
          'TypeORM data source. Fix: add BlacklistedToken to the entities of ' +
          'TypeOrmModule.forRoot() (and create its table: synchronize or a migration).',
      );
    }
    this.repository = dataSource.getRepository(BlacklistedToken);
  }

  async add(jti: string, exp: number): Promise<boolean> {
    try {
      await this.repository
        .createQueryBuilder()
        .insert()
        .into(BlacklistedToken)
        .values({ jti, expiresAt: new Date(exp * 1000) })
        .updateEntity(false)
        .execute();
      return true;
    } catch (error) {
      // Whatever the dialect calls a unique violation: the row exists, so another add won.
      // Any other failure (the database is down) propagates, and so does this lookup's.
      if (await this.repository.existsBy({ jti })) return false;
      throw error;
    }
  }

  has(jti: string): Promise<boolean> {
    return this.repository.existsBy({ jti });
  }

  /**
   * Deletes the rows of tokens that have expired and returns how many were deleted.
   *
   * @example
   * ```ts
   * @Cron('0 * * * *')
   * purgeBlacklist() {
   *   return this.blacklist.cleanupExpired();
   * }
   * ```
   */
  async cleanupExpired(now = new Date()): Promise<number> {
    // Count then delete: some drivers (sql.js) do not report affected rows.
    const expired = await this.repository.countBy({ expiresAt: LessThan(now) });
    if (expired > 0) {
      await this.repository.delete({ expiresAt: LessThan(now) });
    }
    return expired;
  }
}
