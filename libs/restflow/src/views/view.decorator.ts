import { Controller, Req, RequestMapping, RequestMethod, UseGuards } from '@nestjs/common';
import {
  NEST_METHOD_METADATA as METHOD_METADATA,
  NEST_PATH_METADATA as PATH_METADATA,
} from '../core/nest-metadata-keys';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { routeHandlers } from '../core/controller-actions.util';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { RestflowRequest } from '../core/restflow-request.interface';
import { ViewHeadersGuard } from './view-headers.guard';
import { segmentsOf } from './view-routes';
import { ACTION_CONFIG_METADATA } from '../core/restflow-metadata-keys';
import { VIEWSET_METADATA } from './metadata-keys';
import { AuthenticationGuard } from '../authentication/authentication.guard';
import { PermissionsGuard } from '../permissions/permissions.guard';
import { ThrottleGuard } from '../throttling/throttle.guard';
import { ViewActionGuard } from './view-action.guard';

/**
 * Turns a view class into a Nest controller at `path` (DRF's URL pattern of a view). Actions
 * overridden without route decorators keep the route of the action they override, so
 * `override list(request) { return super.list(request); }` stays `GET /path`.
 *
 * Every path of the view also answers `OPTIONS` with the view's metadata (DRF's
 * `SimpleMetadata`, see `APIView.getMetadata()`), as the action `metadata`; and every answer of
 * the view carries `Allow` (the methods of its path) and `Vary: Accept`.
 *
 * @example
 * ```ts
 * @View('api/products/:id')
 * export class ProductDetail extends RetrieveUpdateDestroyAPIView {
 *   override queryset = Product;
 *   override serializerClass = ProductSerializer;
 * }
 * ```
 * @publicApi
 */
export function View(path: string): ClassDecorator {
  return (target) => {
    inheritRoutes(target);
    addMetadataRoute(target);
    staticRoutesFirst(target);
    Controller(path)(target);
    // Allow and Vary on every answer; then DRF's order: authenticate, check permissions, check
    // throttles; then the action's own checks.
    UseGuards(
      ViewHeadersGuard,
      AuthenticationGuard,
      PermissionsGuard,
      ThrottleGuard,
      ViewActionGuard,
    )(target);
  };
}

/**
 * Metadata of a viewset, for routers and the API root.
 *
 * @example
 * ```ts
 * const { prefix, basename } = Reflect.getMetadata(VIEWSET_METADATA, ProductViewSet) as ViewSetMetadata;
 * ```
 * @publicApi
 */
export interface ViewSetMetadata {
  /** The controller path, such as `api/products`. */
  prefix: string;
  /** The name in the API root, such as `products`. */
  basename: string;
}

/**
 * Mounts a viewset under `prefix` (DRF's `router.register(prefix, ViewSet)`): the collection
 * actions at `/prefix`, the detail actions at `/prefix/:id`, extra actions below them. Only the
 * routes of the actions the viewset has exist; other methods on those paths answer 405 with
 * `Allow`. The viewset is listed by the API root under `basename`.
 *
 * @example
 * ```ts
 * @ViewSet('api/products')
 * export class ProductViewSet extends ModelViewSet {
 *   override queryset = Product;
 *   override serializerClass = ProductSerializer;
 * }
 * ```
 * @publicApi
 */
export function ViewSet(prefix: string, options: { basename?: string } = {}): ClassDecorator {
  return (target) => {
    View(prefix)(target);
    const basename = options.basename ?? prefix.split('/').filter(Boolean).pop() ?? prefix;
    const metadata: ViewSetMetadata = { prefix, basename };
    Reflect.defineMetadata(VIEWSET_METADATA, metadata, target);
  };
}

/** Marks the `OPTIONS` handler `@View()` generated, which a subclass's `@View()` replaces. */
const GENERATED_METADATA = Symbol('restflow:generated-metadata-handler');

/**
 * Adds the action `metadata`: `OPTIONS` on every path the view's actions are routed at (static
 * paths first, so that Express does not match `count` as `:id`), answered by `getMetadata()`.
 * Left out of the OpenAPI document, as DRF's schema leaves `OPTIONS` out.
 */
