import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { getMetadataArgsStorage, type DataSource } from 'typeorm';
import { resolveActionConfig } from '../core/action-config.decorator';
import type { QuerysetSource } from '../core/action-config.interface';
import { bootedControllers, routeHandlers } from '../core/controller-actions.util';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { GenericAPIView } from './generic-api-view';

/**
 * Checks at boot that every entity a model view's `queryset` names (the view's own, and each
 * action's `@ActionConfig({ queryset })`) is one the app's TypeORM `DataSource` knows. A missing
 * `TypeOrmModule.forFeature()` or entity registration would otherwise answer 500 to every request
 * of the view; here `app.init()` fails with a `RestflowConfigError` naming the view, the entity
 * and the fix. A function queryset builds its own query and is not checked. Registered by
 * `RestflowModule`.
 *
 * @example
 * ```ts
 * TypeOrmModule.forRoot({ type: 'sqljs', entities: [Author] }); // Book missing
 * @ViewSet('books') class BookViewSet extends ModelViewSet<Book> { override queryset = Book; }
 * await app.init(); // RestflowConfigError: BookViewSet.queryset names the entity Book, which the DataSource does not know ...
 * ```
 * @internal
 */
@Injectable()
export class QuerysetEntitiesCheck implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    for (const { view } of bootedControllers(this.discovery)) {
      if (!(view instanceof GenericAPIView)) continue;
      const name = view.constructor.name;
      checkSource(view.dataSource, view.queryset, `${name}.queryset`);
      for (const action of routeHandlers(view).keys()) {
        const { queryset } = resolveActionConfig(view, action);
        checkSource(view.dataSource, queryset, `${name}.${action} @ActionConfig queryset`);
      }
    }
  }
}

function checkSource(
  dataSource: DataSource | undefined,
  source: QuerysetSource | undefined,
  where: string,
): void {
  if (!source || (dataSource && dataSource.hasMetadata(source))) return;
  const decorated = getMetadataArgsStorage().tables.some((table) => table.target === source);
  // Anything else that is not a class is a function of the view and the request that builds
  // its own query.
  if (!decorated && !isEsClass(source)) return;
  const entity = source.name || 'an anonymous class';
  if (!dataSource) {
    throw new RestflowConfigError(
      where,
      `${where} names the entity ${entity}, but the app has no TypeORM DataSource. Fix: import ` +
        `TypeOrmModule.forRoot({ ..., entities: [${entity}] }) in the application module.`,
    );
  }
  throw new RestflowConfigError(
    where,
    decorated
      ? `${where} names the entity ${entity}, which the DataSource does not know, so every ` +
          `request would fail. Fix: add ${entity} to the entities of TypeOrmModule.forRoot() (or ` +
          `import TypeOrmModule.forFeature([${entity}]) with autoLoadEntities: true).`
      : `${where} is the class ${entity}, which is not a TypeORM entity (no @Entity()). Fix: ` +
          `decorate ${entity} with @Entity() and register it with the DataSource, or set the ` +
          'queryset to a function (view, request) => a query builder.',
  );
}

/** Whether `value` is a `class` (not a function that builds a query). */
function isEsClass(value: unknown): boolean {
  return typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value));
}
