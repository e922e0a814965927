import type { AuthenticationOptions } from '../authentication/authentication.options';
import type { JwtOptions } from '../authentication/jwt/jwt.options';
import type { PermissionsOptions } from '../permissions/permissions.options';
import type { ThrottlingOptions } from '../throttling/throttling.options';
import type { HttpOptions } from '../http/http.options';
import type { CachingOptions } from '../caching/caching.options';
import type { PaginatorClass } from '../pagination/paginator.interface';

/**
 * Settings of the error envelope and the exception filter.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({ exceptions: { nonFieldErrorsKey: 'errors' } });
 * ```
 * @publicApi
 */
export interface ExceptionsOptions {
  /**
   * Key of `details` that holds messages about the whole object rather than one field
   * (DRF's `NON_FIELD_ERRORS_KEY`).
   * @default 'non_field_errors'
   */
  nonFieldErrorsKey?: string;
}

/**
 * Which request bodies the API accepts.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({ parsers: { mediaTypes: ['application/json'] } });
 * ```
 * @publicApi
 */
export interface ParsersOptions {
  /**
   * Media types a request body may have. A body of any other `Content-Type` is answered with
   * 415 `unsupported_media_type` before it is read, identically on Express and Fastify. Each
   * type must also have a body parser in the HTTP adapter (both parse the two defaults).
   * @default ['application/json', 'application/x-www-form-urlencoded']
   */
  mediaTypes?: string[];
}

/**
 * Pagination defaults: what a view paginates with when neither the action nor the view names a
 * paginator, and the page sizes paginators fall back to.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({ pagination: { defaultPaginationClass: PageNumberPagination, pageSize: 25 } });
 * ```
 * @publicApi
 */
export interface PaginationOptions {
  /** Paginator of views that set none; `null` returns plain arrays. @default null */
  defaultPaginationClass?: PaginatorClass | null;
  /** Items per page. @default 20 */
  pageSize?: number;
  /** Largest page size a client may request. Must be at least `pageSize`. @default 100 */
  maxPageSize?: number;
  /** Query parameter for a client-chosen page size (`null`: fixed size). @default null */
  pageSizeQueryParam?: string | null;
}

/**
 * Defaults of every filter set.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({ filters: { strict: true } });
 * ```
 * @publicApi
 */
export interface FiltersOptions {
  /**
   * Answer unknown query parameters with 400 "Unknown filter parameter." in every filter set
   * whose `meta.strict` is unset.
   * @default false
   */
  strict?: boolean;
  /**
   * Parameters strict filter sets accept without filtering on them (besides `meta.ignoredParams`
   * and `pagination.pageSizeQueryParam`).
   * @default ['page', 'page_size', 'limit', 'offset', 'cursor', 'format']
   */
  ignoredParams?: string[];
  /**
   * Most values of one list parameter (`id__in=1,2,3`, `range`, list filters): more is a 400
   * "Ensure this field has no more than {n} elements.". At most 10000, so that a query stays
   * below every driver's limit of bound parameters (SQLite 32766, PostgreSQL and MySQL 65535);
   * the list values of one request together are capped at 30000. A filter set's
   * `meta.maxListLength` overrides it.
   * @default 1000
   */
  maxListLength?: number;
  /**
   * Most characters of one parameter value (each value of a list): more is a 400 "Ensure this
   * field has no more than {n} characters.". At most 10000 (SQLite refuses LIKE patterns over
   * 50000 bytes). A filter set's `meta.maxValueLength` overrides it.
   * @default 1000
   */
  maxValueLength?: number;
}

/**
 * A section whose settings arrive with the feature that uses them; until then it accepts no keys,
 * so that no option is silently ignored.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({ pagination: {} });
 * ```
 * @publicApi
 */
export type ReservedOptions = Record<string, never>;

/**
 * Everything `RestflowModule.forRoot()` accepts: one section per subsystem. Every option is
 * optional; defaults are filled, values validated and the result frozen once at boot. An unknown
 * key, a wrong type or an out-of-range value fails the boot with a `RestflowConfigError` that
 * names the option and the fix.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({ parsers: { mediaTypes: ['application/json'] } });
 * ```
 * @publicApi
 */
export interface RestflowModuleOptions {
  /** Default paginator and page sizes. */
  pagination?: PaginationOptions;
  /** Filter set defaults. */
  filters?: FiltersOptions;
  /** Default authenticator chain and the user provider. */
  authentication?: AuthenticationOptions;
  /** Default permission classes. */
  permissions?: PermissionsOptions;
  /** Default throttles, rates and stores. */
  throttling?: ThrottlingOptions;
  /** Allowed hosts, the public base URL of links, and proxy trust. */
  http?: HttpOptions;
  /** Cache store, default TTL, response-cache headers and invalidation dispatchers. */
  caching?: CachingOptions;
  /** JWT keys, algorithm and lifetimes. */
  jwt?: JwtOptions;
  /** Error envelope settings. */
  exceptions?: ExceptionsOptions;
  /** Accepted request body media types. */
  parsers?: ParsersOptions;
}
