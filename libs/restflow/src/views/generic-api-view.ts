import type {
  DataSource,
  EntityManager,
  EntityMetadata,
  ObjectLiteral,
  SelectQueryBuilder,
} from 'typeorm';
import { keyColumnTypeOf } from '../core/column-type.util';
import { KeyedCache } from '../core/keyed-cache.util';
import { markObjectLookup } from '../core/object-lookup.util';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { NotFound } from '../exceptions/standard.exceptions';
import { checkObjectPermissions as checkPermissionsOnObject } from '../permissions/check-permissions';
import { APIView } from './api-view';
import { lookupValue } from './lookup-value.util';
import {
  joinShownRelations,
  loadShownRelations,
  loadShownToMany,
  runPostFetches,
} from '../relations/response-relations';
import type { QuerysetSource } from '../core/action-config.interface';
import type { FilterBackend } from '../core/filter-backend.interface';
import type { RestflowRequest } from '../core/restflow-request.interface';
import { resolveViewPolicy } from './view-policy';

/**
 * The base of model views (DRF's `GenericAPIView`): where the rows come from (`queryset` or
 * `getQueryset()`), how one row is found (`lookupField`, `getObject()`), how a list is filtered
 * (`filterBackends`) and paginated (`paginationClass`), and the serializer helpers of
 * {@link APIView}. Compose it with the model mixins, or use the concrete generic views.
 * Generic over its entity: `GenericAPIView<Product>` types `queryset`, `getQueryset()` and
 * `getObject()` with `Product`; without a type argument the rows are untyped (`any`).
 *
 * @example
 * ```ts
 * @View('api/products/:id/stock')
 * export class ProductStockView extends GenericAPIView<Product> {
 *   override queryset = Product;
 *   override serializerClass = StockSerializer;
 *
 *   @Get()
 *   async get(@Req() request: RestflowRequest) {
 *     return this.serializedResponse(request, await this.getObject(request));
 *   }
 * }
 * ```
 * @publicApi
 */
export abstract class GenericAPIView<
  TEntity extends ObjectLiteral = any, // eslint-disable-line @typescript-eslint/no-explicit-any -- untyped when no entity is named
