/** Metadata on a prototype: the definitions of its `@CacheResult()` methods. @internal */
export const CACHED_METHODS = 'restflow:cached-methods';
