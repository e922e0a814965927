import type { AbstractHttpAdapter } from '@nestjs/core';

/** Methods probed when a URL is requested with a method it does not serve, in `Allow` order. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

interface ExpressRouteLayer {
  route?: { _handlesMethod(method: string): boolean };
  match(path: string): unknown;
}
interface ExpressInstance {
  router?: { stack?: ExpressRouteLayer[] };
}
interface FastifyInstanceLike {
  findRoute(options: { method: string; url: string }): unknown;
}

/**
 * The methods the HTTP adapter routes for a concrete path, asked of the adapter's own router so
 * that global prefixes, versioning and `RouterModule` paths count exactly as Nest registered them.
 * An empty list means no route matches the path at all.
 *
 * @internal
 */
export function allowedMethods(adapter: AbstractHttpAdapter, url: string): string[] {
  const path = url.split('?', 1)[0] ?? '/';
  const type = adapter.getType();
  if (type === 'fastify') {
    const fastify = adapter.getInstance<FastifyInstanceLike>();
    return METHODS.filter((method) => fastify.findRoute({ method, url: path }) != null);
  }
  if (type === 'express') {
    const layers = adapter.getInstance<ExpressInstance>().router?.stack ?? [];
    const handled = layers
      .filter((layer) => layer.route && layer.match(path))
      .map((layer) => METHODS.filter((method) => layer.route?._handlesMethod(method)))
      // Nest mounts middleware as routes for every method; such a layer says nothing about
      // which methods the path serves (a real catch-all route would have answered already).
      .filter((methods) => methods.length < METHODS.length);
    return METHODS.filter((method) => handled.some((methods) => methods.includes(method)));
  }
  return [];
}