> extends APIView {
  /** The rows: an entity class, or a function of the view and the request returning a query. */
  queryset?: QuerysetSource<TEntity>;
  /** The property that identifies one row. @default 'id' */
  lookupField = 'id';
  /** The route parameter holding the lookup value (generated routes use `:id`). @default 'id' */
  lookupUrlKwarg = 'id';
  /** Filters applied to every query of this view. */
  filterBackends: readonly FilterBackend[] = [];

  /**
   * A fresh query builder over the action's rows: `ActionConfig.queryset`, else `queryset`.
   * Override to scope rows per request (tenant, owner, soft delete).
   */
  getQueryset(request: RestflowRequest): SelectQueryBuilder<TEntity> {
    const source = this.actionConfig(request).queryset ?? this.queryset;
    if (!source) {
      throw new RestflowConfigError(
        `${this.constructor.name}.queryset`,
        `${this.constructor.name} has no queryset. Fix: set \`queryset = MyEntity\`, override ` +
          '`getQueryset(request)`, or give the action an ActionConfig `queryset`.',
      );
    }
    const dataSource = this.requireDataSource();
    const entity = entityOf(dataSource, source);
    if (!entity) {
      // Not an entity: a function of the view and the request that builds the query.
      const build = source as (
        view: unknown,
        request: RestflowRequest,
      ) => SelectQueryBuilder<TEntity>;
      return build(this, request);
    }
    return dataSource.createQueryBuilder<TEntity>(entity.target, entity.alias);
  }

  /** Runs the action's filter backends (`ActionConfig.filterBackends`, else `filterBackends`). */
  async filterQueryset(
    query: SelectQueryBuilder<TEntity>,
    request: RestflowRequest,
  ): Promise<SelectQueryBuilder<TEntity>> {
    let filtered = query;
    for (const backend of this.actionConfig(request).filterBackends ?? this.filterBackends) {
      filtered = await backend.filterQueryset(request, filtered, this);
    }
    return filtered;
  }

  /**
   * The row named by the route: filtered like the list, looked up by `lookupField`, then checked
   * with `checkObjectPermissions`. A missing row, or a value that cannot be a key of the column
   * (`abc` for an integer key), is the 404 envelope, never a 500.
   */
  async getObject(request: RestflowRequest): Promise<TEntity> {
    if (request.params[this.lookupUrlKwarg] === undefined) {
      // DRF's assertion: a route without the parameter could never find a row (boot checks the
      // standard detail actions; this catches custom handlers).
      throw new RestflowConfigError(
        `${this.constructor.name}.lookupUrlKwarg`,
        `${this.constructor.name}.getObject() needs the route parameter ":${this.lookupUrlKwarg}" ` +
          `(lookupUrlKwarg), which the route of action "${this.actionOf(request)}" does not have. ` +
          `Fix: add ":${this.lookupUrlKwarg}" to the route, or set lookupUrlKwarg to its parameter.`,
      );
    }
    const source = this.getQueryset(request);
    // A key that names at most one row needs no ORDER BY: filter sets skip their ordering.
    if (isUniqueLookup(source, this.lookupField)) {
      markObjectLookup(source);
    }
    const query = await this.filterQueryset(source, request);
    const metadata = query.expressionMap.mainAlias?.metadata;
    const column = metadata && lookupColumnOf(metadata, this.lookupField);
    if (!metadata || !column) {
      throw new RestflowConfigError(
        `${this.constructor.name}.lookupField`,
        `${this.constructor.name}.lookupField is "${this.lookupField}", which is not a column of ` +
          `${metadata?.name ?? 'the queryset'}. Fix: name a column property, e.g. 'id' or 'slug'.`,
      );
    }
    const type = keyColumnTypeOf(this.requireDataSource(), column);
    const key = lookupValue(type, request.params[this.lookupUrlKwarg], column.enum);
    if (key === undefined) {
      throw new NotFound();
    }
    // A row that is shown comes with the relations the response serializer shows (a DELETE
    // shows nothing): to-one ones joined into this query, to-many ones by one query each.
    const shownBy =
      request.method === 'DELETE' || !this.getResponseSerializerClass(request)
        ? undefined
        : this.getSerializer(request, { direction: 'response' });
    const plan = shownBy && joinShownRelations(shownBy, query);
    const row = await query
      .andWhere(`${query.alias}.${column.propertyPath} = :restflowLookup`, { restflowLookup: key })
      .getOne();
    if (!row) {
      throw new NotFound();
    }
    await this.checkObjectPermissions(request, row);
    await loadShownToMany(plan, query, [row]);
    if (shownBy) {
      await runPostFetches(shownBy, query, [row], this.actionConfig(request).postFetches ?? []);
    }
    return row;
  }

  /**
   * Reads onto `instances` every relation the response serializer shows (nested serializers,
   * key lists, dotted sources): one query by primary key for the to-one relations, one batched
   * query per to-many relation. The create and update actions call it on the saved row, so that
   * their response shows the relations as stored.
   */
  async loadResponseRelations(
    request: RestflowRequest,
    instances: readonly unknown[],
  ): Promise<void> {
    const rows = instances.filter(
      (instance): instance is ObjectLiteral => typeof instance === 'object' && instance !== null,
    );
    if (rows.length === 0 || !this.dataSource || !this.getResponseSerializerClass(request)) return;
    const serializer = this.getSerializer(request, { direction: 'response' });
    await loadShownRelations(serializer, this.dataSource.manager, rows);
    const postFetches = this.actionConfig(request).postFetches ?? [];
    await runPostFetches(serializer, this.dataSource.manager, rows, postFetches);
  }

  /**
   * Called by `getObject()` with the row it found: runs `hasObjectPermission` of the action's
   * permissions (`@ActionConfig`, then `permissionClasses`, then the `forRoot` defaults) in
   * order. A refusal is 403 `permission_denied` with the permission's message, or 401/403
   * `not_authenticated` for an anonymous request. Override to add checks (call `super` to keep
   * these).
   */
  checkObjectPermissions(request: RestflowRequest, object: TEntity): void | Promise<void> {
    const { permissionClasses } = resolveViewPolicy(
      this,
      this.actionOf(request),
      this.restflowOptions,
    );
    return checkPermissionsOnObject(request, this, object, permissionClasses);
  }

  /**
   * Runs `work` in one database transaction: a `perform*` hook and the write it wraps succeed or
   * fail together.
   */
  protected atomic<TResult>(work: (manager: EntityManager) => Promise<TResult>): Promise<TResult> {
    return this.requireDataSource().transaction(work);
  }

  protected requireDataSource() {
    if (!this.dataSource) {
      throw new RestflowConfigError(
        `${this.constructor.name}.dataSource`,
        `${this.constructor.name} is a model view but the app has no TypeORM DataSource. ` +
          'Fix: import TypeOrmModule.forRoot() in the application module.',
      );
    }
    return this.dataSource;
  }
}

