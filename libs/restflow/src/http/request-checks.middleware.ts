import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { MediaTypeMiddleware } from '../parsers/media-type.middleware';
import { HostMiddleware } from './host.middleware';

/**
 * The checks `RestflowModule` applies to every route, in one middleware: the `Host` check first
 * (nothing else runs for a host the API does not serve), then the request body's media type.
 * One middleware, not two: each one costs the adapter (Express's router, Fastify's middie) and
 * Nest (a proxy and its exception handler) a hop per request. The answers are those of
 * {@link HostMiddleware} and {@link MediaTypeMiddleware}, which do the checks.
 *
 * @internal
 */
@Injectable()
export class RequestChecksMiddleware implements NestMiddleware<IncomingMessage> {
  constructor(
    private readonly host: HostMiddleware,
    private readonly mediaType: MediaTypeMiddleware,
  ) {}

  use(request: IncomingMessage, _response: unknown, next: () => void): void {
    this.host.check(request);
    this.mediaType.check(request);
    next();
  }
}
