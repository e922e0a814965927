import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { InjectRestflowOptions } from '../config/options.providers';
import { mediaTypeOf } from '../core/media-type.util';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { UnsupportedMediaType } from '../exceptions/standard.exceptions';

/**
 * Rejects a request body whose `Content-Type` is not in `parsers.mediaTypes` with 415
 * `unsupported_media_type`, before the body is read. Express ignores bodies it cannot parse and
 * Fastify rejects them in its own words; this check makes both answer the same way.
 * `RestflowModule` applies it to every route.
 *
 * @example
 * ```ts
 * // curl -X POST -H 'Content-Type: text/csv' --data 'a,b' /api/products
 * // 415 {"error":{"code":"unsupported_media_type","message":"Unsupported media type \"text/csv\" in request.","details":{}}}
 * ```
 * @publicApi
 */
@Injectable()
export class MediaTypeMiddleware implements NestMiddleware<IncomingMessage> {
  private readonly accepted: ReadonlySet<string>;

  constructor(@InjectRestflowOptions('parsers') options: ResolvedRestflowOptions['parsers']) {
    this.accepted = new Set(options.mediaTypes.map((type) => type.toLowerCase()));
  }

  use(request: IncomingMessage, _response: unknown, next: () => void): void {
    this.check(request);
    next();
  }

  /**
   * The check itself: throws the 415 for a body of a media type not accepted. `RestflowModule`
   * runs it with the Host check in one middleware.
   */
  check(request: IncomingMessage): void {
    if (hasBody(request)) {
      const header = request.headers['content-type'];
      const mediaType = mediaTypeOf(header);
      if (!mediaType || !this.accepted.has(mediaType)) {
        throw new UnsupportedMediaType(header);
      }
    }
  }
}

/** RFC 9110: a request has content when it says so in Content-Length or Transfer-Encoding. */
function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (!!length && length !== '0');
}
