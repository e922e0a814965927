import { createHash } from 'node:crypto';
import {
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type Type,
} from '@nestjs/common';
import { defer, from, mergeMap, of, type Observable } from 'rxjs';
import { InjectRestflowOptions } from '../../config/options.providers';
import type { ResolvedRestflowOptions } from '../../config/restflow-options.interface';
import { ProviderInstances } from '../../core/provider-instances';
import { resolveActionConfig } from '../../core/action-config.decorator';
import type { RestflowRequest } from '../../core/restflow-request.interface';
import { CacheStatus } from '../cache-status';
import { CacheRuntime } from '../runtime/cache-runtime';
import { isFresh, type CacheEntry } from '../stores/cache-entry.interface';
import { CACHE_RESPONSE_METADATA } from './cache-response.constants';
import type { CachedResponse } from './cached-response.interface';
import { CachedResponseDefinition } from './cached-response.definition';
import { actionResponseDefinition } from './action-response-definitions';

/** The parts of an Express response or a Fastify reply the cache uses. */
interface HttpResponse {
  statusCode: number;
  status(code: number): unknown;
  header(name: string, value: string | string[]): unknown;
  getHeaders(): Record<string, unknown>;
}

/** Headers that describe one connection or one reply, never replayed from a cache. */
const NOT_STORED = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'date',
  'etag',
  'last-modified',
  'cache-control',
  'x-cache-status',
  'x-cached-at',
  'x-cache-reset-at',
]);

/** Marks a request the cache has handled (a handler cached twice runs the cache once). */
const HANDLED = Symbol('restflow:response-cache');

/**
 * The response cache: for handlers with `@CacheResponse()` or `ActionConfig({ cacheResponse })`,
 * answers `GET` and `HEAD` from the store when it can, and stores fresh successful JSON
 * responses. `RestflowModule` puts it on the controllers that cache something (decided at boot;
 * other routes run no interceptor for it), before their own interceptors; it runs after the
 * guards, so authentication, permissions and throttling still apply on a hit. Fails open: a failing store
 * is a miss. Override `isCacheable()` to change what is stored.
 *
 * @publicApi
 */
@Injectable()
export class ResponseCacheInterceptor implements NestInterceptor {
  private readonly logger = new Logger('RestflowCache');

