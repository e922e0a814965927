/**
 * Where revoked tokens are remembered until they expire, by their `jti`. The refresh endpoint
 * blacklists the refresh token it rotates, the blacklist endpoint the one it is given, and both
 * the refresh endpoint and `JWTAuthentication` refuse blacklisted tokens.
 *
 * It is both a type and an injection token (an abstract class, as cache-manager's `Cache`).
 * Built in: {@link RedisTokenBlacklist} (node-redis, `SET NX`), {@link EntityTokenBlacklist} (a
 * TypeORM table) and {@link CacheTokenBlacklist} (cache-manager; the default is one over an
 * in-memory cache). Several app instances must share one blacklist (Redis or the database), or
 * a token revoked on one is still accepted by the others.
 *
 * `add()` is an atomic add-if-absent: it resolves `true` for exactly one of several concurrent
 * calls with the same `jti`, on every app instance sharing the store. The refresh endpoint
 * relies on it: of concurrent refreshes of one token, only the one whose `add()` was new gets
 * new tokens (the others get 401 "Token has been blacklisted.").
 *
 * Implementations should let storage errors propagate: a lookup or write that fails is refused
 * (503), never read as "not blacklisted". `TokenService` bounds every call by
 * `jwt.blacklistTimeoutMs`.
 *
 * @example
 * ```ts
 * export class RedisSetBlacklist implements TokenBlacklist {
 *   constructor(private readonly redis: RedisClientType) {}
 *   async add(jti: string, exp: number) {
 *     const reply = await this.redis.set(`bl:${jti}`, '1', {
 *       condition: 'NX',
 *       expiration: { type: 'EXAT', value: exp },
 *     });
 *     return reply === 'OK';
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
   * Whether revocations live in this process only (an in-memory store): such a blacklist is
   * refused under `NODE_ENV=production` unless `jwt.blacklistAllowInMemory` is set. Leave it
   * unset (or `false`) for a shared store.
   */
  declare readonly processLocal?: boolean;

  /**
   * Remembers `jti` as revoked until `exp` (seconds since the epoch, the token's own `exp`), and
   * resolves whether this call added it: `true` when it was not blacklisted yet, `false` when it
   * already was. Atomic: of concurrent calls with one `jti`, exactly one resolves `true`.
   */
  abstract add(jti: string, exp: number): Promise<boolean>;

  /** Whether `jti` has been revoked (and has not yet expired). */
  abstract has(jti: string): Promise<boolean>;
}
