import { RequestMapping, RequestMethod } from '@nestjs/common';
import { RestflowConfigError } from '../exceptions/restflow-config.error';

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
 * second method).
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
  };
}
