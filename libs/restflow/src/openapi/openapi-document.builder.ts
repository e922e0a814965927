import { RequestMethod, type INestApplication } from '@nestjs/common';
import { dataSourceOf } from '../core/typeorm-compat.util';
import {
  NEST_HTTP_CODE_METADATA as HTTP_CODE_METADATA,
  NEST_METHOD_METADATA as METHOD_METADATA,
  NEST_PATH_METADATA as PATH_METADATA,
} from '../core/nest-metadata-keys';
import { ApplicationConfig, DiscoveryService } from '@nestjs/core';
import {
  DECORATORS,
  type OpenAPIObject,
  type OperationObject,
  type ParameterObject,
  type PathItemObject,
  type ReferenceObject,
  type RequestBodyObject,
  type ResponseObject,
  type SchemaObject,
  type SecurityRequirementObject,
  type SecuritySchemeObject,
} from '@nestjs/swagger';
import type { DataSource, EntityMetadata } from 'typeorm';
import type { AuthenticatorClass } from '../authentication/authenticator.interface';
import { keyColumnType } from '../core/column-type.util';
import { bootedControllers, routeHandlers } from '../core/controller-actions.util';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { FilterSetBackend } from '../filters/filter-set.backend';
import type { FilterSetClass } from '../filters/filter-set';
import { filterSetOpenApiParameters } from '../filters/filter-set.openapi';
import type { PaginatorClass } from '../pagination/paginator.interface';
import { ScopedRateThrottle } from '../throttling/scoped-rate.throttle';
import { resolveActionConfig } from '../core/action-config.decorator';
import type { ActionConfigOptions } from '../core/action-config.interface';
import { APIView } from '../views/api-view';
import type { FilterBackend } from '../core/filter-backend.interface';
import { GenericAPIView } from '../views/generic-api-view';
import { resolveViewPolicy } from '../views/view-policy';
import {
  ERROR_ENVELOPE_COMPONENT,
  errorEnvelopeSchema,
  errorResponse,
  type ErrorStatus,
} from './error-responses';
import { jwtAuthOperation } from './jwt-auth.openapi';
import {
  resolveOpenApiOperation,
  type OpenApiOperationOptions,
} from './openapi-operation.decorator';
import type { RestflowOpenApiOptions } from './restflow-openapi-options.interface';
import { OperationNaming } from './operation-naming';
import { describePaginator } from './paginator-schema';
import { probePermissions } from './permission-probe';
import { SchemaComponents } from './schema-components';
import { DEFAULT_SESSION_COOKIE, securitySchemeOf } from './security-schemes';
import { SerializerSchemas, componentBaseName } from './serializer-schema';

/**
 * The prefix of the operation ids `@nestjs/swagger` makes by default (through the factory
 * `RestflowOpenApi` gives it): those are replaced by path-based ones.
 *
 * @internal
 */
export const DEFAULT_OPERATION_ID = 'restflow-default:';

/** What the standard actions are called in summaries. */
const ACTION_SUMMARIES: Readonly<Record<string, (plural: string, singular: string) => string>> = {
  list: (plural) => `List ${plural}`,
  create: (_plural, singular) => `Create ${article(singular)} ${singular}`,
  retrieve: (_plural, singular) => `Retrieve ${article(singular)} ${singular}`,
  update: (_plural, singular) => `Update ${article(singular)} ${singular}`,
  partialUpdate: (_plural, singular) => `Partially update ${article(singular)} ${singular}`,
  destroy: (_plural, singular) => `Delete ${article(singular)} ${singular}`,
};

const BODY_METHODS = new Set(['post', 'put', 'patch']);
const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/** One route of a restflow view: the handler and where the document has it. */
interface ViewRoute {
  readonly view: APIView;
  readonly action: string;
  readonly handler: (...args: unknown[]) => unknown;
  readonly method: string;
  readonly path: string;
}

