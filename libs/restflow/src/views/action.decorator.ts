import { HttpStatus, RequestMapping, RequestMethod } from '@nestjs/common';
import { NEST_HTTP_CODE_METADATA as HTTP_CODE_METADATA } from '../core/nest-metadata-keys';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { EXTRA_ACTION_METADATA } from './metadata-keys';

/**
 * Options of {@link Action}.
 *
 * @example
 * ```ts
 * @Action({ detail: true, method: 'post', urlPath: 'restock' })
 * ```
 * @publicApi
 */
export interface ActionOptions {
  /** On one row (`/prefix/:id/<urlPath>`) or on the collection (`/prefix/<urlPath>`). */
  detail: boolean;
  /** The HTTP method. @default 'get' */
  method?: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The path segment. @default the method name */
  urlPath?: string;
}

const METHODS = {
  get: RequestMethod.GET,
  post: RequestMethod.POST,
  put: RequestMethod.PUT,
  patch: RequestMethod.PATCH,
  delete: RequestMethod.DELETE,
} as const;

/**
 * Declares an extra action of a viewset (DRF's `@action`): a route on one row or on the
 * collection. Its name is the handler's name, so `actionConfigs` and `@ActionConfig()` apply to
 * it like to the standard actions. One method per handler (declare a second handler for a
 * second method). It answers 200 whatever its method, as DRF's `@action` does (Nest's default
 * for POST is 201); `@HttpCode()` on the handler, above or below `@Action()`, chooses another.
 *
 * @example
 * ```ts
 * @Action({ detail: true, method: 'post' })
 * async restock(@Req() request: RestflowRequest) {
 *   const product = await this.getObject(request);
 *   const { quantity } = (await this.validatedSerializer(request)).validatedData;
 *   return this.serializedResponse(request, await stock.add(product, quantity));
 * }
 * // POST /api/products/7/restock
 * ```
 * @publicApi
 */
export function Action(options: ActionOptions): MethodDecorator {
  return (target, key, descriptor) => {
    if (typeof key !== 'string') {
      throw new RestflowConfigError('@Action', '@Action() needs a method with a string name.');
    }
    const method = options.method ?? 'get';
    if (!(method in METHODS)) {
      throw new RestflowConfigError(
        `${target.constructor.name}.${key}`,
        `@Action() method "${String(method)}" is not one of ${Object.keys(METHODS).join(', ')}. ` +
          'Fix: use one of them, and one handler per method.',
      );
    }
    const urlPath = options.urlPath ?? key;
    const path = options.detail ? `:id/${urlPath}` : urlPath;
    RequestMapping({ path, method: METHODS[method] })(target, key, descriptor);
    Reflect.defineMetadata(
      EXTRA_ACTION_METADATA,
      { ...options, method },
      descriptor.value as object,
    );
    if (!Reflect.hasOwnMetadata(HTTP_CODE_METADATA, descriptor.value as object)) {
      // `@HttpCode()` below `@Action()` has run already; one above it overwrites this.
      Reflect.defineMetadata(HTTP_CODE_METADATA, HttpStatus.OK, descriptor.value as object);
    }
  };
}
