import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ProviderInstances } from '../core/provider-instances';
import { allowHeader, routesOfRequest } from './view-routes';
import { setViewResponse } from './view-response';

interface HeaderResponse {
  header(name: string, value: string): unknown;
  getHeader(name: string): unknown;
}

/**
 * Runs first for every action of a `@View()` / `@ViewSet()` class and gives its response, error
 * responses included, the headers of DRF's `finalize_response`: `Allow` (the methods the URL
 * serves, with `HEAD` and `OPTIONS`) and `Vary: Accept` (added to any `Vary` already set). Also
 * leaves the response on the request for the `headers` option of the view helpers. Never
 * refuses.
 *
 * @internal
 */
@Injectable()
export class ViewHeadersGuard implements CanActivate {
  constructor(private readonly instances: ProviderInstances) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<object>();
    const response = http.getResponse<HeaderResponse>();
    setViewResponse(request, response);
    const routes = routesOfRequest(this.instances.view(context.getClass()), request);
    if (routes.length > 0) response.header('Allow', allowHeader(routes));
    const vary = response.getHeader('Vary');
    if (vary === undefined) {
      response.header('Vary', 'Accept');
      return true;
    }
    const current = Array.isArray(vary) ? vary.join(', ') : typeof vary === 'string' ? vary : '';
    const listed = current.split(',').map((entry) => entry.trim().toLowerCase());
    if (!listed.includes('accept') && !listed.includes('*')) {
      response.header('Vary', current ? `${current}, Accept` : 'Accept');
    }
    return true;
  }
}
