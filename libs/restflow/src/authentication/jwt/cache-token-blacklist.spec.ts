import { createCache } from 'cache-manager';
import { Keyv } from 'keyv';
import { CacheTokenBlacklist, ExpiringMemoryStore } from './cache-token-blacklist';

const now = () => Math.floor(Date.now() / 1000);

describe('CacheTokenBlacklist', () => {
  it('remembers a jti under restflow:jwt:bl:<jti> for the rest of the token lifetime', async () => {
    const store = new ExpiringMemoryStore();
    const cache = createCache({ stores: [new Keyv({ store })] });
    const blacklist = new CacheTokenBlacklist(cache);
    expect(await blacklist.has('abc')).toBe(false);
    await blacklist.add('abc', now() + 120);
    expect(await blacklist.has('abc')).toBe(true);
    expect(await blacklist.has('abd')).toBe(false);
    expect(await cache.get('restflow:jwt:bl:abc')).toBe(true);
    const expiresAt = await cache.ttl('restflow:jwt:bl:abc');
    expect((expiresAt ?? 0) - Date.now()).toBeGreaterThan(118_000);
    expect((expiresAt ?? 0) - Date.now()).toBeLessThanOrEqual(121_000);
  });

  it('keeps an already expired jti for one second', async () => {
    const cache = createCache({ stores: [new Keyv({ store: new ExpiringMemoryStore() })] });
    const blacklist = new CacheTokenBlacklist(cache);
    await blacklist.add('old', now() - 3600);
    const expiresAt = (await cache.ttl('restflow:jwt:bl:old')) ?? 0;
    expect(expiresAt - Date.now()).toBeGreaterThan(0);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(1000);
  });

  it('adds a jti once: of concurrent adds exactly one resolves true', async () => {
    const blacklist = CacheTokenBlacklist.inMemory();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => blacklist.add('raced', now() + 60)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await blacklist.add('raced', now() + 60)).toBe(false);
    expect(await blacklist.add('other', now() + 60)).toBe(true);
  });

  it('is process-local over memory stores only', () => {
    expect(CacheTokenBlacklist.inMemory().processLocal).toBe(true);
    expect(new CacheTokenBlacklist(createCache()).processLocal).toBe(true);
    const remote = {
      get: () => undefined,
      set: () => true,
      delete: () => true,
      clear: () => undefined,
    };
    const shared = createCache({ stores: [new Keyv({ store: remote })] });
    expect(new CacheTokenBlacklist(shared).processLocal).toBe(false);
  });

  it('creates independent in-memory blacklists', async () => {
    const first = CacheTokenBlacklist.inMemory();
    const second = CacheTokenBlacklist.inMemory();
    await first.add('x', now() + 60);
    expect(await first.has('x')).toBe(true);
    expect(await second.has('x')).toBe(false);
  });

  it('fails (rather than answering "not blacklisted") when the store fails', async () => {
    const broken = {
      get: () => Promise.reject(new Error('connection lost')),
      set: () => Promise.reject(new Error('connection lost')),
      delete: () => Promise.resolve(false),
      clear: () => Promise.resolve(),
    };
    const cache = createCache({ stores: [new Keyv({ store: broken, throwOnErrors: true })] });
    const blacklist = new CacheTokenBlacklist(cache);
    await expect(blacklist.has('abc')).rejects.toThrow('connection lost');
    await expect(blacklist.add('abc', now() + 60)).rejects.toThrow('connection lost');
  });
});

describe('ExpiringMemoryStore', () => {
  it('forgets entries when their time to live has passed', async () => {
    const store = new ExpiringMemoryStore();
    store.set('a', 1, 20);
    store.set('b', 2);
    expect(store.get('a')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(store.get('a')).toBeUndefined();
    expect(store.has('b')).toBe(true);
  });

  it('sweeps expired entries that are never read again', async () => {
    const store = new ExpiringMemoryStore(0);
    for (let index = 0; index < 50; index++) store.set(`k${index}`, true, 5);
    expect(store.size).toBe(50);
    await new Promise((resolve) => setTimeout(resolve, 20));
    store.set('fresh', true, 60_000);
    expect(store.size).toBe(1);
  });
});