/**
 * Builds the OpenAPI document of an application from its declarations: `@nestjs/swagger`'s
 * document of every controller, with each operation of a restflow view (viewsets, generic views,
 * `APIView`s, the JWT endpoints) rebuilt from its action configuration: request and response
 * serializers, paginator, filter set, lookup column, permissions, authenticators and throttles.
 * Other controllers keep what `@nestjs/swagger` says of them, with drf-spectacular names.
 *
 * @internal
 */
export class OpenApiDocumentBuilder {
  private readonly components = new SchemaComponents();
  private readonly securitySchemes = new Map<string, SecuritySchemeObject>();
  private readonly schemeNames = new Map<AuthenticatorClass, string>();
  private serializers!: SerializerSchemas;
  private naming!: OperationNaming;
  private restflowOptions: ResolvedRestflowOptions | undefined;

  constructor(
    private readonly app: INestApplication,
    private readonly options: RestflowOpenApiOptions,
  ) {}

  /** Rewrites `document` (from `SwaggerModule.createDocument`) in place and returns it. */
  build(document: OpenAPIObject): OpenAPIObject {
    const discovery = this.app.get(DiscoveryService, { strict: false });
    for (const wrapper of discovery.getControllers()) {
      const type = wrapper.metatype as { prototype?: unknown; name?: string } | null;
      const excluded = (
        Reflect.getMetadata(DECORATORS.API_EXCLUDE_CONTROLLER, type ?? Object) as
          unknown[] | undefined
      )?.[0];
      if (type?.prototype instanceof APIView && !wrapper.isDependencyTreeStatic() && !excluded) {
        throw new RestflowConfigError(
          `openapi.${type.name ?? 'view'}`,
          `${type.name ?? 'A view'} is request-scoped: it has no instance while the OpenAPI ` +
            'document is built, so its operations cannot be described. Fix: make it (and what ' +
            'it injects) singleton-scoped, or leave it out with @ApiExcludeController().',
        );
      }
    }
    const controllers = bootedControllers(discovery);
    const prefix = this.globalPrefix();
    const routes: ViewRoute[] = [];
    let dataSource: DataSource | undefined;
    for (const { view } of controllers) {
      if (!(view instanceof APIView)) continue;
      dataSource ??= view.dataSource;
      this.restflowOptions ??= (
        view as unknown as { restflowOptions: ResolvedRestflowOptions }
      ).restflowOptions;
      routes.push(...this.routesOf(view, prefix));
    }
    this.serializers = new SerializerSchemas(this.components, dataSource);
    this.naming = new OperationNaming(Object.keys(document.paths), this.options.pathPrefix, prefix);

    const restflowOperations = new Set<OperationObject>();
    for (const route of routes) {
      const item = document.paths[route.path];
      const generated = item?.[route.method as keyof PathItemObject] as OperationObject | undefined;
      if (!item || !generated) {
        if (this.excluded(route)) continue;
        throw new RestflowConfigError(
          `openapi.${route.view.constructor.name}.${route.action}`,
          `The route ${route.method.toUpperCase()} ${route.path} of ` +
            `${route.view.constructor.name}.${route.action} is not in @nestjs/swagger's document. ` +
            'Fix: mount the views without API versioning or global-prefix exclusions, or ' +
            'exclude the action with @OpenApiOperation({ exclude: true }).',
        );
      }
      const overrides = this.overridesOf(route);
      if (overrides.exclude) {
        delete (item as Record<string, unknown>)[route.method];
        if (!Object.keys(item).some((key) => isMethod(key))) delete document.paths[route.path];
        continue;
      }
      const operation = this.operation(route, generated, overrides);
      (item as Record<string, unknown>)[route.method] = operation;
      restflowOperations.add(operation);
    }
    this.renameOtherOperations(document, restflowOperations);
    this.checkOperationIds(document);
    const existing = document.components?.schemas ?? {};
    for (const name of Object.keys(existing)) {
      if (this.components.has(name)) {
        throw new RestflowConfigError(
          `openapi.components.${name}`,
          `The OpenAPI component "${name}" is both a @nestjs/swagger model and a restflow ` +
            'serializer component. Fix: rename the DTO class or the serializer class.',
        );
      }
    }
    document.components = {
      ...document.components,
      schemas: { ...existing, ...this.components.toObject() },
    };
    if (this.securitySchemes.size) {
      document.components.securitySchemes = {
        ...document.components.securitySchemes,
        ...Object.fromEntries(
          [...this.securitySchemes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        ),
      };
    }
    const tags = new Set<string>();
    for (const item of Object.values(document.paths)) {
      for (const [key, operation] of Object.entries(item)) {
        if (isMethod(key))
          for (const tag of (operation as OperationObject).tags ?? []) tags.add(tag);
      }
    }
    const described = new Map((document.tags ?? []).map((tag) => [tag.name, tag]));
    document.tags = [...tags].sort().map((name) => described.get(name) ?? { name });
    return document;
  }

  /** The routes of one view, with their document paths. */
  private routesOf(view: APIView, globalPrefix: string): ViewRoute[] {
    const controllerPaths = asList(Reflect.getMetadata(PATH_METADATA, view.constructor));
    const routes: ViewRoute[] = [];
    for (const [action, handler] of routeHandlers(view)) {
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
      const method = (RequestMethod[requestMethod] ?? 'GET').toLowerCase();
      const methodPaths = asList(Reflect.getMetadata(PATH_METADATA, handler));
      for (const controllerPath of controllerPaths) {
        for (const methodPath of methodPaths) {
          const path = `/${[globalPrefix, controllerPath, methodPath]
            .flatMap((part) => part.split('/'))
            .filter(Boolean)
            .map((segment) => segment.replace(/^:([A-Za-z0-9_]+).*$/, '{$1}'))
            .join('/')}`;
          const methods = method === 'all' ? ['get', 'post', 'put', 'patch', 'delete'] : [method];
          for (const each of methods) routes.push({ view, action, handler, method: each, path });
        }
      }
    }
    return routes;
  }

  private operation(
    route: ViewRoute,
    generated: OperationObject,
    overrides: OpenApiOperationOptions,
  ): OperationObject {
    const { view, action, method, path } = route;
    const options = this.restflowOptions!;
    const config = resolveActionConfig(view, action);
    const policy = resolveViewPolicy(view, action, options);
    const generic = view instanceof GenericAPIView;
    const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
    const detail = generic ? pathParams.includes(view.lookupUrlKwarg) : pathParams.length > 0;
    const list = action === 'list' && method === 'get';
    const entity = generic ? this.entityOf(view, config) : undefined;
    const tag = this.naming.tag(path);
    const description = overrides.description ?? generated.description;
    const operation: OperationObject = {
      operationId:
        overrides.operationId ??
        (generated.operationId && !generated.operationId.startsWith(DEFAULT_OPERATION_ID)
          ? generated.operationId
          : this.naming.operationId(path, method, list)),
      summary: overrides.summary ?? generated.summary ?? this.summary(route, tag, detail),
      ...(description ? { description } : {}),
      tags: overrides.tags ?? (generated.tags?.length ? generated.tags : [tag]),
      ...(overrides.deprecated || generated.deprecated ? { deprecated: true } : {}),
      parameters: [],
      responses: {},
    };

    // Path parameters, typed from the lookup column when the view names one.
    for (const name of pathParams) {
      operation.parameters!.push(this.pathParameter(view, name, entity, tag));
    }

    // Filters and pagination of lists.
    const errors = new Set<ErrorStatus>();
    const paginationClass = list ? this.paginationClassOf(view, config, options) : undefined;
    const paginator = paginationClass
      ? describePaginator(paginationClass, options.pagination)
      : undefined;
    if (paginator) {
      operation.parameters!.push(...paginator.parameters);
      if (paginator.notFound) errors.add(404);
    }
    if (method === 'get' && (list || !generic)) {
      const filters = this.filterParameters(view, action, config);
      operation.parameters!.push(...filters);
      if (filters.length) errors.add(400);
    }

    // Request body.
    const requestSerializer =
      overrides.requestSerializer ??
      config.requestSerializerClass ??
      view.requestSerializerClass ??
      config.serializerClass ??
      view.serializerClass;
    if (overrides.requestBody !== undefined) {
      if (overrides.requestBody) operation.requestBody = overrides.requestBody;
    } else if (BODY_METHODS.has(method) && requestSerializer) {
      const schema = this.serializers.ref(
        requestSerializer,
        method === 'patch' ? 'partial' : 'request',
      );
      const mediaTypes = config.contentTypes ?? options.parsers.mediaTypes;
      const body: RequestBodyObject = {
        required: method !== 'patch',
        content: Object.fromEntries(mediaTypes.map((type) => [type, { schema }])),
      };
      if (overrides.requestExamples) {
        const json = body.content['application/json'] ?? Object.values(body.content)[0];
        if (json) json.examples = { ...overrides.requestExamples };
      }
      operation.requestBody = body;
    } else if (generated.requestBody) {
      operation.requestBody = generated.requestBody;
    }
    if (operation.requestBody) {
      errors.add(400).add(413).add(415);
    }

    // The success response.
    const status = this.successStatus(route);
    const responseSerializer =
      overrides.responseSerializer ??
      config.responseSerializerClass ??
      view.responseSerializerClass ??
      config.serializerClass ??
      view.serializerClass;
    const success: ResponseObject = { description: successDescription(status, list) };
    if (status !== 204 && responseSerializer) {
      const item = this.serializers.ref(responseSerializer, 'response');
      let schema: SchemaObject | ReferenceObject = item;
      if (list) {
        schema = paginator
          ? this.components.ref(
              `${paginator.prefix}${componentBaseName(responseSerializer)}List`,
              `${paginationClass!.name} page of ${responseSerializer.name}`,
              () => paginator.envelope(item),
            )
          : { type: 'array', items: item };
      }
      success.content = { 'application/json': { schema } };
    } else if (status !== 204) {
      const fromSwagger = generated.responses?.[String(status)] as ResponseObject | undefined;
      if (fromSwagger?.content) success.content = fromSwagger.content;
    }
    if (overrides.responseExamples && success.content?.['application/json']) {
      success.content['application/json'].examples = { ...overrides.responseExamples };
    }
    operation.responses[String(status)] = success;

    // Who may call it.
    const schemes = this.schemesOf(policy.authenticationClasses);
    const permissions = probePermissions(
      policy.permissionClasses,
      method.toUpperCase(),
      view,
      detail,
    );
    // A refused anonymous request is 401 when the first authenticator has a challenge, else 403.
    const first = policy.authenticationClasses[0]?.prototype as
      { authenticateHeader?: unknown } | undefined;
    if (!permissions.anonymousAllowed) {
      errors.add(typeof first?.authenticateHeader === 'function' ? 401 : 403);
    }
    if (permissions.userMayBeRefused) errors.add(403);
    if (schemes.length && !permissions.public) {
      const security: SecurityRequirementObject[] = schemes.map((name) => ({ [name]: [] }));
      if (permissions.anonymousAllowed) security.push({});
      operation.security = security;
    }

    // What else it can answer.
    if (detail) errors.add(404);
    if (WRITE_METHODS.has(method) && entity && hasConstraints(entity)) errors.add(409);
    if (
      policy.throttleClasses.length > 0 &&
      (policy.throttleClasses.some((throttle) => !isScoped(throttle)) ||
        policy.throttleScope !== undefined)
    ) {
      errors.add(429);
    }
    if (errors.size) {
      this.components.ref(
        ERROR_ENVELOPE_COMPONENT,
        'the restflow error envelope',
        errorEnvelopeSchema,
      );
    }
    for (const error of [...errors].sort()) {
      operation.responses[String(error)] = errorResponse(error);
    }

    // What @nestjs/swagger decorators on the handler add, then the overrides.
    const own = new Set(operation.parameters!.map((parameter) => keyOf(parameter)));
    for (const parameter of generated.parameters ?? []) {
      if (!own.has(keyOf(parameter))) operation.parameters!.push(parameter);
    }
    for (const [code, response] of Object.entries(generated.responses ?? {})) {
      if (!(code in operation.responses) && response && (response as ResponseObject).description) {
        operation.responses[code] = response;
      }
    }
    for (const parameter of overrides.parameters ?? []) {
      const index = operation.parameters!.findIndex(
        (candidate) => keyOf(candidate) === keyOf(parameter),
      );
      if (index >= 0) operation.parameters!.splice(index, 1, parameter);
      else operation.parameters!.push(parameter);
    }
    for (const [code, response] of Object.entries(overrides.responses ?? {})) {
      operation.responses[code] = response;
    }
    if (!operation.parameters!.length) delete operation.parameters;
    operation.responses = sortResponses(operation.responses);
    const ordered = inReadingOrder(operation);
    return overrides.extend ? overrides.extend(ordered) : ordered;
  }

  /** `@OpenApiOperation()` over what the library knows of its own views (the JWT endpoints). */
  private overridesOf(route: ViewRoute): OpenApiOperationOptions {
    const builtin =
      jwtAuthOperation(route.view, route.action, this.restflowOptions!, this.components) ?? {};
    const declared = resolveOpenApiOperation(route.view, route.action);
    return {
      ...builtin,
      ...declared,
      responses: { ...builtin.responses, ...declared.responses },
    };
  }

  private excluded(route: ViewRoute): boolean {
    return Boolean(
      (
        Reflect.getMetadata(DECORATORS.API_EXCLUDE_CONTROLLER, route.view.constructor) as
          unknown[] | undefined
      )?.[0] ||
      (
        Reflect.getMetadata(DECORATORS.API_EXCLUDE_ENDPOINT, route.handler) as
          { disable?: boolean } | undefined
      )?.disable,
    );
  }

  private summary(route: ViewRoute, tag: string, detail: boolean): string {
    const plural = tag.replace(/_/g, ' ');
    const singular = singularOf(plural);
    const standard = ACTION_SUMMARIES[route.action];
    if (standard && route.view instanceof GenericAPIView) return standard(plural, singular);
    const words = route.action
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/[_-]+/g, ' ')
      .toLowerCase();
    const verb = words.charAt(0).toUpperCase() + words.slice(1);
    if (route.view instanceof GenericAPIView) {
      return detail ? `${verb} ${article(singular)} ${singular}` : `${verb} ${plural}`;
    }
    return verb;
  }