function addMetadataRoute(target: object & { prototype: object }): void {
  const prototype = target.prototype as Record<string, unknown>;
  const existing = Object.getOwnPropertyDescriptor(prototype, 'metadata')?.value as unknown;
  const inherited = (prototype as { metadata?: unknown }).metadata;
  for (const candidate of [existing, inherited]) {
    if (candidate !== undefined && !isGenerated(candidate)) {
      throw new RestflowConfigError(
        `${(target as { name?: string }).name ?? 'View'}.metadata`,
        `${(target as { name?: string }).name ?? 'The view'} has a member named "metadata", the ` +
          'action @View() adds for OPTIONS requests. Fix: rename the member; override ' +
          'getMetadata(request) to change what OPTIONS answers.',
      );
    }
  }
  const paths = new Map<string, string>();
  for (const handler of routeHandlers(Object.create(prototype) as object).values()) {
    if (isGenerated(handler)) continue;
    if (Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.OPTIONS) return;
    const declared = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
    for (const each of Array.isArray(declared) ? declared : [declared]) {
      const path = String(each ?? '');
      const key = segmentsOf(path).join('/');
      if (!paths.has(key)) paths.set(key, path);
    }
  }
  if (paths.size === 0) return;
  const ordered = [...paths].sort(([a], [b]) => Number(a.includes(':')) - Number(b.includes(':')));
  function metadata(
    this: { getMetadata(request: RestflowRequest): unknown },
    request: RestflowRequest,
  ): unknown {
    return this.getMetadata(request);
  }
  const handler = metadata;
  Reflect.defineMetadata(GENERATED_METADATA, true, handler);
  const descriptor: PropertyDescriptor = {
    value: handler,
    writable: true,
    enumerable: false,
    configurable: true,
  };
  Object.defineProperty(prototype, 'metadata', descriptor);
  Req()(prototype, 'metadata', 0);
  RequestMapping({ path: ordered.map(([, path]) => path), method: RequestMethod.OPTIONS })(
    prototype,
    'metadata',
    descriptor,
  );
  ApiExcludeEndpoint()(prototype, 'metadata', descriptor);
}

function isGenerated(handler: unknown): boolean {
  return typeof handler === 'function' && Reflect.hasOwnMetadata(GENERATED_METADATA, handler);
}

/**
 * Nest reads a route from the handler function itself, so an override without decorators would
 * lose it. Copy the overridden action's route metadata onto such overrides (never onto methods
 * that declare their own route).
 */
function inheritRoutes(target: object & { prototype: object }): void {
  const prototype = target.prototype as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(prototype)) {
    const own = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
    if (name === 'constructor' || typeof own !== 'function') continue;
    if (Reflect.hasOwnMetadata(PATH_METADATA, own)) continue;
    const inherited = findInherited(Object.getPrototypeOf(prototype) as object | null, name);
    if (!inherited) continue;
    for (const key of Reflect.getOwnMetadataKeys(inherited) as unknown[]) {
      if (key === ACTION_CONFIG_METADATA || Reflect.hasOwnMetadata(key, own)) continue;
      Reflect.defineMetadata(key, Reflect.getOwnMetadata(key, inherited), own);
    }
  }
}

/**
 * Express matches routes in registration order and Nest registers a class's own methods first,
 * in declaration order: an own `:id` action declared before a static one (`GET /notes/count`, or
 * one inherited) would catch its requests. Redefine the route handlers on the class itself,
 * static paths first, so that the order never depends on where an action was declared.
 */
function staticRoutesFirst(target: object & { prototype: object }): void {
  const prototype = target.prototype as Record<string, unknown>;
  const routes = new Map<string, { handler: unknown; dynamic: boolean }>();
  for (
    let current: object | null = prototype;
    current && current !== Object.prototype;
    current = Object.getPrototypeOf(current) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(current)) {
      if (name === 'constructor' || routes.has(name)) continue;
      const handler = Object.getOwnPropertyDescriptor(current, name)?.value as unknown;
      if (typeof handler !== 'function' || !Reflect.hasOwnMetadata(PATH_METADATA, handler)) {
        if (current === prototype) routes.set(name, { handler: undefined, dynamic: false });
        continue;
      }
      const path = String(Reflect.getOwnMetadata(PATH_METADATA, handler));
      routes.set(name, { handler, dynamic: path.includes(':') });
    }
  }
  const ordered = [...routes].filter(([, route]) => route.handler !== undefined);
  const dynamicIndex = ordered.findIndex(([, route]) => route.dynamic);
  const staticAfter = ordered.slice(dynamicIndex + 1).some(([, route]) => !route.dynamic);
  if (dynamicIndex === -1 || !staticAfter) return;
  ordered.sort(([, a], [, b]) => Number(a.dynamic) - Number(b.dynamic));
  for (const [name, route] of ordered) {
    const own = Object.getOwnPropertyDescriptor(prototype, name);
    delete prototype[name];
    Object.defineProperty(prototype, name, {
      value: route.handler,
      writable: own?.writable ?? true,
      enumerable: own?.enumerable ?? false,
      configurable: true,
    });
  }
}

function findInherited(prototype: object | null, name: string): object | undefined {
  for (
    let current = prototype;
    current;
    current = Object.getPrototypeOf(current) as object | null
  ) {
    const candidate = Object.getOwnPropertyDescriptor(current, name)?.value as unknown;
    if (typeof candidate === 'function' && Reflect.hasOwnMetadata(PATH_METADATA, candidate)) {
      return candidate;
    }
  }
  return undefined;
}
