import { createHash, randomBytes } from 'node:crypto';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { ThrottleHit, ThrottleStore } from './throttle-store.interface';

/**
 * The part of a node-redis v5 client (`createClient()` or `createCluster()` from `redis`) that
 * {@link RedisThrottleStore} uses.
 *
 * @example
 * ```ts
 * const client: RedisThrottleClient = await createClient({ url: 'redis://127.0.0.1:6379' }).connect();
 * ```
 * @publicApi
 */
export interface RedisThrottleClient {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  evalSha(sha1: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  /**
   * node-redis's per-command abort: when the client has it, a command that timed out is also
   * taken out of the client's queue, so that it is not sent (and counted) after a reconnect.
   */
  withAbortSignal?(signal: AbortSignal): RedisThrottleClient;
}

/**
 * Options of {@link RedisThrottleStore}.
 *
 * @example
 * ```ts
 * new RedisThrottleStore(client, { keyPrefix: 'shop:throttle:' });
 * ```
 * @publicApi
 */
export interface RedisThrottleStoreOptions {
  /** Prefix of every Redis key the store writes. @default 'restflow:throttle:' */
  keyPrefix?: string;
  /**
   * Longest wait for Redis per throttle check, in milliseconds, whatever the client's own
   * settings (node-redis queues commands while it reconnects and has no command timeout by
   * default). Past it the check fails with {@link RedisThrottleTimeoutError}, and
   * `throttling.storeFailure` decides what the request gets.
   * @default 500
   */
  commandTimeoutMs?: number;
}

/**
 * The rejection of a {@link RedisThrottleStore} check that Redis did not answer within
 * `commandTimeoutMs`.
 *
 * @example
 * ```ts
 * // RedisThrottleTimeoutError: Redis did not answer the throttle check within 500 ms.
 * ```
 * @publicApi
 */
export class RedisThrottleTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Redis did not answer the throttle check within ${timeoutMs} ms.`);
    this.name = 'RedisThrottleTimeoutError';
  }
}

/** The largest commandTimeoutMs accepted: a minute. */
const MAX_COMMAND_TIMEOUT_MS = 60_000;

/**
 * The sliding-window log of one key as a sorted set (score = hit time in ms, one unique member
 * per hit), checked and updated in one atomic step. Time is Redis's own (`TIME`), so app
 * instances with different clocks agree. Scripts replicate their effects (the default from
 * Redis 7; asked for explicitly on 5 and 6).
 */
const HIT_SCRIPT = `
if redis.replicate_commands then pcall(redis.replicate_commands) end
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local duration = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - duration)
local hits = redis.call('ZCARD', key)
local allowed = 0
if hits < limit then
  redis.call('ZADD', key, now, ARGV[3])
  redis.call('PEXPIRE', key, duration)
  hits = hits + 1
  allowed = 1
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
local oldestAt = -1
if oldest[2] then oldestAt = tonumber(oldest[2]) end
return {allowed, hits, oldestAt, now}
`;

const HIT_SCRIPT_SHA = createHash('sha1').update(HIT_SCRIPT).digest('hex');

/**
 * A {@link ThrottleStore} in Redis, so that every app instance that shares the Redis server
 * shares each limit. One round trip per throttle check: a Lua script (`EVALSHA`, falling back to
 * `EVAL` once when the server does not know the script yet) that trims the key's sorted set,
 * counts it, and adds the hit only when there is room. Keys expire with their window.
 *
 * The client is yours: connect it before the app serves and close it after the app closes, and
 * listen to its `'error'` events (node-redis emits one per failed reconnect; without a listener
 * the process crashes). Each check waits at most `commandTimeoutMs` (500 ms): a Redis server
 * that is down, slow or unreachable fails it, and `throttling.storeFailure` decides whether
 * the request passes uncounted (`'open'`, the default) or gets 503. Recommended client
 * settings: `disableOfflineQueue: true` (fail at once while disconnected instead of queueing),
 * `socket: { connectTimeout: 1000, reconnectStrategy: (retries) => Math.min(retries * 100, 2000) }`.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 *
 * const redis = createClient({
 *   url: process.env.REDIS_URL,
 *   disableOfflineQueue: true,
 *   socket: { connectTimeout: 1000, reconnectStrategy: (retries) => Math.min(retries * 100, 2000) },
 * });
 * redis.on('error', (error) => logger.warn(`Redis: ${error.message}`));
 * await redis.connect();
 * RestflowModule.forRoot({
 *   throttling: {
 *     store: new RedisThrottleStore(redis, { keyPrefix: 'shop:throttle:', commandTimeoutMs: 500 }),
 *     storeFailure: 'open',
 *     defaultThrottleClasses: [AnonRateThrottle, UserRateThrottle],
 *     rates: { anon: '20/min', user: '100/min' },
 *   },
 * });
 * ```
 * @publicApi
 */
