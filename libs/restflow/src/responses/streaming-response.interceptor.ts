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
 * envelope and status. Other values pass through untouched. `RestflowModule` registers it
 * globally; it must run outside interceptors that transform results (register those after it).
 *
 * @example
 * ```ts
 * // Without RestflowModule.forRoot() (which does this):
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
    const http = context.switchToHttp();
    const reply = http.getResponse<ServerResponse | { raw: ServerResponse }>();
    const request = http.getRequest<IncomingMessage | { raw: IncomingMessage }>();
    const raw = 'raw' in reply ? reply.raw : reply;
    const rawRequest = 'raw' in request ? request.raw : request;
    const adapter = this.adapterHost.httpAdapter;
    for (const [name, value] of Object.entries(streaming.headers)) {
      adapter.setHeader(reply, name, value);
    }
    streaming.bind(
      raw,
      `${rawRequest.method ?? 'GET'} ${rawRequest.url ?? ''}`,
      this.exceptions.nonFieldErrorsKey,
    );
    this.openStreams.track(streaming);
    await streaming.prepare();
    return streaming;
  }
}
