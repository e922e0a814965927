/**
 * Where revoked tokens are remembered until they expire, by their `jti`. The refresh endpoint
 * blacklists the refresh token it rotates, the blacklist endpoint the one it is given, and both
 * the refresh endpoint and `JWTAuthentication` refuse blacklisted tokens.
 *
 * It is both a type and an injection token (an abstract class, as cache-manager's `Cache`).
 * Built in: {@link CacheTokenBlacklist} (cache-manager, e.g. Redis; the default is one over an
 * in-memory cache) and {@link EntityTokenBlacklist} (a TypeORM table). Several app instances
 * must share one blacklist (Redis or the database), or a token revoked on one is still accepted
 * by the others.
 *
 * Implementations should let storage errors propagate: a lookup that fails is refused (503),
 * never read as "not blacklisted".
 *
 * @example
 * ```ts
 * export class RedisSetBlacklist implements TokenBlacklist {
 *   constructor(private readonly redis: RedisClientType) {}
 *   async add(jti: string, exp: number) {
 *     await this.redis.set(`bl:${jti}`, '1', { EXAT: exp });
 *   }
 *   async has(jti: string) {
 *     return (await this.redis.exists(`bl:${jti}`)) === 1;
 *   }
 * }
 * ```
 * @publicApi
 */
export abstract class TokenBlacklist {
  /**
   * Remembers `jti` as revoked until `exp` (seconds since the epoch, the token's own `exp`).
   * Adding a `jti` twice is not an error.
   */
  abstract add(jti: string, exp: number): Promise<void>;

  /** Whether `jti` has been revoked (and has not yet expired). */
  abstract has(jti: string): Promise<boolean>;
}
