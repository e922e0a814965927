import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mergeMap, type Observable } from 'rxjs';
import { InjectRestflowOptions } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { OpenStreams } from './open-streams';
import { StreamingResponse } from './streaming-response';

/**
 * Starts the streaming responses that handlers return: sets their headers, ties them to the
 * HTTP response (a client that goes away stops the iteration), and waits for their first bytes
 * before Nest sends them, so that an iterator failing at once is answered with the normal error
 * envelope and status. Other values pass through untouched. It must run outside interceptors
 * that transform results (register those after it). `RestflowModule` does the same without an
 * interceptor (where the adapter sends the result, after every interceptor), so routes that
 * never stream pay nothing; with both, a stream is started once.
 *
 * @example
 * ```ts
 * // As a global interceptor (RestflowModule itself needs none):
 * providers: [OpenStreams, { provide: APP_INTERCEPTOR, useClass: StreamingResponseInterceptor }]
 * ```
 * @publicApi
 */
@Injectable()
export class StreamingResponseInterceptor implements NestInterceptor {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly openStreams: OpenStreams,
    @InjectRestflowOptions('exceptions')
    private readonly exceptions: ResolvedRestflowOptions['exceptions'],
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') {
      return next.handle();
    }
    return next
      .handle()
      .pipe(
        mergeMap((value: unknown) =>
          value instanceof StreamingResponse ? this.start(value, context) : Promise.resolve(value),
        ),
      );
  }

  /** Sets the headers, binds the response and waits for the first bytes. */
  protected async start(
    streaming: StreamingResponse,
    context: ExecutionContext,
  ): Promise<StreamingResponse> {
    await startStreamingResponse(
      streaming,
      context.switchToHttp().getResponse(),
      this.adapterHost.httpAdapter,
      this.openStreams,
      this.exceptions.nonFieldErrorsKey,
    );
    return streaming;
  }
}

/** The streaming responses started (by the interceptor or by `StreamingReplies`). */
const STARTED = new WeakSet<StreamingResponse>();

/**
 * Starts a streaming response once, whoever asks first: sets its headers on `reply` (Express
 * `res`, Fastify `reply`), binds it to the Node response (a client that goes away stops the
 * iteration), tracks it for shutdown and waits for its first bytes (rejects with the error of an
 * iterator that fails before them).
 *
 * @internal
 */
export async function startStreamingResponse(
  streaming: StreamingResponse,
  reply: unknown,
  adapter: { setHeader(response: unknown, name: string, value: string): unknown },
  openStreams: OpenStreams,
  nonFieldErrorsKey: string,
): Promise<void> {
  if (STARTED.has(streaming)) return;
  STARTED.add(streaming);
  const raw = nodeResponseOf(reply);
  const rawRequest = (raw as ServerResponse & { req?: IncomingMessage }).req;
  for (const [name, value] of Object.entries(streaming.headers)) {
    adapter.setHeader(reply, name, value);
  }
  streaming.bind(raw, `${rawRequest?.method ?? 'GET'} ${rawRequest?.url ?? ''}`, nonFieldErrorsKey);
  openStreams.track(streaming);
  await streaming.prepare();
}

/** An Express response is the Node response; a Fastify reply carries it as `raw`. */
function nodeResponseOf(reply: unknown): ServerResponse {
  const raw = (reply as { raw?: unknown }).raw;
  return (typeof raw === 'object' && raw !== null ? raw : reply) as ServerResponse;
}
