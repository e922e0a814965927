import { KeyedCache } from './keyed-cache.util';

describe('KeyedCache', () => {
  it('computes once per owner and key, for string and object keys alike', () => {
    const cache = new KeyedCache<object, unknown, number>();
    const owner = {};
    const objectKey = {};
    let calls = 0;
    const compute = () => ++calls;
    expect(cache.get(owner, 'a', compute)).toBe(1);
    expect(cache.get(owner, 'a', compute)).toBe(1);
    expect(cache.get(owner, objectKey, compute)).toBe(2);
    expect(cache.get(owner, objectKey, compute)).toBe(2);
    expect(cache.get({}, 'a', compute)).toBe(3);
    expect(calls).toBe(3);
  });

  it('keeps null and undefined results as computed values', () => {
    const cache = new KeyedCache<object, string, null | undefined>();
    const owner = {};
    const compute = jest.fn((): null | undefined => undefined);
    cache.get(owner, 'missing', compute);
    cache.get(owner, 'missing', compute);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('caches nothing when compute throws: the next call computes again', () => {
    const cache = new KeyedCache<object, string, number>();
    const owner = {};
    expect(() =>
      cache.get(owner, 'bad', () => {
        throw new Error('no such path');
      }),
    ).toThrow('no such path');
    expect(cache.get(owner, 'bad', () => 7)).toBe(7);
  });
});
