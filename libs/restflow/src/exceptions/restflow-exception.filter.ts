import {
  Catch,
  HttpException,
  HttpStatus,
  Injectable,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { HttpAdapterHost, ModuleRef, type AbstractHttpAdapter } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import { DataSource } from 'typeorm';
import { InjectRestflowOptions } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { allowedMethods } from './allowed-methods';
import { APIException } from './api.exception';
import { requestAuthenticators, withAuthenticationStatus } from './authentication-status';
import { MethodNotAllowed, NotFound } from './standard.exceptions';
import { toAPIException } from './to-api-exception';

/**
 * The one exception filter: renders every failure of an HTTP request as
 * `{"error":{"code","message","details"}}`, identically on Express and Fastify.
 *
 * - {@link APIException}s (and your subclasses) are sent as they are, with their headers
 *   (`WWW-Authenticate` on 401, `Retry-After` on 429, `Allow` on 405);
 * - `NotAuthenticated` and `AuthenticationFailed`, wherever they are thrown in a view, are 401
 *   with the first authenticator's `WWW-Authenticate`, or 403 when it has no challenge (DRF);
 * - `ValidationFailed('message')` without details is `Request validation failed.` with the
 *   message in `details.non_field_errors`, as DRF's `ValidationError('message')`;
 * - Nest `HttpException`s keep their status and get the code of that status;
 * - a URL that exists but not for this method is 405 with `Allow`; an unknown URL is 404;
 * - malformed JSON is 400 `parse_error`, an oversized body 413, an unparsable media type 415;
 * - TypeORM's `EntityNotFoundError` is 404, unique and foreign-key violations 409 `conflict`;
 * - anything else is 500 `internal_error` with a generic message: the error and its stack are
 *   logged, never sent.
 *
 * Register it once, globally: either `RestflowModule.forRoot({ ... , globalExceptionFilter: true })`
 * or the provider below.
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [RestflowModule.forRoot()],
 *   providers: [{ provide: APP_FILTER, useClass: RestflowExceptionFilter }],
 * })
 * export class AppModule {}
 * ```
 * @publicApi
 */
@Catch()
@Injectable()
export class RestflowExceptionFilter implements ExceptionFilter {
  protected readonly logger = new Logger('RestflowExceptionFilter');
  private dataSource: DataSource | null | undefined;

  constructor(
    protected readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
    @InjectRestflowOptions('exceptions')
    protected readonly options: ResolvedRestflowOptions['exceptions'],
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      // Only HTTP has an envelope; other transports keep their own error handling.
      throw exception;
    }
    const http = host.switchToHttp();
    const request = http.getRequest<IncomingMessage>();
    const response = http.getResponse<unknown>();
    const adapter = this.adapterHost.httpAdapter;
    const error = this.normalize(exception, request, adapter);
    if (error.getStatus() >= 500) {
      this.logServerError(exception, request, adapter);
    }
    this.send(error, response, adapter);
  }

  /**
   * Turns anything thrown into the {@link APIException} to render. Override to map your own
   * error types (call `super.normalize()` for the rest).
   */
  protected normalize(
    exception: unknown,
    request: IncomingMessage,
    adapter: AbstractHttpAdapter,
  ): APIException {
    const error =
      this.unroutedException(exception, request, adapter) ??
      toAPIException(exception, {
        nonFieldErrorsKey: this.options.nonFieldErrorsKey,
        contentType: request.headers['content-type'],
        bodyLimit: (request as { routeOptions?: { bodyLimit?: number } }).routeOptions?.bodyLimit,
        dataSource: this.findDataSource(),
      });
    // 401 with the challenge or 403, wherever NotAuthenticated / AuthenticationFailed was thrown.
    const authenticators = requestAuthenticators(request);
    return authenticators ? withAuthenticationStatus(error, authenticators) : error;
  }

  /** Logs a 5xx with its stack. Override to report errors elsewhere. */
  protected logServerError(
    exception: unknown,
    request: IncomingMessage,
    adapter: AbstractHttpAdapter,
  ): void {
    const where = `${String(adapter.getRequestMethod(request))} ${String(adapter.getRequestUrl(request))}`;
    const stack = exception instanceof Error ? exception.stack : undefined;
    this.logger.error(`${where} failed: ${describe(exception)}`, stack);
  }

  /** Writes the envelope, with the exception's headers, through the HTTP adapter. */
  protected send(error: APIException, response: unknown, adapter: AbstractHttpAdapter): void {
    if (adapter.isHeadersSent(response)) {
      // A streamed response broke after its head went out: nothing can be sent any more.
      adapter.end(response);
      return;
    }
    for (const [name, value] of Object.entries(error.headers)) {
      adapter.setHeader(response, name, value);
    }
    adapter.reply(response, error.toEnvelope(), error.getStatus());
  }

  /**
   * Nest answers every unrouted request with a 404 `HttpException`. When the path is routed for
   * other methods, the right answer is 405 with `Allow`; when it is not routed at all, 404 with
   * our message instead of Nest's "Cannot GET /x".
   */
  private unroutedException(
    exception: unknown,
    request: IncomingMessage,
    adapter: AbstractHttpAdapter,
  ): APIException | undefined {
    const isNotFound =
      exception instanceof HttpException &&
      !(exception instanceof APIException) &&
      exception.getStatus() === HttpStatus.NOT_FOUND;
    if (!isNotFound) {
      return undefined;
    }
    const method = String(adapter.getRequestMethod(request)).toUpperCase();
    const allowed = allowedMethods(adapter, String(adapter.getRequestUrl(request)));
    if (allowed.length === 0) {
      return new NotFound({ cause: exception });
    }
    return allowed.includes(method)
      ? undefined
      : new MethodNotAllowed(method, allowed, { cause: exception });
  }

  /** The app's TypeORM DataSource, if there is one, to name entities in conflict messages. */
  private findDataSource(): DataSource | undefined {
    if (this.dataSource === undefined) {
      try {
        this.dataSource = this.moduleRef.get(DataSource, { strict: false });
      } catch {
        this.dataSource = null;
      }
    }
    return this.dataSource ?? undefined;
  }
}

function describe(exception: unknown): string {
  if (exception instanceof Error) {
    return `${exception.name}: ${exception.message}`;
  }
  return String(exception);
}
