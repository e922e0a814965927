import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { DataSource, ObjectLiteral } from 'typeorm';
import { bootedControllers, routeHandlers } from '../core/controller-actions.util';
import { Serializer, type SerializerClass } from '../serializers/serializer';
import { resolveActionConfig } from '../core/action-config.decorator';
import { relationPlan } from './relation-plan';

/**
 * Works out, at boot, the relation-loading plan of every response serializer of every model view
 * (`serializerClass`, `responseSerializerClass`, on the class and in each action's
 * `ActionConfig`) over the view's `queryset` entity, so that the first request finds it built and
 * a relation that cannot be loaded rejects `app.init()` with a `RestflowConfigError` naming the
 * field and the fix. Serializers whose fields depend on the request (`static cacheFields =
 * false`) are planned per request. Registered by `RestflowModule`.
 *
 * @example
 * ```ts
 * await app.init();
 * // RestflowConfigError: ItemSerializer.parts shows the relation Item.parts, which cannot be
 * // loaded by one batched query: it has a composite key. ...
 * ```
 * @publicApi
 */
@Injectable()
export class RelationPlansCheck implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    for (const { view } of bootedControllers(this.discovery)) {
      const candidate = view as { dataSource?: DataSource; queryset?: unknown };
      const dataSource = candidate.dataSource;
      if (!dataSource?.isInitialized || typeof candidate.queryset !== 'function') continue;
      if (!dataSource.hasMetadata(candidate.queryset as new () => ObjectLiteral)) continue;
      const metadata = dataSource.getMetadata(candidate.queryset as new () => ObjectLiteral);
      for (const serializerClass of responseSerializersOf(view)) {
        if ((serializerClass as unknown as typeof Serializer).cacheFields === false) continue;
        relationPlan(serializerClass, metadata);
      }
    }
  }
}

const KEYS = ['serializerClass', 'responseSerializerClass'] as const;

function responseSerializersOf(view: object): SerializerClass[] {
  const found = new Set<unknown>();
  for (const key of KEYS) found.add(Object.getOwnPropertyDescriptor(view, key)?.value);
  const actions = new Set([
    ...Object.keys((view as { actionConfigs?: object }).actionConfigs ?? {}),
    ...routeHandlers(view).keys(),
  ]);
  for (const action of actions) {
    const config = resolveActionConfig(view, action);
    for (const key of KEYS) found.add(config[key]);
  }
  return [...found].filter(
    (value): value is SerializerClass =>
      typeof value === 'function' && value.prototype instanceof Serializer,
  );
}
