import { KeyConstructor } from '../keys/key-constructor';
import { PathParamsKeyField } from '../keys/path-params.key-field';
import { QueryParamsKeyField } from '../keys/query-params.key-field';

/**
 * The default keys of cached responses: the route parameters as the partition (so a rule can
 * drop every cached response of product 5 with `{ id: 5 }`), the query parameters hashed in the
 * suffix. The response cache adds the user unless the endpoint is public.
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
}
