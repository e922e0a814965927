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
export { CacheStatus, type CacheMetadata } from './cache-status';
export { cacheResult } from './functions/cache-result';
export { CacheResult } from './functions/cache-result.decorator';
export { CACHE_MISSING, type CachedFunction } from './functions/cached-function.interface';
export type { CacheResultOptions } from './functions/cache-result-options.interface';
export type { CachingOptions } from './caching.options';
export { cachedMethod, type AsyncMethodName } from './functions/cached-method.util';
export { CacheResponse } from './responses/cache-response.decorator';
export type { CacheResponseOptions } from './responses/cache-response-options.interface';
export { ResponseCacheInterceptor } from './responses/response-cache.interceptor';
export { ResponseKeyConstructor } from './responses/response-key-constructor';
export { PathParamsKeyField } from './keys/path-params.key-field';
export { RequestUserKeyField } from './keys/request-user.key-field';
export { RequestOriginKeyField } from './keys/request-origin.key-field';
export {
  InvalidationRule,
  type InvalidationRuleOptions,
  type Invalidator,
  type InvalidationContext,
  type InvalidationTarget,
  type EntityChange,
} from './invalidation/invalidation-rule';
export type { InvalidationJob } from './invalidation/invalidation-job.interface';
export { Dispatcher, type DispatcherClass } from './dispatchers/dispatcher';
export { InlineDispatcher } from './dispatchers/inline.dispatcher';
export {
  BackgroundDispatcher,
  drainBackgroundInvalidations,
} from './dispatchers/background.dispatcher';
export {
  BullMqInvalidationQueue,
  type BullMqInvalidationQueueOptions,
} from './dispatchers/bullmq-invalidation.queue';
