import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { ProviderInstances } from '../core/provider-instances';
import { mediaTypeOf } from '../core/media-type.util';
import { ParseError, UnsupportedMediaType } from '../exceptions/standard.exceptions';
import { resolveActionConfig } from '../core/action-config.decorator';
import { REQUEST_ACTION } from '../core/restflow-metadata-keys';

/**
 * Runs before every action of a `@View()` / `@ViewSet()` class: leaves the action (handler) name
 * on the request, so that the view's helpers know which `ActionConfig` applies, and enforces the
 * action's `contentTypes` (415) and `bodyLimit` (413). Never refuses otherwise.
 *
 * @internal
 */
@Injectable()
export class ViewActionGuard implements CanActivate {
  constructor(private readonly instances: ProviderInstances) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: IncomingHttpHeaders }>();
    const action = context.getHandler().name;
    (request as unknown as Record<symbol, unknown>)[REQUEST_ACTION] = action;
    const { contentTypes, bodyLimit } = resolveActionConfig(
      this.instances.view(context.getClass()),
      action,
    );
    const length = Number(request.headers['content-length'] ?? 0);
    if (bodyLimit !== undefined && length > bodyLimit) {
      throw new ParseError({
        message: `Request body is too large: the limit is ${bodyLimit} bytes.`,
        status: 413,
      });
    }
    if (contentTypes && length > 0) {
      const header = request.headers['content-type'];
      const mediaType = mediaTypeOf(header);
      if (!contentTypes.some((type) => type.toLowerCase() === mediaType)) {
        throw new UnsupportedMediaType(header);
      }
    }
    return true;
  }
}