  constructor(
    private readonly runtime: CacheRuntime,
    private readonly instances: ProviderInstances,
    @InjectRestflowOptions('caching') private readonly options: ResolvedRestflowOptions['caching'],
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const definition = this.definitionOf(context);
    if (!definition) return next.handle();
    const request = context.switchToHttp().getRequest<RestflowRequest & Record<symbol, unknown>>();
    if ((request.method !== 'GET' && request.method !== 'HEAD') || request[HANDLED]) {
      return next.handle();
    }
    request[HANDLED] = true;
    const response = context.switchToHttp().getResponse<HttpResponse>();
    let key: { key: string; prefixes: string[] };
    try {
      key = definition.storedKeys(
        definition.keyConstructor.build(definition.id, { args: {}, request }),
      );
    } catch (error) {
      this.logger.warn(
        `Not caching ${definition.id}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return next.handle();
    }
    return from(this.runtime.read(key.key)).pipe(
      mergeMap((entry) => {
        if (entry && isFresh(entry, Date.now())) {
          return of(
            this.replay(definition, request, response, entry as CacheEntry<CachedResponse>),
          );
        }
        const before = { ...response.getHeaders() };
        return next
          .handle()
          .pipe(
            mergeMap((body) =>
              defer(() => this.store(definition, request, response, key, before, body)),
            ),
          );
      }),
    );
  }

  /**
   * Whether a body may be stored: plain JSON data (objects, arrays, strings, numbers,
   * booleans, `null`), unless the endpoint set `cacheNonJson`. Override to change it.
   */
  protected isCacheable(body: unknown, definition: CachedResponseDefinition): boolean {
    return definition.options.cacheNonJson === true || isJsonData(body, 0);
  }

  private async store(
    definition: CachedResponseDefinition,
    request: RestflowRequest,
    response: HttpResponse,
    key: { key: string; prefixes: string[] },
    before: Record<string, unknown>,
    body: unknown,
  ): Promise<unknown> {
    const status = response.statusCode;
    const { cacheIf, cacheUnless } = definition.options;
    const headers = this.handlerHeaders(before, response.getHeaders());
    const cacheable =
      status >= 200 &&
      status < 300 &&
      body !== undefined &&
      // A response that sets a cookie is someone's: never replay it to others.
      !('set-cookie' in headers) &&
      this.isCacheable(body, definition) &&
      (cacheIf ? cacheIf(body, status) : cacheUnless ? !cacheUnless(body, status) : true);
    if (!cacheable) return body;
    const ttl =
      definition.options.ttl === undefined ? this.runtime.defaultTtl : definition.options.ttl;
    const cachedAt = Date.now();
    // An object or array is what the adapter sends as JSON: serialize it once, here.
    const json = typeof body === 'object' && body !== null ? JSON.stringify(body) : undefined;
    const etag = entityTag(json ?? JSON.stringify(body) ?? '');
    const entry: CacheEntry<CachedResponse> = {
      value: {
        status,
        ...(json === undefined ? { body } : { json }),
        headers,
        etag,
        lastModified: new Date(cachedAt).toUTCString(),
      },
      cachedAt,
      resetAt: ttl === null ? null : cachedAt + ttl * 1000,
      staleUntil: null,
    };
    await this.runtime.write(key.key, entry, ttl === null ? undefined : ttl * 1000, key.prefixes);
    this.setCacheHeaders(definition, response, entry, CacheStatus.MISS);
    return this.notModified(request, response, etag) ? undefined : body;
  }

  /**
   * Answers from the entry: its status and headers, and its JSON text as it is (with the JSON
   * content type, unless the handler set another), so a hit never serializes the body again.
   * Interceptors registered outside the response cache see that text on a hit.
   */
  private replay(
    definition: CachedResponseDefinition,
    request: RestflowRequest,
    response: HttpResponse,
    entry: CacheEntry<CachedResponse>,
  ): unknown {
    const { status, headers, etag, json } = entry.value;
    response.status(status);
    for (const name in headers) response.header(name, headers[name] as string | string[]);
    this.setCacheHeaders(definition, response, entry, CacheStatus.HIT);
    if (this.notModified(request, response, etag)) return undefined;
    if (json === undefined) return entry.value.body;
    if (!('content-type' in headers)) response.header('Content-Type', JSON_CONTENT_TYPE);
    return json;
  }

  /** 304 without a body when the client's `If-None-Match` lists the entity tag. */
  private notModified(request: RestflowRequest, response: HttpResponse, etag: string): boolean {
    const header = request.headers['if-none-match'];
    if (!header) return false;
    const tags = header.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    if (!tags.includes('*') && !tags.includes(etag.replace(/^W\//, ''))) return false;
    response.status(304);
    return true;
  }

  private setCacheHeaders(
    definition: CachedResponseDefinition,
    response: HttpResponse,
    entry: CacheEntry<CachedResponse>,
    status: CacheStatus,
  ): void {
    response.header('ETag', entry.value.etag);
    response.header(
      'Last-Modified',
      entry.value.lastModified ?? new Date(entry.cachedAt).toUTCString(),
    );
    if (definition.options.statusHeaders ?? this.options.statusHeaders) {
      response.header('X-Cache-Status', status);
      response.header('X-Cached-At', new Date(entry.cachedAt).toISOString());
      if (entry.resetAt !== null) {
        response.header('X-Cache-Reset-At', new Date(entry.resetAt).toISOString());
      }
    }
    if (definition.options.cacheControl) {
      const scope = definition.options.public ? 'public' : 'private';
      const left =
        entry.resetAt === null
          ? 31536000
          : Math.max(0, Math.ceil((entry.resetAt - Date.now()) / 1000));
      response.header('Cache-Control', `${scope}, max-age=${left}`);
    }
  }

  /** Headers the handler added or changed (not those of middleware, CORS, or the connection). */
  private handlerHeaders(
    before: Record<string, unknown>,
    after: Record<string, unknown>,
  ): Record<string, string | string[]> {
    const headers = Object.create(null) as Record<string, string | string[]>;
    for (const [name, value] of Object.entries(after)) {
      const lower = name.toLowerCase();
      if (NOT_STORED.has(lower) || value === undefined) continue;
      if (JSON.stringify(before[name]) === JSON.stringify(value)) continue;
      headers[lower] = Array.isArray(value)
        ? value.map((item) => `${item as string}`)
        : `${value as string}`;
    }
    return headers;
  }

  private definitionOf(context: ExecutionContext): CachedResponseDefinition | null {
    const handler = context.getHandler();
    const declared = Reflect.getMetadata(CACHE_RESPONSE_METADATA, handler) as unknown;
    if (declared instanceof CachedResponseDefinition) return declared;
    const viewClass: Type<unknown> = context.getClass();
    const options = resolveActionConfig(this.instances.view(viewClass), handler.name).cacheResponse;
    return options ? actionResponseDefinition(viewClass, handler.name, options) : null;
  }
}

/** What Express's `res.json()` and Fastify's JSON replies send as `Content-Type`. */
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** A weak entity tag of the body's JSON text. */
function entityTag(json: string): string {
  const digest = createHash('sha256').update(json).digest('base64url');
  return `W/"${digest.slice(0, 27)}"`;
}

function isJsonData(value: unknown, depth: number): boolean {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (typeof value !== 'object' || depth > 64) return false;
  if (Array.isArray(value)) return value.every((item) => isJsonData(item, depth + 1));
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.values(value).every((item) => item === undefined || isJsonData(item, depth + 1));
}
