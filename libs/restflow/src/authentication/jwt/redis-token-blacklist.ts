import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import { TokenBlacklist } from './token-blacklist';

/**
 * The part of a node-redis v5 client (`createClient()` or `createCluster()` from `redis`) that
 * {@link RedisTokenBlacklist} uses.
 *
 * @example
 * ```ts
 * const client: RedisTokenBlacklistClient = await createClient({ url: process.env.REDIS_URL }).connect();
 * ```
 * @publicApi
 */
export interface RedisTokenBlacklistClient {
  set(
    key: string,
    value: string,
    options: { condition: 'NX'; expiration: { type: 'EXAT'; value: number } },
  ): Promise<unknown>;
  exists(key: string): Promise<number>;
  /**
   * node-redis's per-command abort: when the client has it, a command that timed out is also
   * taken out of the client's offline queue, so a write refused with 503 is not sent later.
   */
  withAbortSignal?(signal: AbortSignal): RedisTokenBlacklistClient;
}

/**
 * Options of {@link RedisTokenBlacklist}.
 *
 * @example
 * ```ts
 * new RedisTokenBlacklist(client, { keyPrefix: 'shop:jwt:bl:' });
 * ```
 * @publicApi
 */
export interface RedisTokenBlacklistOptions {
  /** Prefix of every key written; the `jti` follows it. @default 'restflow:jwt:bl:' */
  keyPrefix?: string;
  /**
   * Milliseconds after which a command is aborted (and fails), whatever the client's own
   * settings. `TokenService` bounds each call by `jwt.blacklistTimeoutMs` too.
   * @default 1000
   */
  commandTimeoutMs?: number;
}

/**
 * A {@link TokenBlacklist} in Redis, shared by every app instance on that server: each revoked
 * `jti` is the key `restflow:jwt:bl:<jti>`, written with `SET ... NX EXAT <exp>`, so it expires
 * with the token and `add()` is atomic across instances (exactly one of concurrent refreshes of
 * one token wins). One round trip per call.
 *
 * The client is yours: connect it before the app serves, give it an `error` listener (Node
 * crashes on an unheard one when Redis goes away), and close it after the app closes. Each
 * command is aborted after `commandTimeoutMs`, and `TokenService` bounds each call by
 * `jwt.blacklistTimeoutMs`: the refresh and blacklist endpoints answer 503 when Redis does not
 * answer in time. Creating the client with `disableOfflineQueue: true` makes calls fail at once
 * while it is disconnected instead of waiting for the timeout. A Redis without persistence (no RDB/AOF) forgets every revocation
 * when it restarts: enable `appendonly yes`, or use {@link EntityTokenBlacklist}, whose rows
 * survive restarts.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 *
 * const redis = createClient({ url: process.env.REDIS_URL, disableOfflineQueue: true });
 * redis.on('error', (error) => logger.warn(`Redis: ${error.message}`));
 * await redis.connect();
 * RestflowModule.forRoot({
 *   jwt: { signingKey: process.env.JWT_SIGNING_KEY, blacklist: new RedisTokenBlacklist(redis) },
 * });
 * ```
 * @publicApi
 */
export class RedisTokenBlacklist extends TokenBlacklist {
  /** Prefix of every key written. */
  readonly keyPrefix: string;
  /** Milliseconds after which a command is aborted. */
  readonly commandTimeoutMs: number;

  constructor(
    private readonly client: RedisTokenBlacklistClient,
    options: RedisTokenBlacklistOptions = {},
  ) {
    super();
    this.keyPrefix = options.keyPrefix ?? 'restflow:jwt:bl:';
    this.commandTimeoutMs = options.commandTimeoutMs ?? 1000;
    if (!Number.isInteger(this.commandTimeoutMs) || this.commandTimeoutMs < 1) {
      throw new RestflowConfigError(
        'jwt.blacklist',
        `RedisTokenBlacklist option "commandTimeoutMs" must be a whole number of milliseconds ` +
          `of at least 1, got ${String(options.commandTimeoutMs)}. Fix: e.g. commandTimeoutMs: 1000.`,
      );
    }
  }

  async add(jti: string, exp: number): Promise<boolean> {
    // EXAT must lie in the future, or Redis refuses the command: at least a second from now.
    const expiresAt = Math.max(Math.ceil(exp), Math.floor(Date.now() / 1000) + 1);
    const reply = await this.command().set(this.keyPrefix + jti, '1', {
      condition: 'NX',
      expiration: { type: 'EXAT', value: expiresAt },
    });
    return reply === 'OK';
  }

  async has(jti: string): Promise<boolean> {
    return (await this.command().exists(this.keyPrefix + jti)) > 0;
  }

  /** The client for one command, aborted after `commandTimeoutMs` when the client can. */
  private command(): RedisTokenBlacklistClient {
    return this.client.withAbortSignal?.(AbortSignal.timeout(this.commandTimeoutMs)) ?? this.client;
  }
}
