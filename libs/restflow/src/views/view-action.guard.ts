import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { REQUEST_ACTION } from './metadata-keys';

/**
 * Leaves the name of the handler on the request, so that a view's helpers know which
 * `ActionConfig` applies. Never refuses. `@View()` and `@ViewSet()` apply it.
 *
 * @internal
 */
@Injectable()
export class ViewActionGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Record<symbol, unknown>>();
    request[REQUEST_ACTION] = context.getHandler().name;
    return true;
  }
}
