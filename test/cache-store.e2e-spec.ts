import { MemoryCacheStore } from 'nestjs-restflow';
import { cacheStoreContract } from './utils/cache-store-contract';

describe('MemoryCacheStore', () => {
  cacheStoreContract(
    () => new MemoryCacheStore(),
    () => '',
  );

  it('evicts the least recently used entry past maxEntries, and forgets it in the index', async () => {
    const store = new MemoryCacheStore({ maxEntries: 2 });
    const entry = { value: 1, cachedAt: 0, resetAt: null, staleUntil: null };
    await store.set('1:f::a', entry, undefined, ['1:f::']);
    await store.set('1:f::b', entry, undefined, ['1:f::']);
    await store.get('1:f::a');
    await store.set('1:f::c', entry, undefined, ['1:f::']);
    expect(await store.get('1:f::b')).toBeUndefined();
    expect(await store.get('1:f::a')).toBeDefined();
    expect(await store.deleteByPrefix('1:f::')).toBe(2);
  });
});
