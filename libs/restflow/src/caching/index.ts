export { CacheKeyField, type KeyFieldOptions } from './keys/cache-key-field';
export { ConstantKeyField } from './keys/constant.key-field';
export { ArgsKeyField, type ArgsKeyFieldOptions } from './keys/args.key-field';
export { RequestValueKeyField, type RequestKeyFieldOptions } from './keys/request-value.key-field';
export { QueryParamsKeyField } from './keys/query-params.key-field';
export { EntitySchemaKeyField } from './keys/entity-schema.key-field';
export { SerializerShapeKeyField } from './keys/serializer-shape.key-field';
export type { KeyCall } from './keys/key-call.interface';
export {
  KeyConstructor,
  InlineKeyConstructor,
  DefaultKeyConstructor,
  type KeyConstructorMeta,
  type KeyConstructorClass,
  type BuiltCacheKey,
} from './keys/key-constructor';
export type { CacheEntry } from './stores/cache-entry.interface';
export { CacheStore } from './stores/cache-store';
export { KeyvCacheStore, type KeyvCacheStoreOptions } from './stores/keyv-cache.store';
export { MemoryCacheStore, type MemoryCacheStoreOptions } from './stores/memory-cache.store';
export { RedisCacheStore, type RedisCacheStoreOptions } from './stores/redis-cache.store';
export { CacheStoreTimeoutError } from './stores/with-timeout.util';
