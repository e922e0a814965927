import { handlerMetadata } from '../core/handler-metadata.util';
import type {
  ExampleObject,
  OperationObject,
  ParameterObject,
  RequestBodyObject,
  ResponseObject,
} from '@nestjs/swagger';
import type { SerializerClass } from '../serializers/serializer';

/** Where `@OpenApiOperation()` keeps its options. */
const OPENAPI_OPERATION_METADATA = 'restflow:openapi-operation';

/**
 * Per-action changes to the generated OpenAPI operation, in the spirit of drf-spectacular's
 * `@extend_schema`: every key is optional and leaves the rest of the generated operation as it
 * is.
 *
 * @example
 * ```ts
 * const options: OpenApiOperationOptions = {
 *   summary: 'Restock a product',
 *   responses: { 423: { description: 'The product is locked.' } },
 *   deprecated: true,
 * };
 * ```
 * @publicApi
 */
export interface OpenApiOperationOptions {
  /** The one-line summary (the generated one is "List products", "Create a product", ...). */
  summary?: string;
  /** The longer description (Markdown). */
  description?: string;
  /** Replaces the generated operation id (`products_restock_create`). Must stay unique. */
  operationId?: string;
  /** Replaces the generated tags (`['products']`). */
  tags?: string[];
  /** Marks the operation deprecated. */
  deprecated?: boolean;
  /** Leaves the operation out of the document. */
  exclude?: boolean;
  /** Documents this serializer as the request body instead of the action's. */
  requestSerializer?: SerializerClass;
  /** Documents this serializer as the success body instead of the action's. */
  responseSerializer?: SerializerClass;
  /** Replaces the request body (`null`: the operation takes none). */
  requestBody?: RequestBodyObject | null;
  /** Extra responses by status; a status the operation already has is replaced. */
  responses?: Readonly<Record<string, ResponseObject>>;
  /** Extra parameters; one with the name and location of a generated one replaces it. */
  parameters?: readonly ParameterObject[];
  /** Examples of the request body (JSON), by name. */
  requestExamples?: Readonly<Record<string, ExampleObject>>;
  /** Examples of the success body (JSON), by name. */
  responseExamples?: Readonly<Record<string, ExampleObject>>;
  /** Last word: receives the finished operation and returns the one to document. */
  extend?: (operation: OperationObject) => OperationObject;
  /**
   * On a class: options of single actions by name (drf-spectacular's `@extend_schema_view`), for
   * actions the class inherits without overriding them. They win over the class's own options.
   */
  actions?: Readonly<Record<string, Omit<OpenApiOperationOptions, 'actions'>>>;
}

/**
 * Changes the generated OpenAPI operation of an action (on a handler) or of every action of a
 * view (on the class; `actions` there targets single inherited actions). Stacked decorators
 * merge; the handler's win over the class's, and `responses` and examples merge by key.
 *
 * @example
 * ```ts
 * @OpenApiOperation({
 *   summary: 'Restock a product',
 *   description: 'Marks the product in stock. The quantity is validated, not stored.',
 *   responseExamples: { restocked: { value: { id: 7, name: 'Desk', inStock: true } } },
 * })
 * @Action({ detail: true, method: 'post' })
 * restock(@Req() request: RestflowRequest) { ... }
 * ```
 * @publicApi
 */
export function OpenApiOperation(
  options: OpenApiOperationOptions,
): ClassDecorator & MethodDecorator {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder = (descriptor?.value as object | undefined) ?? target;
    const current = Reflect.getOwnMetadata(OPENAPI_OPERATION_METADATA, holder) as
      OpenApiOperationOptions | undefined;
    Reflect.defineMetadata(OPENAPI_OPERATION_METADATA, merge(options, current ?? {}), holder);
  };
}

/**
 * The merged `@OpenApiOperation()` options of one action of a view: the class's (up its class
 * chain), then the handler's and those of the handlers it overrides.
 *
 * @internal
 */
export function resolveOpenApiOperation(view: object, action: string): OpenApiOperationOptions {
  const layers: OpenApiOperationOptions[] = [];
  for (
    let prototype = Object.getPrototypeOf(view) as object | null;
    prototype && prototype !== Object.prototype;
    prototype = Object.getPrototypeOf(prototype) as object | null
  ) {
    const onClass = Reflect.getOwnMetadata(OPENAPI_OPERATION_METADATA, prototype.constructor) as
      OpenApiOperationOptions | undefined;
    if (onClass) {
      const { actions, ...forAll } = onClass;
      const forAction = actions?.[action];
      layers.unshift(...(forAction ? [forAll, forAction] : [forAll]));
    }
  }
  const onHandlers = handlerMetadata<OpenApiOperationOptions>(
    view,
    action,
    OPENAPI_OPERATION_METADATA,
  );
  return [...layers, ...onHandlers].reduce<OpenApiOperationOptions>(
    (merged, layer) => merge(layer, merged),
    {},
  );
}

/** `top` over `bottom`; maps merge by key. */
function merge(
  top: OpenApiOperationOptions,
  bottom: OpenApiOperationOptions,
): OpenApiOperationOptions {
  const merged: OpenApiOperationOptions = { ...bottom, ...top };
  if (bottom.responses || top.responses) {
    merged.responses = { ...bottom.responses, ...top.responses };
  }
  if (bottom.requestExamples || top.requestExamples) {
    merged.requestExamples = { ...bottom.requestExamples, ...top.requestExamples };
  }
  if (bottom.responseExamples || top.responseExamples) {
    merged.responseExamples = { ...bottom.responseExamples, ...top.responseExamples };
  }
  if (bottom.parameters || top.parameters) {
    merged.parameters = [...(bottom.parameters ?? []), ...(top.parameters ?? [])];
  }
  if (bottom.actions || top.actions) {
    const actions: Record<string, Omit<OpenApiOperationOptions, 'actions'>> = {
      ...bottom.actions,
    };
    for (const [name, options] of Object.entries(top.actions ?? {})) {
      actions[name] = merge(options, actions[name] ?? {});
    }
    merged.actions = actions;
  }
  return merged;
}
