import type { PrefixIndex } from './prefix-index';

/** The part of a node-redis v5 client the index uses. */
export interface RedisScriptClient {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/**
 * Records `ARGV[1]` in each set of KEYS and keeps each set alive as long as its longest-lived
 * member (`ARGV[2]` ms; 0 = no expiry).
 */
const ADD_SCRIPT = `
local ttl = tonumber(ARGV[2])
for _, key in ipairs(KEYS) do
  local added = redis.call('SADD', key, ARGV[1])
  if ttl <= 0 then
    redis.call('PERSIST', key)
  else
    local left = redis.call('PTTL', key)
    if (left == -1 and added == 1 and redis.call('SCARD', key) == 1) or (left >= 0 and left < ttl) then
      redis.call('PEXPIRE', key, ttl)
    end
  end
end
return 1
`;

/**
 * Deletes every entry (\`ARGV[1]\` .. member) listed in the set KEYS[1], then the set, in one
 * atomic step; returns how many entries existed.
 */
const TAKE_SCRIPT = `
local members = redis.call('SMEMBERS', KEYS[1])
local removed = 0
local batch = {}
for i, member in ipairs(members) do
  batch[#batch + 1] = ARGV[1] .. member
  if #batch == 500 or i == #members then
    removed = removed + redis.call('DEL', unpack(batch))
    batch = {}
  end
end
redis.call('DEL', KEYS[1])
return removed
`;

/**
 * The prefix index of {@link RedisCacheStore}: one Redis set of keys per prefix, written after
 * the entry (so it lists every live entry) and emptied with the entries it lists in one script.
 * Members of a set whose entries expired are dropped with the set, which lives as long as its
 * longest-lived member. Cost: proportional to the set, never to the keyspace.
 *
 * @internal
 */
export class RedisPrefixIndex implements PrefixIndex {
  constructor(
    private readonly client: () => RedisScriptClient,
    /** Prefix of the index sets' Redis keys. */
    private readonly setPrefix: string,
    /** Prefix of the entries' Redis keys (the Keyv namespace and its separator). */
    private readonly entryPrefix: string,
  ) {}

  async add(key: string, prefixes: readonly string[], ttlMs: number | undefined): Promise<void> {
    await this.client().eval(ADD_SCRIPT, {
      keys: prefixes.map((prefix) => `${this.setPrefix}${prefix}`),
      arguments: [key, String(ttlMs ?? 0)],
    });
  }

  async take(prefix: string): Promise<number> {
    const removed = await this.client().eval(TAKE_SCRIPT, {
      keys: [`${this.setPrefix}${prefix}`],
      arguments: [this.entryPrefix],
    });
    return Number(removed);
  }
}
