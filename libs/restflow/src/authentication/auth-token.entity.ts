import { createHash, randomBytes } from 'node:crypto';
import { dataSourceOf } from '../core/typeorm-compat.util';
import {
  Column,
  CreateDateColumn,
  DataSource,
  Entity,
  Index,
  PrimaryColumn,
  type EntityManager,
  type Repository,
} from 'typeorm';
import { RestflowConfigError } from '../exceptions/restflow-config.error';

/**
 * A token of `TokenAuthentication` (DRF's `authtoken.Token`), in the table
 * `restflow_auth_tokens`. Add the class to your TypeORM entities (or migrations) to use tokens.
 *
 * Only a SHA-256 digest of each key is stored: the key itself (40 hex characters, 160 random
 * bits) is shown once, by {@link createAuthToken}, so a leaked table or backup does not leak
 * working credentials, and looking a key up by its digest reveals nothing about other keys
 * through timing. A user may hold several tokens (one per device, say); revoke them one by one
 * or all at once.
 *
 * @example
 * ```ts
 * TypeOrmModule.forRoot({ type: 'postgres', url, entities: [User, AuthToken] });
 * ```
 * @publicApi
 */
@Entity('restflow_auth_tokens')
export class AuthToken {
  /** SHA-256 of the key, 64 lower-case hex characters. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  digest!: string;

  /** `UserProvider.getId()` of the owner, as a string. */
  @Index()
  @Column({ type: 'varchar', length: 255 })
  userId!: string;

  @CreateDateColumn()
  createdAt!: Date;
}

/**
 * Where tokens are read and written: a `DataSource`, or an `EntityManager` (to take part in a
 * transaction).
 *
 * @example
 * ```ts
 * await dataSource.transaction((manager: AuthTokenStore) => createAuthToken(manager, user.id));
 * ```
 * @publicApi
 */
export type AuthTokenStore = DataSource | EntityManager;

/**
 * Creates a token for a user and returns its key, the only time it is available: hand it to the
 * client, which sends it as `Authorization: Token <key>`.
 *
 * @example
 * ```ts
 * @Post('tokens')
 * @ActionConfig({ authenticationClasses: [BasicAuthentication] })
 * async issue(@Req() request: RestflowRequest) {
 *   return { token: await createAuthToken(this.dataSource, (request.user as User).id) };
 * }
 * ```
 * @publicApi
 */
export async function createAuthToken(
  store: AuthTokenStore,
  userId: string | number,
): Promise<string> {
  const key = randomBytes(20).toString('hex');
  await tokenRepository(store).insert({ digest: authTokenDigest(key), userId: String(userId) });
  return key;
}

/**
 * Revokes one token by its key (logout of one device). Resolves to whether it existed.
 *
 * @example
 * ```ts
 * await revokeAuthToken(dataSource, key); // true, then false
 * ```
 * @publicApi
 */
export async function revokeAuthToken(store: AuthTokenStore, key: string): Promise<boolean> {
  const result = await tokenRepository(store).delete({ digest: authTokenDigest(key) });
  return (result.affected ?? 0) > 0;
}

/**
 * Revokes every token of a user (after a password change, or when the account is closed).
 * Resolves to how many there were.
 *
 * @example
 * ```ts
 * await revokeUserAuthTokens(dataSource, user.id);
 * ```
 * @publicApi
 */
export async function revokeUserAuthTokens(
  store: AuthTokenStore,
  userId: string | number,
): Promise<number> {
  const result = await tokenRepository(store).delete({ userId: String(userId) });
  return result.affected ?? 0;
}

/**
 * The stored form of a key: its SHA-256 in hex. A plain hash suffices (no salt, no slow hash):
 * keys are 160 random bits, not guessable passwords.
 *
 * @example
 * ```ts
 * authTokenDigest('9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b'); // 64 hex characters
 * ```
 * @internal
 */
export function authTokenDigest(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * The token repository of `store`.
 *
 * @throws {RestflowConfigError} when `AuthToken` is not one of the data source's entities.
 * @example
 * ```ts
 * await tokenRepository(dataSource).findOneBy({ digest });
 * ```
 * @internal
 */
export function tokenRepository(store: AuthTokenStore): Repository<AuthToken> {
  const dataSource = store instanceof DataSource ? store : dataSourceOf(store);
  if (!dataSource.hasMetadata(AuthToken)) {
    throw new RestflowConfigError(
      'authentication',
      'Token authentication needs the AuthToken entity, but the TypeORM DataSource does not ' +
        'know it. Fix: add AuthToken (from nestjs-restflow) to the entities of your DataSource ' +
        '(with synchronize, or a migration that creates the restflow_auth_tokens table).',
    );
  }
  return store.getRepository(AuthToken);
}
