import { CacheKeyField, type KeyFieldOptions } from './cache-key-field';
import type { KeyCall } from './key-call.interface';
import { findRequest } from './find-request.util';
import { resolvePath } from './resolve-path.util';

/**
 * Options of {@link RequestValueKeyField} and {@link QueryParamsKeyField}.
 *
 * @example
 * ```ts
 * new RequestValueKeyField('user.id', { requestArg: 'req', partition: true });
 * ```
 * @publicApi
 */
export interface RequestKeyFieldOptions extends KeyFieldOptions {
  /**
   * The argument that holds the request. Without one, the response cache's request, then
   * `this.request` of a cached method.
   * @default 'request'
   */
  requestArg?: string;
}

/**
 * A value read off the request with a dotted path, such as `user.id` (the anonymous user's id is
 * `null`; a missing attribute is `undefined`). No request: no part.
 *
 * @example
 * ```ts
 * class MyReviewsKey extends KeyConstructor {
 *   user = new RequestValueKeyField('user.id', { partition: true });
 * }
 * ```
 * @publicApi
 */
export class RequestValueKeyField extends CacheKeyField {
  constructor(
    readonly path: string,
    private readonly options: RequestKeyFieldOptions = {},
  ) {
    super(options);
  }

  payload(call: KeyCall): Readonly<Record<string, unknown>> {
    const request = findRequest(call, this.options.requestArg);
    if (request === undefined) {
      return {};
    }
    return { [this.path]: resolvePath(request, this.path) };
  }
}
