import type { CacheEntry, CacheStore } from 'nestjs-restflow';

const entry = (value: unknown, ttlMs?: number): CacheEntry => ({
  value,
  cachedAt: Date.now(),
  resetAt: ttlMs === undefined ? null : Date.now() + ttlMs,
  staleUntil: null,
});

/**
 * The behaviour every CacheStore must have: the one suite the memory and Redis stores pass.
 * `prefix` keeps each run's keys apart (shared Redis).
 */
export function cacheStoreContract(create: () => CacheStore, prefix: () => string): void {
  let store: CacheStore;
  beforeEach(async () => {
    store = create();
    await store.ready(5000);
  });
  afterEach(() => store.close());

  it('reads back what it stored, as JSON', async () => {
    const key = `${prefix()}1:f::a`;
    await store.set(key, entry({ n: 1, when: new Date(0), gone: undefined }), 10_000, []);
    const read = await store.get(key);
    expect(read?.value).toEqual({ n: 1, when: '1970-01-01T00:00:00.000Z' });
    expect(await store.get(`${prefix()}1:f::missing`)).toBeUndefined();
  });

  it('expires entries after their TTL', async () => {
    const key = `${prefix()}1:f::ttl`;
    await store.set(key, entry('v', 80), 80, []);
    expect((await store.get(key))?.value).toBe('v');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await store.get(key)).toBeUndefined();
  });

  it('deletes one entry', async () => {
    const key = `${prefix()}1:f::del`;
    await store.set(key, entry(1), 10_000, []);
    expect(await store.delete(key)).toBe(true);
    expect(await store.get(key)).toBeUndefined();
  });

  it('deletes by prefix exactly the entries indexed under it', async () => {
    const p = prefix();
    const root = `${p}1:f::`;
    const user4 = `${root}u:4::`;
    const user42 = `${root}u:42::`;
    await store.set(`${user4}a`, entry(1), 10_000, [root, user4]);
    await store.set(`${user4}b`, entry(2), 10_000, [root, user4]);
    await store.set(`${user42}a`, entry(3), 10_000, [root, user42]);
    expect(await store.deleteByPrefix(user4)).toBe(2);
    expect(await store.get(`${user4}a`)).toBeUndefined();
    expect(await store.get(`${user4}b`)).toBeUndefined();
    expect((await store.get(`${user42}a`))?.value).toBe(3);
    expect(await store.deleteByPrefix(root)).toBe(1);
    expect(await store.get(`${user42}a`)).toBeUndefined();
    expect(await store.deleteByPrefix(root)).toBe(0);
  });

  it('treats glob characters in a prefix literally', async () => {
    const p = prefix();
    const star = `${p}1:f::u:*::`;
    const other = `${p}1:f::u:x::`;
    await store.set(`${star}a`, entry(1), 10_000, [star]);
    await store.set(`${other}a`, entry(2), 10_000, [other]);
    expect(await store.deleteByPrefix(`${p}1:f::u:?::`)).toBe(0);
    expect(await store.deleteByPrefix(star)).toBe(1);
    expect((await store.get(`${other}a`))?.value).toBe(2);
  });

  it('keeps versions apart', async () => {
    const p = prefix();
    await store.set(`${p}1:f::a`, entry('v1'), 10_000, [`${p}1:f::`]);
    await store.set(`${p}2:f::a`, entry('v2'), 10_000, [`${p}2:f::`]);
    expect(await store.deleteByPrefix(`${p}1:f::`)).toBe(1);
    expect((await store.get(`${p}2:f::a`))?.value).toBe('v2');
  });

  it('overwrites an entry, which stays deletable by prefix', async () => {
    const p = prefix();
    await store.set(`${p}1:f::a`, entry(1), 10_000, [`${p}1:f::`]);
    await store.set(`${p}1:f::a`, entry(2), 10_000, [`${p}1:f::`]);
    expect((await store.get(`${p}1:f::a`))?.value).toBe(2);
    expect(await store.deleteByPrefix(`${p}1:f::`)).toBe(1);
  });
}
