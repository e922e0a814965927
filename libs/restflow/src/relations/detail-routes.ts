import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ApplicationConfig, DiscoveryService } from '@nestjs/core';
import type { DataSource, ObjectLiteral } from 'typeorm';
import { bootedControllers, routeHandlers } from '../core/controller-actions.util';
import { NEST_PATH_METADATA } from '../core/nest-metadata-keys';
import { RestflowConfigError } from '../exceptions/restflow-config.error';

/**
 * The detail route of an entity: the `retrieve` route of a view over it, as registered.
 *
 * @internal
 */
export interface DetailRoute {
  /** The view class serving it. */
  readonly view: Function; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
  /** The path with the global prefix, parameters written `:name` (`/api/categories/:id`). */
  readonly path: string;
  /** The route parameter holding the lookup value. */
  readonly param: string;
  /** The entity property the value is matched against. */
  readonly lookupField: string;
}

/** Per data source: the detail routes of each entity, found at boot. */
const ROUTES = new WeakMap<DataSource, Map<unknown, DetailRoute[]>>();

/**
 * The detail route `target` rows link to: the one view with a `retrieve` route over it; when
 * several serve it, the view named by `view`, else the view serving the request.
 *
 * @throws {RestflowConfigError} when no view, or more than one, serves it.
 * @internal
 */
export function detailRouteOf(
  dataSource: DataSource,
  target: unknown,
  where: string,
  view?: unknown,
  currentView?: unknown,
): DetailRoute {
  const name = (target as { name?: string }).name ?? String(target);
  let routes = (ROUTES.get(dataSource)?.get(target) ?? []).filter(
    (route) => view === undefined || route.view === view,
  );
  // Several views over the entity: the one serving the request, when it is one of them.
  const current = routes.filter((route) => route.view === currentView);
  if (routes.length > 1 && current.length === 1) routes = current;
  if (routes.length === 0) {
    throw new RestflowConfigError(
      where,
      `${where} links to ${name}, and no view of this app has a retrieve route over it` +
        `${view ? ` in ${(view as { name?: string }).name}` : ''}. Fix: register a viewset with ` +
        `\`queryset = ${name}\` and a retrieve action (ModelViewSet, ReadOnlyModelViewSet).`,
    );
  }
  if (routes.length > 1) {
    throw new RestflowConfigError(
      where,
      `${where} links to ${name}, which several views serve (${routes.map((route) => route.view.name).join(', ')}). ` +
        'Fix: name one with the field option `view`.',
    );
  }
  return routes[0]!;
}

/**
 * Finds, once at boot, the detail route of each entity: every controller whose `queryset` is an
 * entity and which has a `retrieve` handler, with the application's global prefix. What
 * `HyperlinkedRelatedField` and the `url` field of `HyperlinkedModelSerializer` link to, so that
 * no path is written by hand. Registered by `RestflowModule`.
 *
 * @example
 * ```ts
 * // @ViewSet('api/categories') CategoryViewSet { queryset = Category }
 * // -> Category rows link to `${origin}/api/categories/:id`
 * ```
 * @publicApi
 */
@Injectable()
export class DetailRoutes implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: ApplicationConfig,
  ) {}

  onApplicationBootstrap(): void {
    const prefix = trimSlashes(this.config.getGlobalPrefix());
    for (const { view } of bootedControllers(this.discovery)) {
      const candidate = view as {
        queryset?: unknown;
        dataSource?: DataSource;
        lookupField?: string;
        lookupUrlKwarg?: string;
      };
      const dataSource = candidate.dataSource;
      if (!dataSource?.isInitialized || typeof candidate.queryset !== 'function') continue;
      if (!dataSource.hasMetadata(candidate.queryset as new () => ObjectLiteral)) continue;
      const retrieve = routeHandlers(view).get('retrieve');
      if (!retrieve) continue;
      const controllerPath = first(Reflect.getMetadata(NEST_PATH_METADATA, view.constructor));
      const handlerPath = first(Reflect.getMetadata(NEST_PATH_METADATA, retrieve));
      const path = `/${[prefix, trimSlashes(controllerPath), trimSlashes(handlerPath)].filter(Boolean).join('/')}`;
      const param = candidate.lookupUrlKwarg ?? 'id';
      if (!path.includes(`:${param}`)) continue;
      let byEntity = ROUTES.get(dataSource);
      if (!byEntity) ROUTES.set(dataSource, (byEntity = new Map<unknown, DetailRoute[]>()));
      const target = dataSource.getMetadata(candidate.queryset as new () => ObjectLiteral).target;
      const routes = byEntity.get(target) ?? [];
      routes.push({
        view: view.constructor,
        path,
        param,
        lookupField: candidate.lookupField ?? 'id',
      });
      byEntity.set(target, routes);
    }
  }
}

function first(value: unknown): string {
  return String((Array.isArray(value) ? value[0] : value) ?? '');
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}