  private successStatus(route: ViewRoute): number {
    const declared = Reflect.getMetadata(HTTP_CODE_METADATA, route.handler) as number | undefined;
    if (declared !== undefined) return declared;
    return route.method === 'post' ? 201 : 200;
  }

  private pathParameter(
    view: APIView,
    name: string,
    entity: EntityMetadata | undefined,
    tag: string,
  ): ParameterObject {
    const parameter: ParameterObject = {
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    };
    if (!(view instanceof GenericAPIView) || name !== view.lookupUrlKwarg || !entity) {
      return parameter;
    }
    const column = entity.findColumnWithPropertyPath(view.lookupField);
    const dataSource = view.dataSource;
    if (!column || !dataSource) return parameter;
    const type = keyColumnType(
      column,
      dataSource.driver.normalizeType(column),
      dataSource.options.type,
    );
    const singular = singularOf(tag.replace(/_/g, ' '));
    if (type?.kind === 'integer') {
      parameter.schema = { type: 'integer' };
      parameter.description = `A unique integer value identifying this ${singular}.`;
    } else if (type?.kind === 'uuid' || column.generationStrategy === 'uuid') {
      parameter.schema = { type: 'string', format: 'uuid' };
      parameter.description = `A UUID string identifying this ${singular}.`;
    } else if (type?.kind === 'enum' && column.enum?.length) {
      parameter.schema = { type: 'string', enum: column.enum.map(String) };
      parameter.description = `The ${view.lookupField} of this ${singular}.`;
    } else {
      parameter.description = `The ${view.lookupField} of this ${singular}.`;
    }
    return parameter;
  }

