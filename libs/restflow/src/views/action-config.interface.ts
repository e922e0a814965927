import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { FilterSetClass } from '../filters/filter-set';
import type { AuthenticatorClass } from '../authentication/authenticator.interface';
import type { PermissionSpec } from '../permissions/permission.interface';
import type { ThrottleClass } from '../throttling/throttle.interface';
import type { CacheResponseOptions } from '../caching/responses/cache-response-options.interface';
import type { PaginatorClass } from '../pagination/paginator.interface';
import type { SerializerClass } from '../serializers/serializer';
import type { FilterBackend } from './filter-backend.interface';
import type { PostFetch } from '../relations/post-fetch';
import type { RestflowRequest } from '../core/restflow-request.interface';

/**
 * A queryset an action works on: an entity class, or a function of the view and the request
 * that returns a fresh TypeORM query builder. `TEntity` is the row type (a view's `queryset` is a
 * `QuerysetSource` of the view's entity).
 *
 * @example
 * ```ts
 * const inStock: QuerysetSource<Product> = (view, request) =>
 *   view.dataSource.getRepository(Product).createQueryBuilder('product').where('product.inStock = true');
 * ```
 * @publicApi
 */
export type QuerysetSource<TEntity extends ObjectLiteral = ObjectLiteral> =
  | (new () => TEntity)
  | ((view: any, request: RestflowRequest) => SelectQueryBuilder<TEntity>); // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Per-action settings of a view (DRF-restflow's `ActionConfig`). Every key is optional; an unset
 * key falls through to the view's own property, then to `RestflowModule.forRoot()`.
 *
 * @example
 * ```ts
 * @ActionConfig({ responseSerializerClass: ProductListSerializer, paginationClass: FastPageNumberPagination })
 * ```
 * @publicApi
 */
export interface ActionConfigOptions {
  /** Serializer for both directions. */
  serializerClass?: SerializerClass;
  /** Serializer of the request body (falls back to `serializerClass`). */
  requestSerializerClass?: SerializerClass;
  /** Serializer of the response (falls back to `serializerClass`). */
  responseSerializerClass?: SerializerClass;
  /** Paginator of a list; `null` returns a plain array. */
  paginationClass?: PaginatorClass | null;
  /** The rows the action works on. */
  queryset?: QuerysetSource;
  /** Filters applied to the queryset, replacing the view's list (`[]`: none). */
  filterBackends?: readonly FilterBackend[];
  /**
   * The filter set `FilterSetBackend` applies for this action, instead of the view's
   * `filterSetClass` (unset: the view's).
   */
  filterSetClass?: FilterSetClass;
  /**
   * Media types this action accepts, narrower than `forRoot({ parsers: { mediaTypes } })`:
   * a body of another type is 415 `unsupported_media_type`.
   */
  contentTypes?: readonly string[];
  /** Largest body this action accepts, in bytes (`Content-Length`): larger is 413. */
  bodyLimit?: number;
  /** The authenticator chain of this action (`[]`: none, every request is anonymous). */
  authenticationClasses?: readonly AuthenticatorClass[];
  /** The permissions of this action, all of which must allow (`[]`: anyone). */
  permissionClasses?: readonly PermissionSpec[];
  /**
   * Related rows attached to the rows this action shows, after they are read: one query per
   * `PostFetch` per page (list, paginated or not; retrieve; create and update responses).
   */
  postFetches?: readonly PostFetch[];
  /** The throttles of this action (`[]`: none). */
  throttleClasses?: readonly ThrottleClass[];
  /** The rate scope `ScopedRateThrottle` applies to this action. */
  throttleScope?: string;
  /**
   * Cache this action's `GET`/`HEAD` responses (see `@CacheResponse()`); `false` turns a
   * class-level setting off for this action.
   */
  cacheResponse?: CacheResponseOptions | false;
}
