import { Injectable } from '@nestjs/common';
import { isAuthenticatedUser } from '../authentication/anonymous-user';
import { InjectRestflowOptions } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { ProviderInstances } from '../core/provider-instances';
import type { RestflowRequest } from '../core/restflow-request.interface';
import { SimpleRateThrottle } from './simple-rate.throttle';
import { userIdent } from './user-ident.util';

/**
 * Limits each user (DRF's `UserRateThrottle`): scope `user`, key `throttle_user_<id>` for an
 * authenticated request (the id is `authentication.userProvider`'s `getId(user)`, else
 * `user.id`) and `throttle_user_<ip>` for an anonymous one. Subclass it with another `scope` for
 * several user limits at once (e.g. a burst and a sustained rate).
 *
 * @example
 * ```ts
 * @Injectable()
 * export class BurstRateThrottle extends UserRateThrottle {
 *   override readonly scope = 'burst';
 * }
 *
 * RestflowModule.forRoot({
 *   throttling: {
 *     defaultThrottleClasses: [BurstRateThrottle, UserRateThrottle],
 *     rates: { burst: '60/min', user: '1000/day' },
 *   },
 * });
 * ```
 * @publicApi
 */
@Injectable()
export class UserRateThrottle extends SimpleRateThrottle {
  readonly scope: string = 'user';

  constructor(
    @InjectRestflowOptions() protected readonly restflowOptions: ResolvedRestflowOptions,
    protected readonly instances: ProviderInstances,
  ) {
    super(restflowOptions.throttling);
  }

  async getCacheKey(request: RestflowRequest): Promise<string | null> {
    const ident = isAuthenticatedUser(request.user)
      ? await userIdent(request.user, this.restflowOptions, this.instances, this.constructor.name)
      : this.getIdent(request);
    return this.cacheKey(this.scope, ident);
  }
}
