import { checkedRequestOrigin } from '../../core/request-origin.util';
import { CacheKeyField, type KeyFieldOptions } from './cache-key-field';
import type { KeyCall } from './key-call.interface';

/**
 * The request's checked origin (`https://api.example.com`, or `http.publicBaseUrl`): responses
 * with absolute links (pagination, hyperlinks, `Location`) differ by the host they were asked
 * on, so one cached under one allowed host is never replayed to another. No request, or a
 * request that did not pass the Host check: no part. A suffix field of the response cache's
 * default keys, so `deleteByPrefix({ id: 5 })` still drops the entries of every host.
 *
 * @example
 * ```ts
 * class ProductResponseKey extends KeyConstructor {
 *   params = new PathParamsKeyField({ partition: true });
 *   origin = new RequestOriginKeyField();
 * }
 * ```
 * @publicApi
 */
export class RequestOriginKeyField extends CacheKeyField {
  constructor(options: KeyFieldOptions = {}) {
    super(options);
  }

  payload(call: KeyCall): Readonly<Record<string, unknown>> {
    const origin = call.request === undefined ? undefined : checkedRequestOrigin(call.request);
    return origin === undefined ? {} : { origin };
  }
}
