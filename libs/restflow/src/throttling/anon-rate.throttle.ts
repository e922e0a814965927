import { Injectable } from '@nestjs/common';
import { isAuthenticatedUser } from '../authentication/anonymous-user';
import type { RestflowRequest } from '../core/restflow-request.interface';
import { SimpleRateThrottle } from './simple-rate.throttle';

/**
 * Limits anonymous requests by client address (DRF's `AnonRateThrottle`): scope `anon`, key
 * `throttle_anon_<ip>`; authenticated requests are not counted. How the address is read depends
 * on `throttling.numProxies`.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({
 *   throttling: { defaultThrottleClasses: [AnonRateThrottle], rates: { anon: '20/min' } },
 * });
 * ```
 * @publicApi
 */
@Injectable()
export class AnonRateThrottle extends SimpleRateThrottle {
  readonly scope: string = 'anon';

  getCacheKey(request: RestflowRequest): string | null {
    if (isAuthenticatedUser(request.user)) {
      return null;
    }
    return this.cacheKey(this.scope, this.getIdent(request));
  }
}
