import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectRestflowOptions } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { OpenStreams } from './open-streams';
import { StreamingResponse } from './streaming-response';
import { startStreamingResponse } from './streaming-response.interceptor';

/** The part of Nest's HTTP adapter that sends a handler's result. */
interface ReplyingAdapter {
  reply(response: unknown, body: unknown, statusCode?: number): unknown;
  setHeader(response: unknown, name: string, value: string): unknown;
}

/** Adapters whose `reply` starts streaming responses already. */
const INSTALLED = new WeakSet<object>();

/**
 * Starts the streaming responses that handlers return, where Nest hands a route's result to the
 * HTTP adapter: what `StreamingResponseInterceptor` does, without an interceptor on every route
 * (an interceptor costs Nest an `AsyncResource` and an rxjs chain per request). The adapter's
 * `reply()` is wrapped once at boot; for a `StreamingResponse` not started yet, it sets its
 * headers, ties it to the response, tracks it for shutdown and waits for its first bytes before
 * sending it, so an iterator failing at once still reaches the exception filters (normal error
 * envelope and status). Every other body goes straight to the adapter. This runs after every
 * interceptor, so those that transform results never see a started stream. `RestflowModule`
 * provides it; `StreamingResponseInterceptor` stays for apps without the module.
 *
 * @internal
 */
@Injectable()
export class StreamingReplies implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly openStreams: OpenStreams,
    @InjectRestflowOptions('exceptions')
    private readonly exceptions: ResolvedRestflowOptions['exceptions'],
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter as ReplyingAdapter | undefined;
    if (!adapter || INSTALLED.has(adapter)) return;
    INSTALLED.add(adapter);
    const reply = adapter.reply.bind(adapter);
    const { openStreams } = this;
    const nonFieldErrorsKey = this.exceptions.nonFieldErrorsKey;
    adapter.reply = function (this: ReplyingAdapter, response, body, statusCode) {
      if (!(body instanceof StreamingResponse)) return reply.call(this, response, body, statusCode);
      return startStreamingResponse(body, response, this, openStreams, nonFieldErrorsKey).then(() =>
        reply.call(this, response, body, statusCode),
      );
    };
  }
}
