/** Metadata on a handler: its {@link CachedResponseDefinition}. @internal */
export const CACHE_RESPONSE_METADATA = 'restflow:cache-response';
