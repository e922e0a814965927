import type { CacheResponseOptions } from './cache-response-options.interface';
import { CACHE_RESPONSE_METADATA } from './cache-response.constants';
import { CachedResponseDefinition } from './cached-response.definition';

/**
 * Caches the responses of a `GET` handler (and its `HEAD`): status, body and the headers the
 * handler set, replayed on a hit with an `ETag` and `Last-Modified`; a request whose
 * `If-None-Match` matches gets 304 without a body. Authentication, permissions and throttling
 * still run on a hit (the cache is an interceptor, after the guards). Errors are never cached,
 * nor streams and other non-JSON bodies unless `cacheNonJson` is set. An authenticated request's
 * key includes the user unless `public` is set. The same options work as
 * `@ActionConfig({ cacheResponse })` on viewset actions.
 *
 * @example
 * ```ts
 * @CacheResponse({ ttl: 60, statusHeaders: true })
 * @Get(':id')
 * findOne(@Param('id') id: string) { ... }
 * ```
 * @publicApi
 */
export function CacheResponse(options: CacheResponseOptions = {}): MethodDecorator {
  return (target, property, descriptor) => {
    const owner = (target as { constructor: { name: string } }).constructor;
    const definition = new CachedResponseDefinition(
      options.id ?? `${owner.name}.${String(property)}`,
      options,
    );
    Reflect.defineMetadata(CACHE_RESPONSE_METADATA, definition, descriptor.value as object);
    return descriptor;
  };
}
