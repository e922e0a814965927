import { RequestMethod } from '@nestjs/common';
import {
  NEST_METHOD_METADATA as METHOD_METADATA,
  NEST_PATH_METADATA as PATH_METADATA,
} from '../core/nest-metadata-keys';
import { routeHandlers } from '../core/controller-actions.util';
import { KeyedCache } from '../core/keyed-cache.util';

/**
 * One route of a view: its action (handler name), HTTP method and path, as segments of the
 * controller path plus the handler path with every parameter written `:`.
 *
 * @internal
 */
export interface ViewRoute {
  readonly action: string;
  readonly method: string;
  readonly segments: readonly string[];
}

/** `Allow` lists methods in this order (as the 405 answers do). */
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

const ROUTES = new WeakMap<object, readonly ViewRoute[]>();
/** Per view class and matched route pattern: the routes {@link routesOfRequest} answers. */
const MATCHED = new KeyedCache<object, string, readonly ViewRoute[]>();
/** Per routes list of {@link MATCHED}: its `Allow` header. */
const ALLOW = new WeakMap<readonly ViewRoute[], string>();

/**
 * Every route of a view class (own and inherited handlers), computed once per class.
 *
 * @internal
 */
export function viewRoutes(view: object): readonly ViewRoute[] {
  const type = view.constructor;
  let routes = ROUTES.get(type);
  if (!routes) {
    const built: ViewRoute[] = [];
    for (const [action, handler] of routeHandlers(view)) {
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
      const method = RequestMethod[requestMethod] ?? 'GET';
      for (const path of routePaths(type, handler)) {
        built.push({ action, method, segments: segmentsOf(path) });
      }
    }
    routes = built;
    ROUTES.set(type, routes);
  }
  return routes;
}

/**
 * Each full route path of a handler of the controller class `type` (every controller path joined
 * with every handler path, parameters as written: `products/:id`).
 *
 * @internal
 */
export function routePaths(type: unknown, handler: object): string[] {
  const controllerPaths = asList(
    typeof type === 'function' ? Reflect.getMetadata(PATH_METADATA, type) : '',
  );
  const handlerPaths = asList(Reflect.getMetadata(PATH_METADATA, handler));
  return controllerPaths.flatMap((controllerPath) =>
    handlerPaths.map((handlerPath) =>
      [controllerPath, handlerPath]
        .flatMap((part) => part.split('/'))
        .filter(Boolean)
        .join('/'),
    ),
  );
}

/**
 * The routes of `view` at the path the request was routed to (the adapter's matched pattern,
 * whose global prefix and `RouterModule` path come before the view's own path). Empty when the
 * adapter does not say which pattern matched.
 *
 * @internal
 */
export function routesOfRequest(view: object, request: object): readonly ViewRoute[] {
  const matched = matchedPattern(request);
  if (matched === undefined) return [];
  // Worked out once per view class and route pattern: every request of a route asks.
  return MATCHED.get(view.constructor, matched, () => matchRoutes(view, segmentsOf(matched)));
}

/** The routes of `view` whose pattern ends the request's matched pattern (its `segments`). */
function matchRoutes(view: object, segments: readonly string[]): readonly ViewRoute[] {
  return viewRoutes(view).filter(
    (route) =>
      route.segments.length <= segments.length &&
      route.segments.every(
        (segment, index) => segments[segments.length - route.segments.length + index] === segment,
      ) &&
      // The longest pattern wins: `notes/count` is not `notes` with a prefix `notes`.
      !viewRoutes(view).some(
        (other) =>
          other.segments.length > route.segments.length &&
          other.segments.length <= segments.length &&
          other.segments.every(
            (segment, index) =>
              segments[segments.length - other.segments.length + index] === segment,
          ),
      ),
  );
}

/**
 * The `Allow` header of a set of routes: their methods, `HEAD` with `GET`, and `OPTIONS`.
 *
 * @internal
 */
export function allowHeader(routes: readonly ViewRoute[]): string {
  let header = ALLOW.get(routes);
  if (header === undefined) {
    header = allowOf(routes);
    ALLOW.set(routes, header);
  }
  return header;
}

function allowOf(routes: readonly ViewRoute[]): string {
  const methods = new Set(routes.map((route) => route.method));
  if (methods.has('GET')) methods.add('HEAD');
  if (methods.has('ALL')) METHOD_ORDER.forEach((method) => methods.add(method));
  methods.add('OPTIONS');
  return METHOD_ORDER.filter((method) => methods.has(method)).join(', ');
}

/** The route pattern the adapter matched: Express `req.route.path`, Fastify `routeOptions.url`. */
function matchedPattern(request: object): string | undefined {
  const express = (request as { route?: { path?: unknown } }).route?.path;
  if (typeof express === 'string') return express;
  const fastify = (request as { routeOptions?: { url?: unknown } }).routeOptions?.url;
  return typeof fastify === 'string' ? fastify : undefined;
}

/**
 * The segments of a route path, every parameter written `:` (`products/:id` → `['products', ':']`):
 * two paths with the same segments route the same URLs.
 *
 * @internal
 */
export function segmentsOf(path: string): string[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? ':' : segment));
}

function asList(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value ?? '']).map((entry) => String(entry));
}
