import type { IncomingHttpHeaders } from 'node:http';
import { REQUEST_ACTION } from '../core/restflow-metadata-keys';
import type { RestflowRequest } from '../core/restflow-request.interface';

/**
 * A request built by {@link RestflowRequestFactory}: what permissions, guards and views read
 * (method, url, headers, query, params, body, user), with `user` and `auth` writable.
 *
 * @example
 * ```ts
 * const request: TestRequest = factory.get('/api/books?page=2');
 * ```
 * @publicApi
 */
export interface TestRequest extends RestflowRequest {
  headers: IncomingHttpHeaders;
  query: Record<string, string | string[] | undefined>;
  params: Record<string, string | undefined>;
  body?: unknown;
}

/**
 * What a factory request carries besides method and path.
 *
 * @example
 * ```ts
 * factory.patch('/api/books/1', { title: 'Dune' }, { params: { id: '1' } });
 * ```
 * @publicApi
 */
export interface TestRequestInit {
  /** Request headers (names lower-cased). */
  headers?: Record<string, string>;
  /** Route parameters, as the router would have matched them. */
  params?: Record<string, string>;
  /**
   * The view action the request is routed to (`'retrieve'`, or an `@Action()` method's name):
   * a view method called directly with the request then reads that action's `ActionConfig`,
   * as after routing (the view's guard leaves the name there).
   */
  action?: string;
}

/**
 * Builds request objects for unit tests of permissions, guards and views without HTTP (DRF's
 * `APIRequestFactory`): the query string of the path is parsed into `query` (repeated names
 * become lists), a body is kept as the parsed JSON a body parser would produce, and
 * `user` starts unset. Pair it with {@link forceAuthenticate} and {@link mockExecutionContext};
 * name the `action` to call a view's method directly (`await view.retrieve(request)`).
 *
 * @example
 * ```ts
 * const factory = new RestflowRequestFactory();
 * const request = forceAuthenticate(factory.post('/api/books', { title: 'Dune' }), alice);
 * expect(new IsAuthenticated().hasPermission(request)).toBe(true);
 * ```
 * @publicApi
 */
export class RestflowRequestFactory {
  constructor(
    /** Headers every request of this factory carries. */
    private readonly defaults: Record<string, string> = {},
  ) {}

  get(path: string, init?: TestRequestInit): TestRequest {
    return this.request('GET', path, undefined, init);
  }

  head(path: string, init?: TestRequestInit): TestRequest {
    return this.request('HEAD', path, undefined, init);
  }

  options(path: string, init?: TestRequestInit): TestRequest {
    return this.request('OPTIONS', path, undefined, init);
  }

  delete(path: string, init?: TestRequestInit): TestRequest {
    return this.request('DELETE', path, undefined, init);
  }

  post(path: string, data?: unknown, init?: TestRequestInit): TestRequest {
    return this.request('POST', path, data, init);
  }

  put(path: string, data?: unknown, init?: TestRequestInit): TestRequest {
    return this.request('PUT', path, data, init);
  }

  patch(path: string, data?: unknown, init?: TestRequestInit): TestRequest {
    return this.request('PATCH', path, data, init);
  }

  /** Builds one request; the methods above are shorthands of it. */
  request(method: string, path: string, data?: unknown, init: TestRequestInit = {}): TestRequest {
    const url = new URL(path, 'http://testserver');
    const query: Record<string, string | string[] | undefined> = Object.create(null) as Record<
      string,
      string | string[] | undefined
    >;
    for (const [name, value] of url.searchParams) {
      const previous = query[name];
      query[name] =
        previous === undefined
          ? value
          : [...(Array.isArray(previous) ? previous : [previous]), value];
    }
    const headers: IncomingHttpHeaders = { host: 'testserver' };
    for (const [name, value] of Object.entries({ ...this.defaults, ...init.headers })) {
      headers[name.toLowerCase()] = value;
    }
    if (data !== undefined) headers['content-type'] ??= 'application/json';
    const request: TestRequest = {
      method: method.toUpperCase(),
      url: `${url.pathname}${url.search}`,
      originalUrl: `${url.pathname}${url.search}`,
      protocol: 'http',
      headers,
      query,
      params: { ...init.params },
      body: data,
    };
    if (init.action !== undefined) {
      (request as unknown as Record<symbol, string>)[REQUEST_ACTION] = init.action;
    }
    return request;
  }
}
