import { KeyConstructor } from '../keys/key-constructor';
import { PathParamsKeyField } from '../keys/path-params.key-field';
import { QueryParamsKeyField } from '../keys/query-params.key-field';
import { RequestOriginKeyField } from '../keys/request-origin.key-field';

/**
 * The default keys of cached responses: the route parameters as the partition (so a rule can
 * drop every cached response of product 5 with `{ id: 5 }`), the query parameters hashed in the
 * suffix, and the request's checked origin (a response's absolute links differ by host, as
 * Django's `cache_page` keys by the absolute URI). The response cache adds the user unless the endpoint is public.
 *
 * @example
 * ```ts
 * class SearchResponseKey extends ResponseKeyConstructor {
 *   static override meta = { namespace: 'search', version: 2 };
 * }
 * ```
 * @publicApi
 */
export class ResponseKeyConstructor extends KeyConstructor {
  params = new PathParamsKeyField({ partition: true });
  query = new QueryParamsKeyField('*', { hash: true });
  origin = new RequestOriginKeyField();
}
