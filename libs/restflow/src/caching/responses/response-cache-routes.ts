import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { resolveActionConfig, resolveActionSetting } from '../../core/action-config.decorator';
import { routeHandlers } from '../../core/controller-actions.util';
import { NEST_INTERCEPTORS_METADATA } from '../../core/nest-metadata-keys';
import { CACHE_RESPONSE_METADATA } from './cache-response.constants';
import { ResponseCacheInterceptor } from './response-cache.interceptor';

/** Each controller class's own `@UseInterceptors()` list before {@link ResponseCacheRoutes}. */
const DECLARED = new WeakMap<object, { own: unknown[] | undefined }>();

/**
 * Puts the response cache on the controllers that cache something, and only there: a route
 * without interceptors costs Nest nothing, one interceptor costs it an `AsyncResource` and an
 * rxjs chain per request. Decided at boot, after the controllers exist and before Nest reads
 * their interceptors to register the routes (`RestflowModule.configure()` calls {@link apply}).
 *
 * A controller caches something when one of its route handlers has `@CacheResponse()` or an
 * action config with `cacheResponse` (`@ActionConfig` on the class or the handler, the
 * `actionConfigs` map, or a view property), resolved on its instance. A request-scoped
 * controller (no instance at boot) keeps the cache, as before. The interceptor goes first in the
 * class's own interceptor metadata (the class Nest instantiates, never a shared handler), so it
 * runs after the global interceptors and before the controller's own.
 *
 * @internal
 */
@Injectable()
export class ResponseCacheRoutes {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly interceptor: ResponseCacheInterceptor,
  ) {}

  apply(): void {
    for (const wrapper of this.discovery.getControllers()) {
      const type: unknown = wrapper.metatype;
      if (typeof type !== 'function') continue;
      const view: unknown = wrapper.instance;
      const cached =
        !wrapper.isDependencyTreeStatic() ||
        typeof view !== 'object' ||
        view === null ||
        cachesSomething(view);
      setResponseCache(type, cached ? this.interceptor : undefined);
    }
  }
}

/** Whether a route handler of `view` may answer from the response cache. */
function cachesSomething(view: object): boolean {
  for (const [action, handler] of routeHandlers(view)) {
    if (Reflect.getMetadata(CACHE_RESPONSE_METADATA, handler)) return true;
    if (resolveActionConfig(view, action).cacheResponse) return true;
    if (resolveActionSetting(view, action, 'cacheResponse')) return true;
  }
  return false;
}

/**
 * Sets the class's interceptors to those it declares, with `interceptor` first when given.
 * Idempotent, and per app: several apps of one process (tests) may share a controller class,
 * so an interceptor of an earlier app is replaced, never added to.
 */
function setResponseCache(type: object, interceptor: ResponseCacheInterceptor | undefined): void {
  let declared = DECLARED.get(type);
  if (!declared) {
    declared = { own: Reflect.getOwnMetadata(NEST_INTERCEPTORS_METADATA, type) as unknown[] };
    DECLARED.set(type, declared);
  }
  const parent = Object.getPrototypeOf(type) as object;
  const inherited = (Reflect.getMetadata(NEST_INTERCEPTORS_METADATA, parent) ?? []) as unknown[];
  const declaredList = (declared.own ?? inherited).filter(isNotCacheInstance);
  // Always the class's own metadata: what it inherits may carry another controller's cache.
  Reflect.defineMetadata(
    NEST_INTERCEPTORS_METADATA,
    interceptor ? [interceptor, ...declaredList] : (declared.own ?? declaredList),
    type,
  );
}

function isNotCacheInstance(entry: unknown): boolean {
  return !(entry instanceof ResponseCacheInterceptor);
}
