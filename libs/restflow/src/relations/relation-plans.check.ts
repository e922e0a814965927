import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { DataSource, ObjectLiteral } from 'typeorm';
import { bootedControllers } from '../core/controller-actions.util';
import type { Serializer, SerializerClass } from '../serializers/serializer';
import { nestedSerializerClassOf, serializerClassesOf } from '../serializers/view-serializers.util';
import { HyperlinkedManyRelatedField } from './hyperlinked-many-related.field';
import { HyperlinkedRelatedField } from './hyperlinked-related.field';
import { relationPlan } from './relation-plan';

const RESPONSE_SERIALIZER_KEYS = ['serializerClass', 'responseSerializerClass'];

/**
 * Works out, at boot, the relation-loading plan of every response serializer of every model view
 * (`serializerClass`, `responseSerializerClass`, on the class and in each action's
 * `ActionConfig`) over the view's `queryset` entity, so that the first request finds it built and
 * a relation that cannot be loaded rejects `app.init()` with a `RestflowConfigError` naming the
 * field and the fix. The hyperlinks these serializers show (and those of their nested
 * serializers) are resolved too: a link to an entity that no view, or several views, serve
 * rejects `app.init()` the same way (after `DetailRoutes` found the routes). Serializers whose fields depend on the request (`static cacheFields =
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
      for (const serializerClass of serializerClassesOf(view, RESPONSE_SERIALIZER_KEYS)) {
        if ((serializerClass as unknown as typeof Serializer).cacheFields === false) continue;
        relationPlan(serializerClass, metadata);
        checkHyperlinks(serializerClass, { dataSource, view }, new Set());
      }
    }
  }
}

/** Resolves the detail route of every hyperlink field of `serializerClass` and its nested serializers. */
function checkHyperlinks(
  serializerClass: SerializerClass,
  context: { dataSource: DataSource; view: object },
  visiting: Set<SerializerClass>,
): void {
  if (visiting.has(serializerClass)) return;
  if ((serializerClass as unknown as typeof Serializer).cacheFields === false) return;
  visiting.add(serializerClass);
  const serializer: Serializer = new serializerClass({ context });
  for (const field of serializer.fields.values()) {
    if (field instanceof HyperlinkedRelatedField || field instanceof HyperlinkedManyRelatedField) {
      field.checkRoute();
    }
    const nested = nestedSerializerClassOf(field);
    if (nested) checkHyperlinks(nested, context, visiting);
  }
}
