/**
 * Values computed once per owner and key: a two-level cache whose owners (a view, a serializer
 * class, a data source, an entity's metadata) are held weakly, and its object keys too, so that
 * what an app closed can be collected. A `compute` that throws caches nothing: the next call
 * throws the same error again.
 *
 * @example
 * ```ts
 * const columns = new KeyedCache<EntityMetadata, string, ColumnMetadata | null>();
 * columns.get(metadata, 'slug', () => metadata.findColumnWithPropertyPath('slug') ?? null);
 * ```
 * @internal
 */
export class KeyedCache<TOwner extends object, TKey, TValue> {
  private readonly owners = new WeakMap<TOwner, KeyStore<TKey, TValue>>();

  /** The value of `owner` and `key`, computed by `compute` on the first call. */
  get(owner: TOwner, key: TKey, compute: () => TValue): TValue {
    let store = this.owners.get(owner);
    if (!store) {
      store = new KeyStore();
      this.owners.set(owner, store);
    }
    return store.get(key, compute);
  }
}

/** One owner's values: object keys in a `WeakMap`, other keys in a `Map`. */
class KeyStore<TKey, TValue> {
  private objects: WeakMap<object, TValue> | undefined;
  private primitives: Map<TKey, TValue> | undefined;

  get(key: TKey, compute: () => TValue): TValue {
    if ((typeof key === 'object' && key !== null) || typeof key === 'function') {
      this.objects ??= new WeakMap();
      return cached(this.objects, key as object, compute);
    }
    this.primitives ??= new Map();
    return cached(this.primitives, key, compute);
  }
}

/** The part of `Map` and `WeakMap` the cache uses. */
interface Store<TKey, TValue> {
  has(key: TKey): boolean;
  get(key: TKey): TValue | undefined;
  set(key: TKey, value: TValue): unknown;
}

function cached<TKey, TValue>(
  store: Store<TKey, TValue>,
  key: TKey,
  compute: () => TValue,
): TValue {
  if (store.has(key)) return store.get(key) as TValue;
  const value = compute();
  store.set(key, value);
  return value;
}