export class RedisThrottleStore implements ThrottleStore {
  /** Prefix of every key written. */
  readonly keyPrefix: string;
  /** Longest wait for Redis per check, in milliseconds. */
  readonly commandTimeoutMs: number;
  // Members must be unique per hit, across instances: a random instance id and a counter.
  private readonly instanceId = randomBytes(8).toString('hex');
  private counter = 0;

  constructor(
    private readonly client: RedisThrottleClient,
    options: RedisThrottleStoreOptions = {},
  ) {
    this.keyPrefix = options.keyPrefix ?? 'restflow:throttle:';
    this.commandTimeoutMs = commandTimeout(options.commandTimeoutMs);
  }

  async hit(key: string, limit: number, durationMs: number): Promise<ThrottleHit> {
    const call = {
      keys: [this.keyPrefix + key],
      arguments: [
        String(limit),
        String(Math.ceil(durationMs)),
        `${this.instanceId}:${(++this.counter).toString(36)}`,
      ],
    };
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // Drops the command from node-redis's queue too, so it is never counted later.
        abort.abort();
        reject(new RedisThrottleTimeoutError(this.commandTimeoutMs));
      }, this.commandTimeoutMs);
    });
    try {
      return toHit(await Promise.race([this.run(call, abort.signal), deadline]));
    } finally {
      clearTimeout(timer);
    }
  }

  private async run(
    call: { keys: string[]; arguments: string[] },
    signal: AbortSignal,
  ): Promise<unknown> {
    const client = this.client.withAbortSignal?.(signal) ?? this.client;
    try {
      return await client.evalSha(HIT_SCRIPT_SHA, call);
    } catch (error) {
      if (!String((error as Error | undefined)?.message).startsWith('NOSCRIPT')) {
        throw error;
      }
      return client.eval(HIT_SCRIPT, call);
    }
  }
}

function commandTimeout(value: number | undefined): number {
  const timeout = value ?? 500;
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > MAX_COMMAND_TIMEOUT_MS) {
    throw new RestflowConfigError(
      'RedisThrottleStore.commandTimeoutMs',
      `Invalid RedisThrottleStore option "commandTimeoutMs": expected a whole number of ` +
        `milliseconds from 1 to ${MAX_COMMAND_TIMEOUT_MS}, got ${String(value)}. Fix: use e.g. ` +
        '{ commandTimeoutMs: 500 }, or leave it out for that default.',
    );
  }
  return timeout;
}

function toHit(reply: unknown): ThrottleHit {
  if (!Array.isArray(reply) || reply.length !== 4) {
    throw new Error(`RedisThrottleStore: unexpected script reply ${JSON.stringify(reply)}.`);
  }
  const [allowed, hits, oldestAt, now] = reply.map(Number) as [number, number, number, number];
  return { allowed: allowed === 1, hits, oldestAt: oldestAt < 0 ? null : oldestAt, now };
}