  private entityOf(view: GenericAPIView, config: ActionConfigOptions): EntityMetadata | undefined {
    const source = config.queryset ?? view.queryset;
    const dataSource = view.dataSource;
    if (!source || !dataSource || !dataSource.hasMetadata(source)) return undefined;
    return dataSource.getMetadata(source);
  }

  private paginationClassOf(
    view: APIView,
    config: ActionConfigOptions,
    options: ResolvedRestflowOptions,
  ): PaginatorClass | undefined {
    const chosen =
      config.paginationClass !== undefined
        ? config.paginationClass
        : view.paginationClass !== undefined
          ? view.paginationClass
          : options.pagination.defaultPaginationClass;
    return chosen ?? undefined;
  }

  /** The filter-set parameters of the action, and those of backends that describe their own. */
  private filterParameters(
    view: APIView,
    action: string,
    config: ActionConfigOptions,
  ): ParameterObject[] {
    const backends: readonly FilterBackend[] =
      config.filterBackends ?? (view as Partial<GenericAPIView>).filterBackends ?? [];
    const filterSetClass =
      config.filterSetClass ?? (view as { filterSetClass?: FilterSetClass }).filterSetClass;
    const parameters: ParameterObject[] = [];
    const usesFilterSet =
      backends.some((backend) => backend instanceof FilterSetBackend) ||
      !(view instanceof GenericAPIView);
    if (filterSetClass && usesFilterSet) {
      parameters.push(...(filterSetOpenApiParameters(filterSetClass) as ParameterObject[]));
    }
    for (const backend of backends) {
      const describe = (backend as { openApiParameters?: unknown }).openApiParameters;
      if (typeof describe === 'function') {
        parameters.push(
          ...(describe.call(backend, view, action) as ParameterObject[]).filter(
            (parameter) => !parameters.some((known) => keyOf(known) === keyOf(parameter)),
          ),
        );
      }
    }
    return parameters;
  }

