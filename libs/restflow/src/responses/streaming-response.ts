import { Logger, StreamableFile } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { ServiceUnavailable } from '../exceptions/standard.exceptions';
import { toAPIException } from '../exceptions/to-api-exception';
import { ItemStream } from './item-stream';
import type { StreamJsonEncoder } from './stream-json.util';
import { assertSource, type StreamFraming, type StreamSource } from './stream-source.types';

/**
 * Options shared by the streaming responses.
 *
 * @example
 * ```ts
 * new NDJSONResponse(rows, { headers: { 'Content-Disposition': 'attachment; filename="products.ndjson"' } });
 * ```
 * @publicApi
 */
export interface StreamingResponseOptions {
  /** Replaces the response's Content-Type. @default the type of the response class */
  contentType?: string;
  /** More response headers, set before the first byte. */
  headers?: Readonly<Record<string, string>>;
  /** Writes one item as JSON text. @default {@link encodeStreamJson} (drf-restflow's spacing) */
  encode?: StreamJsonEncoder;
}

/** Where a bound response came from, for the logs and the envelope of a failure. */
interface Binding {
  response: ServerResponse;
  where: string;
  nonFieldErrorsKey: string;
}

const logger = new Logger('StreamingResponse');

const MISSING_INTERCEPTOR =
  'A streaming response was sent without being started (headers, errors before the first byte ' +
  'answered with the error envelope, the end at shutdown). Fix: import RestflowModule.forRoot() ' +
  '(it starts them where the HTTP adapter sends them), or add ' +
  '{ provide: APP_INTERCEPTOR, useClass: StreamingResponseInterceptor } to the module.';

/**
 * The base of the streaming responses: a `StreamableFile` whose bytes come from an iterable,
 * whose items are pulled only while the client's socket takes what was sent (items that come
 * without waiting go out together, in chunks of up to 16 KB). Return one from any route handler; `StreamingResponseInterceptor` (registered by `RestflowModule`)
 * waits for its first bytes, so an error before them is the normal error envelope, sets its
 * headers, and ends it when the client goes away (the iterator's `return()` runs) or the
 * application shuts down.
 *
 * Subclass it to stream another format: pass the framing of items to `super()`.
 *
 * @example
 * ```ts
 * @Get('export')
 * export() {
 *   return new NDJSONResponse(iterateQuery(this.products.createQueryBuilder('product')));
 * }
 * ```
 * @publicApi
 */
export abstract class StreamingResponse extends StreamableFile {
  /** The Content-Type sent. */
  readonly contentType: string;
  /** Headers sent besides Content-Type. */
  readonly headers: Readonly<Record<string, string>>;
  private readonly itemStream: ItemStream;
  private binding: Binding | undefined;
  private failureLogged = false;

  protected constructor(
    source: StreamSource<unknown>,
    framing: StreamFraming,
    contentType: string,
    options: StreamingResponseOptions = {},
    defaultHeaders: Readonly<Record<string, string>> = {},
  ) {
    assertSource(source);
    const hooks = {
      envelopeOf: (error: unknown) => self.envelopeOf(error),
      interruptionError: () =>
        new ServiceUnavailable({ message: 'The server is shutting down; try again.' }),
      logFailure: (error: unknown, items: number) => self.logFailure(error, items),
      abortConnection: () => self.abortConnection(),
      unpreparedError: () => new Error(MISSING_INTERCEPTOR),
    };
    const stream = new ItemStream(source, framing, hooks);
    super(stream, { type: options.contentType ?? contentType });
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the hooks outlive the constructor
    const self = this;
    this.itemStream = stream;
    this.contentType = options.contentType ?? contentType;
    this.headers = { ...defaultHeaders, ...options.headers };
    this.setErrorHandler((error, response) =>
      this.answerUnprepared(error, response as unknown as ServerResponse),
    );
    this.setErrorLogger((error) => logger.verbose(`Response error: ${describe(error)}`));
  }

  /** Aborts when the client goes away or the application shuts down. */
  get signal(): AbortSignal {
    return this.itemStream.signal;
  }

  /** Items written so far. */
  get itemCount(): number {
    return this.itemStream.itemCount;
  }

  /**
   * Ties the response to the HTTP response it is sent on: a client that goes away ends the
   * stream, and a failure can cut the connection. Called by `StreamingResponseInterceptor`.
   *
   * @internal
   */
  bind(response: ServerResponse, where: string, nonFieldErrorsKey: string): void {
    this.binding = { response, where, nonFieldErrorsKey };
    const close = () => {
      if (!response.writableFinished) this.itemStream.destroy();
    };
    if (response.destroyed) close();
    else response.once('close', close);
  }

  /**
   * Pulls until the first bytes are ready. Rejects with the error of the iterator (nothing sent
   * yet). Called by `StreamingResponseInterceptor`.
   *
   * @internal
   */
  prepare(): Promise<void> {
    return this.itemStream.prime();
  }

  /**
   * Ends the stream at application shutdown: SSE ends cleanly, NDJSON with an error line,
   * a JSON array by cutting the connection. Called by `OpenStreams`.
   *
   * @internal
   */
  interrupt(): void {
    this.itemStream.interrupt();
  }

  /** Resolves once the body stream is closed (ended, failed or destroyed). @internal */
  closed(): Promise<void> {
    const stream = this.itemStream;
    if (stream.closed) return Promise.resolve();
    return new Promise((resolve) => stream.once('close', () => resolve()));
  }

  /**
   * The envelope written into the stream when it fails after its first byte: the error's
   * envelope (a generic `internal_error` for anything but an `APIException`). Override to change
   * what clients see.
   */
  protected envelopeOf(error: unknown): unknown {
    return toAPIException(error, {
      nonFieldErrorsKey: this.binding?.nonFieldErrorsKey ?? 'non_field_errors',
    }).toEnvelope();
  }

  /** Logs a failure after the first byte, once, with its stack. Override to report elsewhere. */
  protected logFailure(error: unknown, items: number): void {
    if (this.failureLogged) return;
    this.failureLogged = true;
    const where = this.binding?.where ?? 'A streaming response';
    logger.error(
      `${where}: the stream failed after ${items} item(s): ${describe(error)}`,
      error instanceof Error ? error.stack : undefined,
    );
  }

  private abortConnection(): boolean {
    const response = this.binding?.response;
    if (!response) return false;
    response.destroy();
    return true;
  }

  /**
   * The adapters call this for a stream error: after the head, the connection is cut; before it
   * (a response sent without the interceptor), a 500 envelope.
   */
  private answerUnprepared(error: Error, response: ServerResponse): void {
    if (response.destroyed) return;
    if (response.headersSent) {
      response.destroy();
      return;
    }
    this.logFailure(error, 0);
    const exception = toAPIException(error, { nonFieldErrorsKey: 'non_field_errors' });
    response.statusCode = exception.getStatus();
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.end(JSON.stringify(exception.toEnvelope()));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
