import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { RedisCacheStore } from 'nestjs-restflow';
import { cacheStoreContract } from './utils/cache-store-contract';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('RedisCacheStore', () => {
  const namespace = `restflow-test:${randomBytes(6).toString('hex')}`;
  cacheStoreContract(
    () => new RedisCacheStore({ url: REDIS_URL, namespace }),
    () => `${randomBytes(4).toString('hex')}|`,
  );

  it('writes only under its namespace, and deleteByPrefix leaves nothing behind', async () => {
    const own = `${namespace}-own`;
    const store = new RedisCacheStore({ url: REDIS_URL, namespace: own });
    await store.ready(5000);
    const probe = await createClient({ url: REDIS_URL }).connect();
    try {
      const entry = { value: 1, cachedAt: 0, resetAt: null, staleUntil: null };
      await store.set('1:g::a', entry, 10_000, ['1:g::']);
      // KEYS here is the test looking, on its own namespace; the store never uses it.
      const keys = await probe.keys(`${own}*`);
      expect(keys.sort()).toEqual([`${own}::1:g::a`, `${own}::idx::1:g::`].sort());
      expect(await store.deleteByPrefix('1:g::')).toBe(1);
      expect(await probe.keys(`${own}*`)).toEqual([]);
    } finally {
      await store.close();
      await probe.close();
    }
  });
});
