import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { bootedControllers, routeHandlers } from '../core/controller-actions.util';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { ActionOptions } from './action.decorator';
import { GenericAPIView } from './generic-api-view';
import { EXTRA_ACTION_METADATA } from './metadata-keys';
import { routePaths } from './view-routes';

/** The standard actions that act on one row, through `getObject()`. */
const DETAIL_ACTIONS = new Set(['retrieve', 'update', 'partialUpdate', 'destroy']);

/**
 * Checks at boot that every detail action of a model view (retrieve, update, partialUpdate,
 * destroy, and `@Action({ detail: true })`) has a route holding the view's `lookupUrlKwarg`
 * parameter. Without it `getObject()` could never find a row and the action would answer 404 to
 * every request (DRF fails such a request with an error naming the parameter); here `app.init()`
 * fails with a `RestflowConfigError` naming the view, the action, its route and the fix.
 * Registered by `RestflowModule`.
 *
 * @example
 * ```ts
 * @View('api/products') // no :id
 * export class ProductDetail extends RetrieveAPIView { ... }
 * await app.init(); // RestflowConfigError: ProductDetail.retrieve is routed at "api/products" ...
 * ```
 * @publicApi
 */
@Injectable()
export class LookupRouteCheck implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    for (const { view, type } of bootedControllers(this.discovery)) {
      if (!(view instanceof GenericAPIView)) continue;
      const kwarg = view.lookupUrlKwarg;
      for (const [action, handler] of routeHandlers(view)) {
        const extra = Reflect.getMetadata(EXTRA_ACTION_METADATA, handler) as
          ActionOptions | undefined;
        const detail = extra ? extra.detail : DETAIL_ACTIONS.has(action);
        if (!detail) continue;
        for (const path of routePaths(type, handler)) {
          if (!hasParameter(path, kwarg)) {
            const name = `${view.constructor.name}.${action}`;
            throw new RestflowConfigError(
              `${name}.lookupUrlKwarg`,
              `${name} acts on one row, but its route "${path}" has no ":${kwarg}" parameter ` +
                `(the view's lookupUrlKwarg), so getObject() could never find the row. Fix: ` +
                `mount the view at a path with ":${kwarg}" (e.g. @View('${path}/:${kwarg}')), ` +
                `or set lookupUrlKwarg to the parameter the route has.`,
            );
          }
        }
      }
    }
  }
}

/** Whether a route path has the parameter `name` (`:id`, `:id?`, `:id(\\d+)`). */
function hasParameter(path: string, name: string): boolean {
  return path
    .split('/')
    .some((segment) => segment.startsWith(':') && /^:([A-Za-z0-9_]+)/.exec(segment)?.[1] === name);
}
