/* eslint-disable @typescript-eslint/no-explicit-any -- bodies are untyped JSON unless the caller
   types them (TestResponse<TBody>), as with supertest */
import type { INestApplication } from '@nestjs/common';
import {
  FORCE_AUTHENTICATION_HEADER,
  issueForcedAuthenticationTicket,
  revokeForcedAuthenticationTicket,
} from '../authentication/forced-authentication';

/**
 * What one request of {@link RestflowTestClient} sends besides its path.
 *
 * @example
 * ```ts
 * await client.post('/api/books', { title: 'Dune' }, { headers: { 'x-request-id': '1' } });
 * ```
 * @publicApi
 */
export interface TestRequestOptions {
  /** Extra headers of this request (over the client's credentials). */
  headers?: Record<string, string>;
  /**
   * The body's content type. `'json'` (the default) sends `JSON.stringify(data)`; any other
   * value is sent as the `content-type` with `data` as it is (a string or a `Buffer`).
   */
  format?: string;
}

/**
 * A response as {@link RestflowTestClient} hands it back.
 *
 * @example
 * ```ts
 * const { status, body, headers } = await client.get('/api/books');
 * ```
 * @publicApi
 */
export interface TestResponse<TBody = any> {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body, the text of any other body, `undefined` when there is none. */
  readonly body: TBody;
  /** The raw body text. */
  readonly text: string;
}

/**
 * A test client over a running Nest app on Express or Fastify (DRF's `APIClient`): real HTTP to
 * the app on an ephemeral loopback port (the app is made to listen there if it does not yet),
 * JSON bodies by default. `forceAuthenticate(user)` makes every later request authenticated as
 * `user`, bypassing the authenticator chain; `credentials(headers)` sends headers (a new call
 * replaces the old set); `logout()` clears both.
 *
 * @example
 * ```ts
 * const client = new RestflowTestClient(app);
 * client.forceAuthenticate(alice);
 * const response = await client.post('/api/books', { title: 'Dune' });
 * expect(response.status).toBe(201);
 * ```
 * @publicApi
 */
export class RestflowTestClient {
  private baseUrl: Promise<string> | null = null;
  private headers: Record<string, string> = {};
  private ticket: string | null = null;

  constructor(private readonly app: INestApplication) {}

  /** Every later request is authenticated as `user` (with `auth` as `request.auth`). */
  forceAuthenticate(user: unknown, auth: unknown = null): this {
    this.clearForcedAuthentication();
    if (user !== null && user !== undefined) {
      this.ticket = issueForcedAuthenticationTicket({ user, auth });
    }
    return this;
  }

  /** Headers sent with every later request (`{ authorization: 'Bearer ...' }`); replaces the last set. */
  credentials(headers: Record<string, string>): this {
    this.headers = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
    );
    return this;
  }

  /** Clears the credentials and the forced authentication. */
  logout(): this {
    this.headers = {};
    this.clearForcedAuthentication();
    return this;
  }

  get<TBody = any>(path: string, options?: TestRequestOptions): Promise<TestResponse<TBody>> {
    return this.request('GET', path, undefined, options);
  }

  head<TBody = any>(path: string, options?: TestRequestOptions): Promise<TestResponse<TBody>> {
    return this.request('HEAD', path, undefined, options);
  }

  options<TBody = any>(path: string, options?: TestRequestOptions): Promise<TestResponse<TBody>> {
    return this.request('OPTIONS', path, undefined, options);
  }

  delete<TBody = any>(path: string, options?: TestRequestOptions): Promise<TestResponse<TBody>> {
    return this.request('DELETE', path, undefined, options);
  }

  post<TBody = any>(
    path: string,
    data?: unknown,
    options?: TestRequestOptions,
  ): Promise<TestResponse<TBody>> {
    return this.request('POST', path, data, options);
  }

  put<TBody = any>(
    path: string,
    data?: unknown,
    options?: TestRequestOptions,
  ): Promise<TestResponse<TBody>> {
    return this.request('PUT', path, data, options);
  }

  patch<TBody = any>(
    path: string,
    data?: unknown,
    options?: TestRequestOptions,
  ): Promise<TestResponse<TBody>> {
    return this.request('PATCH', path, data, options);
  }

  /** Sends one request; the methods above are shorthands of it. */
  async request<TBody = any>(
    method: string,
    path: string,
    data?: unknown,
    options: TestRequestOptions = {},
  ): Promise<TestResponse<TBody>> {
    const headers: Record<string, string> = { ...this.headers, ...options.headers };
    if (this.ticket) headers[FORCE_AUTHENTICATION_HEADER] = this.ticket;
    let body: string | Buffer | undefined;
    if (data !== undefined) {
      const format = options.format ?? 'json';
      if (format === 'json') {
        body = JSON.stringify(data);
        headers['content-type'] ??= 'application/json';
      } else if (typeof data === 'string' || Buffer.isBuffer(data)) {
        body = data;
        headers['content-type'] = format;
      } else {
        throw new TypeError(
          `RestflowTestClient: a body of format "${format}" must be a string or a Buffer; ` +
            `pass { format: 'json' } (the default) to send an object.`,
        );
      }
    }
    const response = await fetch(`${await this.url()}${path}`, { method, headers, body });
    const text = await response.text();
    const isJson = /\bjson\b/.test(response.headers.get('content-type') ?? '');
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: (text === '' ? undefined : isJson ? JSON.parse(text) : text) as TBody,
    };
  }

  /** The app's loopback URL; makes it listen on an ephemeral port first if it does not. */
  url(): Promise<string> {
    this.baseUrl ??= (async () => {
      const server = this.app.getHttpServer() as { listening?: boolean };
      if (!server.listening) await this.app.listen(0, '127.0.0.1');
      const url = new URL(await this.app.getUrl());
      if (url.hostname === '[::1]' || url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
      return url.origin;
    })();
    return this.baseUrl;
  }

  private clearForcedAuthentication(): void {
    if (this.ticket) revokeForcedAuthenticationTicket(this.ticket);
    this.ticket = null;
  }
}