/** Per entity: each lookup field's column (`null`: not a column), and whether it is unique. */
const LOOKUP_COLUMNS = new KeyedCache<EntityMetadata, string, LookupColumn | null>();
type LookupColumn = { column: EntityMetadata['columns'][number]; unique: boolean };

function lookupColumnEntry(metadata: EntityMetadata, lookupField: string): LookupColumn | null {
  return LOOKUP_COLUMNS.get(metadata, lookupField, () => {
    const column = metadata.findColumnWithPropertyPath(lookupField);
    return column ? { column, unique: isUniqueColumn(metadata, column) } : null;
  });
}

/** The column of `lookupField`, found once per entity (TypeORM's lookup is a linear search). */
function lookupColumnOf(
  metadata: EntityMetadata,
  lookupField: string,
): EntityMetadata['columns'][number] | undefined {
  return lookupColumnEntry(metadata, lookupField)?.column;
}

/**
 * Whether `lookupField` names at most one row of the query's entity: the whole primary key, or
 * the only column of a unique constraint or of a unique index without a `WHERE`.
 */
function isUniqueLookup(query: SelectQueryBuilder<ObjectLiteral>, lookupField: string): boolean {
  const alias = query.expressionMap.mainAlias;
  return !!alias?.hasMetadata && !!lookupColumnEntry(alias.metadata, lookupField)?.unique;
}

function isUniqueColumn(metadata: EntityMetadata, column: EntityMetadata['columns'][number]) {
  if (column.isPrimary) return metadata.primaryColumns.length === 1;
  return (
    metadata.uniques.some(
      (unique) => unique.columns.length === 1 && unique.columns[0] === column,
    ) ||
    metadata.indices.some(
      (index) =>
        index.isUnique && !index.where && index.columns.length === 1 && index.columns[0] === column,
    )
  );
}

/** Per data source: each queryset source's entity target and query alias (or null: a factory). */
const ENTITIES = new KeyedCache<DataSource, unknown, ResolvedEntity | null>();
type ResolvedEntity = { target: new () => ObjectLiteral; alias: string };

/** Resolved once per source: getQueryset() runs on every request. */
function entityOf(dataSource: DataSource, source: QuerysetSource): ResolvedEntity | null {
  return ENTITIES.get(dataSource, source, () => {
    if (!dataSource.hasMetadata(source)) return null;
    const { targetName } = dataSource.getMetadata(source);
    return {
      target: source as new () => ObjectLiteral,
      alias: targetName.charAt(0).toLowerCase() + targetName.slice(1),
    };
  });
}