  /** The security scheme names of an authenticator chain, registering the schemes. */
  private schemesOf(authenticators: readonly AuthenticatorClass[]): string[] {
    const names: string[] = [];
    for (const authenticator of authenticators) {
      let name = this.schemeNames.get(authenticator);
      if (!name) {
        const described = securitySchemeOf(
          authenticator,
          this.restflowOptions!,
          this.options.sessionCookieName ?? DEFAULT_SESSION_COOKIE,
        );
        const known = this.securitySchemes.get(described.name);
        if (known && JSON.stringify(known) !== JSON.stringify(described.scheme)) {
          throw new RestflowConfigError(
            `openapi.securitySchemes.${described.name}`,
            `Two authenticators describe different security schemes named "${described.name}" ` +
              `(one is ${authenticator.name}). Fix: give one another name in openApiSecurityScheme().`,
          );
        }
        this.securitySchemes.set(described.name, described.scheme);
        name = described.name;
        this.schemeNames.set(authenticator, name);
      }
      if (!names.includes(name)) names.push(name);
    }
    return names;
  }

  /** drf-spectacular names (tags, operation ids) for operations of other controllers too. */
  private renameOtherOperations(document: OpenAPIObject, done: Set<OperationObject>): void {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, value] of Object.entries(item)) {
        const operation = value as OperationObject;
        if (!isMethod(method) || done.has(operation)) continue;
        // Replace only @nestjs/swagger's defaults (an id from its factory, no tags).
        if (!operation.operationId || operation.operationId.startsWith(DEFAULT_OPERATION_ID)) {
          operation.operationId = this.naming.operationId(path, method, false);
        }
        if (!operation.tags?.length) operation.tags = [this.naming.tag(path)];
        if (operation.parameters?.length === 0) delete operation.parameters;
      }
    }
  }

  private checkOperationIds(document: OpenAPIObject): void {
    const seen = new Map<string, string>();
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, value] of Object.entries(item)) {
        if (!isMethod(method)) continue;
        const id = (value as OperationObject).operationId;
        if (!id) continue;
        const where = `${method.toUpperCase()} ${path}`;
        const first = seen.get(id);
        if (first) {
          throw new RestflowConfigError(
            `openapi.operationId.${id}`,
            `Two operations have the operation id "${id}": ${first} and ${where}. Fix: set ` +
              "another one with @OpenApiOperation({ operationId: '...' }) on either handler.",
          );
        }
        seen.set(id, where);
      }
    }
  }

  private globalPrefix(): string {
    try {
      return this.app.get(ApplicationConfig, { strict: false }).getGlobalPrefix();
    } catch {
      return '';
    }
  }
}

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((item) => String(item as string));
  return [typeof value === 'string' ? value : ''];
}

