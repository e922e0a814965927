import { Inject, Optional } from '@nestjs/common';
import { DataSource, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { getRestflowOptionsToken } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import type { AuthenticatorClass } from '../authentication/authenticator.interface';
import type { PermissionSpec } from '../permissions/permission.interface';
import type { ThrottleClass } from '../throttling/throttle.interface';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { PaginatorClass } from '../pagination/paginator.interface';
import type { Serializer, SerializerClass, SerializerOptions } from '../serializers/serializer';
import type { SerializerContext } from '../serializers/serializer-context.interface';
import type { ActionConfigOptions } from '../core/action-config.interface';
import { resolveActionConfig } from '../core/action-config.decorator';
import { REQUEST_ACTION } from '../core/restflow-metadata-keys';
import { iterateQuery } from '../responses/iterate-query';
import type { PostFetch } from '../relations/post-fetch';
import type { RelationPlan } from '../relations/relation-plan';
import {
  joinShownRelations,
  loadShownToMany,
  runPostFetches,
} from '../relations/response-relations';
import type { RestflowRequest } from '../core/restflow-request.interface';
import { APIException } from '../exceptions/api.exception';
import { checkPermissions } from '../permissions/check-permissions';
import { serializerMetadata, type FieldMetadata, type ViewMetadata } from './view-metadata';
import { setViewHeaders } from './view-response';
import { routesOfRequest } from './view-routes';
import { resolveViewPolicy } from './view-policy';

/** Which serializer a helper uses: the request one, the response one, or the plain one. */
export type SerializerDirection = 'request' | 'response';

/**
 * Options of {@link APIView.getSerializer} and the helpers built on it.
 *
 * @example
 * ```ts
 * this.getSerializer(request, { instance: product, direction: 'response' });
 * ```
 * @publicApi
 */
export interface GetSerializerOptions<TInstance = unknown> extends SerializerOptions<TInstance> {
  /** Use this class instead of the resolved one. */
  serializerClass?: SerializerClass;
  /** Resolve the request or the response serializer class. */
  direction?: SerializerDirection;
}

/**
 * The base of every restflow view, for endpoints that are not tied to a model (DRF's `APIView`
 * with drf-restflow's helper surface). Subclass it, decorate the class with `@View()` and write
 * handlers that use the helpers:
 *
 * - `validatedSerializer(request)`: the valid request serializer, or a 400 envelope;
 * - `serializedResponse(request, instance)`: the representation by the response serializer;
 * - `paginatedResponse(request, query)`: one page of a query, serialized and wrapped.
 *
 * The serializer classes resolve per action through overridable getters: `ActionConfig`, then
 * `requestSerializerClass` / `responseSerializerClass`, then `serializerClass`.
 *
 * @example
 * ```ts
 * @View('api/contact')
 * export class ContactView extends APIView {
 *   override requestSerializerClass = ContactMessageSerializer;
 *   override responseSerializerClass = TicketSerializer;
 *
 *   @Post()
 *   async send(@Req() request: RestflowRequest) {
 *     const serializer = await this.validatedSerializer(request);
 *     return this.serializedResponse(request, await tickets.open(serializer.validatedData));
 *   }
 * }
 * ```
 * @publicApi
 */
export abstract class APIView {
  /** Serializer for both directions. */
  serializerClass?: SerializerClass;
  /** Serializer of request bodies. */
  requestSerializerClass?: SerializerClass;
  /** Serializer of responses. */
  responseSerializerClass?: SerializerClass;
  /** Paginator of lists; `null` returns plain arrays; unset uses `forRoot({ pagination })`. */
  paginationClass?: PaginatorClass | null;
  /** The authenticator chain; unset uses `forRoot({ authentication })`. */
  authenticationClasses?: readonly AuthenticatorClass[];
  /** Permissions that must all allow; unset uses `forRoot({ permissions })`. */
  permissionClasses?: readonly PermissionSpec[];
  /** Throttles; unset uses `forRoot({ throttling })`. */
  throttleClasses?: readonly ThrottleClass[];
  /** The rate scope of `ScopedRateThrottle` for every action of the view. */
  throttleScope?: string;
  /** Per-action settings, keyed by action (handler) name. */
  actionConfigs?: Readonly<Record<string, ActionConfigOptions>>;
  /** The name `OPTIONS` answers; unset: from the class name (`ProductViewSet` → `Product`). */
  viewName?: string;
  /** The description `OPTIONS` answers (DRF: the docstring). @default '' */
  viewDescription?: string;

  /** The app's TypeORM data source (absent when the app has none). */
  @Optional()
  @Inject(DataSource)
  readonly dataSource?: DataSource;

  @Inject(getRestflowOptionsToken())
  protected readonly restflowOptions!: ResolvedRestflowOptions;

  /** The action (handler name) serving the request. */
  protected actionOf(request: RestflowRequest): string {
    return (request as unknown as Record<symbol, string | undefined>)[REQUEST_ACTION] ?? '';
  }

  /** The merged `ActionConfig` of the request's action. */
  protected actionConfig(request: RestflowRequest): ActionConfigOptions {
    return resolveActionConfig(this, this.actionOf(request));
  }

  /** Serializer for both directions. Override to choose per request. */
  getSerializerClass(request: RestflowRequest): SerializerClass | undefined {
    return this.actionConfig(request).serializerClass ?? this.serializerClass;
  }

  /** Serializer of the request body. Override to choose per request. */
  getRequestSerializerClass(request: RestflowRequest): SerializerClass | undefined {
    const config = this.actionConfig(request);
    return (
      config.requestSerializerClass ??
      this.requestSerializerClass ??
      config.serializerClass ??
      this.serializerClass
    );
  }

  /** Serializer of the response. Override to choose per request. */
  getResponseSerializerClass(request: RestflowRequest): SerializerClass | undefined {
    const config = this.actionConfig(request);
    return (
      config.responseSerializerClass ??
      this.responseSerializerClass ??
      config.serializerClass ??
      this.serializerClass
    );
  }

  /** Paginator of the request's action; `undefined` when lists are not paginated. */
  getPaginationClass(request: RestflowRequest): PaginatorClass | undefined {
    const config = this.actionConfig(request);
    const chosen =
      config.paginationClass !== undefined
        ? config.paginationClass
        : this.paginationClass !== undefined
          ? this.paginationClass
          : this.restflowOptions.pagination.defaultPaginationClass;
    return chosen ?? undefined;
  }

  /** What serializers of this view get as `context`. Override to add your own keys. */
  getSerializerContext(request: RestflowRequest): SerializerContext {
    return {
      request,
      view: this,
      dataSource: this.dataSource,
      nonFieldErrorsKey: this.restflowOptions.exceptions.nonFieldErrorsKey,
    };
  }

  /** A serializer of the resolved class, with this view's context. */
  getSerializer<TSerializer extends Serializer = Serializer>(
    request: RestflowRequest,
    options: GetSerializerOptions = {},
  ): TSerializer {
    const { serializerClass, direction, ...serializerOptions } = options;
    const resolvedClass =
      serializerClass ??
      (direction === 'request'
        ? this.getRequestSerializerClass(request)
        : direction === 'response'
          ? this.getResponseSerializerClass(request)
          : this.getSerializerClass(request));
    if (!resolvedClass) {
      throw new RestflowConfigError(
        `${this.constructor.name}.serializerClass`,
        `${this.constructor.name} requires \`serializerClass\` or a \`serializerClass\` option. ` +
          'Fix: set `serializerClass` on the view or in its ActionConfig.',
      );
    }
    return new resolvedClass({
      context: this.getSerializerContext(request),
      ...serializerOptions,
    } as SerializerOptions<never>) as TSerializer;
  }

  /**
   * The request serializer over the body (or `data`), validated: resolves the valid serializer
   * or throws the 400 `validation_error` envelope.
   */
  async validatedSerializer<TSerializer extends Serializer = Serializer>(
    request: RestflowRequest,
    options: GetSerializerOptions = {},
  ): Promise<TSerializer> {
    const serializer = this.getSerializer<TSerializer>(request, {
      direction: 'request',
      ...options,
      // No body at all reads as an empty object, so required fields say so.
      data: options.data ?? request.body ?? {},
    });
    await serializer.isValid({ raiseException: true });
    return serializer;
  }

  /**
   * The representation of one instance (or of many) by the response serializer; `headers` are
   * set on the response (DRF's `headers=`).
   */
  serializedResponse(
    request: RestflowRequest,
    instance: unknown,
    options: {
      many?: boolean;
      serializerClass?: SerializerClass;
      headers?: Readonly<Record<string, string>>;
    } = {},
  ): unknown {
    setViewHeaders(request, options.headers, 'serializedResponse');
    const serializer = this.getSerializer(request, {
      direction: 'response',
      serializerClass: options.serializerClass,
    });
    return options.many
      ? (instance as unknown[]).map((item) => serializer.toRepresentation(item))
      : serializer.toRepresentation(instance);
  }

  /**
   * One page of `query` serialized by the response serializer and wrapped by the paginator
   * (`{ count, next, previous, results }`, ...), or the whole list as a plain array when the
   * action has no paginator. `headers` are set on the response (DRF's `headers=`).
   */
  async paginatedResponse<TEntity extends ObjectLiteral>(
    request: RestflowRequest,
    query: SelectQueryBuilder<TEntity>,
    options: {
      serializerClass?: SerializerClass;
      paginationClass?: PaginatorClass | null;
      /** Attached to the page's rows (default: the action's `ActionConfig.postFetches`). */
      postFetches?: readonly PostFetch[];
      headers?: Readonly<Record<string, string>>;
    } = {},
  ): Promise<unknown> {
    setViewHeaders(request, options.headers, 'paginatedResponse');
    const serializer = this.getSerializer(request, {
      direction: 'response',
      serializerClass: options.serializerClass,
    });
    const postFetches = options.postFetches ?? this.actionConfig(request).postFetches ?? [];
    const paginationClass =
      options.paginationClass === undefined
        ? this.getPaginationClass(request)
        : (options.paginationClass ?? undefined);
    // The relations the serializer shows: to-one joined here, to-many loaded per page below.
    const plan = joinShownRelations(serializer, query);
    if (!paginationClass) {
      return representRows(serializer, plan, query, await query.getMany(), postFetches);
    }
    const page = await paginatorOf(paginationClass).paginate(
      query,
      request,
      this.restflowOptions.pagination,
    );
    return page.body(await representRows(serializer, plan, query, page.items, postFetches));
  }

  /**
   * Every row of `query`, read in keyset batches by `iterateQuery()` and turned into the
   * representation of the response serializer batch by batch: the items of a streaming response
   * (`new NDJSONResponse(this.serializedRows(request, query))`), in constant memory. As for a
   * page of `paginatedResponse()`, the to-one relations the serializer shows are joined, and its
   * to-many relations and the action's `postFetches` are loaded per batch.
   */
  serializedRows<TEntity extends ObjectLiteral>(
    request: RestflowRequest,
    query: SelectQueryBuilder<TEntity>,
    options: {
      serializerClass?: SerializerClass;
      ordering?: string;
      batchSize?: number;
      /** Attached to each batch (default: the action's `ActionConfig.postFetches`). */
      postFetches?: readonly PostFetch[];
    } = {},
  ): AsyncGenerator<unknown, void, undefined> {
    const serializer = this.getSerializer(request, {
      direction: 'response',
      serializerClass: options.serializerClass,
    });
    const postFetches = options.postFetches ?? this.actionConfig(request).postFetches ?? [];
    const plan = joinShownRelations(serializer, query);
    return iterateQuery(query, {
      ordering: options.ordering,
      batchSize: options.batchSize,
      mapBatch: (rows) => representRows(serializer, plan, query, rows, postFetches),
    });
  }

  /**
   * The name `OPTIONS` answers (DRF's `get_view_name`): `viewName`, else the class name without
   * `ViewSet` / `APIView` / `View`, words split (`ProductViewSet` → `Product`), with ` List` or
   * ` Instance` on the collection and detail paths of a viewset.
   */
  getViewName(request: RestflowRequest): string {
    if (this.viewName !== undefined) return this.viewName;
    const className = this.constructor.name;
    const words = className
      .replace(/(ViewSet|APIView|View)$/, '')
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .trim();
    if (!className.endsWith('ViewSet')) return words;
    const actions = new Set(routesOfRequest(this, request).map((route) => route.action));
    const detail = ['retrieve', 'update', 'partialUpdate', 'destroy'];
    const suffix =
      actions.has('list') || actions.has('create')
        ? ' List'
        : detail.some((action) => actions.has(action))
          ? ' Instance'
          : '';
    return `${words}${suffix}`;
  }

  /** The description `OPTIONS` answers (DRF's `get_view_description`): `viewDescription`. */
  getViewDescription(_request: RestflowRequest): string {
    return this.viewDescription ?? '';
  }

  /**
   * The answer to `OPTIONS` (DRF's `SimpleMetadata`): `name`, `description`, `renders`, `parses`
   * (`forRoot({ parsers: { mediaTypes } })`) and, under `actions`, the request serializer's
   * fields for each of `PUT` and `POST` that the path serves and the caller may use: the
   * action's permissions are checked as for that method (for `PUT` on a model view the row is
   * fetched and its object permissions checked too); a refusal leaves the method out. Override
   * to answer more.
   *
   * @example
   * ```ts
   * override async getMetadata(request: RestflowRequest) {
   *   return { ...(await super.getMetadata(request)), docs: 'https://example.com/docs' };
   * }
   * ```
   */
  async getMetadata(request: RestflowRequest): Promise<ViewMetadata> {
    const metadata: ViewMetadata = {
      name: this.getViewName(request),
      description: this.getViewDescription(request),
      renders: ['application/json'],
      parses: [...this.restflowOptions.parsers.mediaTypes],
    };
    const actions: Record<string, Record<string, FieldMetadata>> = {};
    const routes = routesOfRequest(this, request);
    for (const method of ['PUT', 'POST']) {
      const route = routes.find((candidate) => candidate.method === method);
      const fields = route && (await this.writeMetadata(request, method, route.action));
      if (fields) actions[method] = fields;
    }
    if (Object.keys(actions).length > 0) metadata.actions = actions;
    return metadata;
  }

  /** The fields of `action`'s request serializer, or `undefined` when the caller may not use it. */
  private async writeMetadata(
    request: RestflowRequest,
    method: string,
    action: string,
  ): Promise<Record<string, FieldMetadata> | undefined> {
    // DRF's clone_request: the same request, as if it were `method` on `action`.
    const clone = Object.create(request, {
      method: { value: method, enumerable: true },
      [REQUEST_ACTION]: { value: action },
    }) as RestflowRequest;
    try {
      const policy = resolveViewPolicy(this, action, this.restflowOptions);
      await checkPermissions(clone, this, policy.permissionClasses);
      const { getObject } = this as { getObject?: (request: RestflowRequest) => Promise<unknown> };
      if (method === 'PUT' && typeof getObject === 'function') await getObject.call(this, clone);
    } catch (error) {
      if (error instanceof APIException) return undefined;
      throw error;
    }
    if (!this.getRequestSerializerClass(clone)) return undefined;
    return serializerMetadata(this.getSerializer(clone, { direction: 'request' }));
  }
}

const paginators = new WeakMap<PaginatorClass, InstanceType<PaginatorClass>>();

/** Paginators are stateless: one instance per class serves every request. */
function paginatorOf(paginationClass: PaginatorClass): InstanceType<PaginatorClass> {
  let paginator = paginators.get(paginationClass);
  if (!paginator) {
    paginator = new paginationClass();
    paginators.set(paginationClass, paginator);
  }
  return paginator;
}

/**
 * The representations of rows read by `query`: the to-many relations of `plan` and the
 * `postFetches` loaded onto them first (one query each), as for every page, list and batch.
 */
async function representRows(
  serializer: Serializer,
  plan: RelationPlan | undefined,
  query: SelectQueryBuilder<ObjectLiteral>,
  rows: readonly ObjectLiteral[],
  postFetches: readonly PostFetch[],
): Promise<unknown[]> {
  await loadShownToMany(plan, query, rows);
  await runPostFetches(serializer, query, rows, postFetches);
  return rows.map((row) => serializer.toRepresentation(row));
}