function isMethod(key: string): boolean {
  return ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(key);
}

function keyOf(parameter: ParameterObject | ReferenceObject): string {
  const { name, in: location } = parameter as ParameterObject;
  return `${location}:${name}`;
}

function isScoped(throttle: unknown): boolean {
  return (
    throttle === ScopedRateThrottle ||
    (typeof throttle === 'function' && throttle.prototype instanceof ScopedRateThrottle)
  );
}

/** Whether writes to rows of `entity` can break a unique or foreign-key constraint. */
function hasConstraints(entity: EntityMetadata): boolean {
  return (
    entity.uniques.length > 0 ||
    entity.indices.some((index) => index.isUnique) ||
    entity.foreignKeys.length > 0 ||
    dataSourceOf(entity).entityMetadatas.some((other) =>
      other.foreignKeys.some((key) => key.referencedEntityMetadata === entity),
    )
  );
}

function successDescription(status: number, list: boolean): string {
  if (status === 204) return 'Done; no content.';
  if (status === 201) return 'Created.';
  return list ? 'One page of the list.' : 'OK.';
}

function sortResponses(responses: OperationObject['responses']): OperationObject['responses'] {
  return Object.fromEntries(
    Object.entries(responses).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/** The keys of an operation in the order a reader looks for them. */
const OPERATION_KEYS = [
  'operationId',
  'summary',
  'description',
  'tags',
  'deprecated',
  'parameters',
  'requestBody',
  'responses',
  'security',
];

function inReadingOrder(operation: OperationObject): OperationObject {
  const entries = Object.entries(operation);
  const rank = (key: string) => {
    const index = OPERATION_KEYS.indexOf(key);
    return index === -1 ? OPERATION_KEYS.length : index;
  };
  return Object.fromEntries(
    entries.sort(([a], [b]) => rank(a) - rank(b)),
  ) as unknown as OperationObject;
}

/** `categories` → `category`, `products` → `product`, `news` stays. */
function singularOf(plural: string): string {
  if (/ies$/.test(plural)) return `${plural.slice(0, -3)}y`;
  if (/(ss|us|news)$/.test(plural)) return plural;
  if (/(s|x|z|ch|sh)es$/.test(plural)) return plural.slice(0, -2);
  if (/s$/.test(plural)) return plural.slice(0, -1);
  return plural;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
