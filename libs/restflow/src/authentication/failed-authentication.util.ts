import type { ResolvedRestflowOptions } from '../config/restflow-defaults';
import type { ProviderInstances } from '../core/provider-instances';
import { Throttled } from '../exceptions/standard.exceptions';
import { AnonRateThrottle } from '../throttling/anon-rate.throttle';
import type { Throttle, ThrottleClass, ThrottleDecision } from '../throttling/throttle.interface';
import type { RestflowRequest } from '../views/restflow-request.interface';
import { ANONYMOUS_USER } from './anonymous-user';

/**
 * Counts a failed authentication (wrong Basic password, unknown token, bad JWT) as one request
 * of an anonymous client, so that credentials cannot be guessed faster than the anonymous rate:
 * against each `AnonRateThrottle` (or subclass) of the action, or, when the action has none,
 * against `throttling.rates.anon` when that is set. Once the client's anonymous budget is spent,
 * it throws `Throttled` (429 with `Retry-After`), which the guard answers instead of the 401.
 * A failed attempt is counted once: the throttle guard never runs after a refused
 * authentication.
 *
 * @internal
 */
export async function countFailedAuthentication(
  instances: ProviderInstances,
  options: ResolvedRestflowOptions,
  request: RestflowRequest,
  view: object,
  action: string,
  throttleClasses: readonly ThrottleClass[],
): Promise<void> {
  const throttles = (
    await Promise.all(throttleClasses.map((type) => instances.get<Throttle>(type)))
  ).filter((throttle) => throttle instanceof AnonRateThrottle);
  const { rates } = options.throttling;
  if (throttles.length === 0 && typeof rates.anon === 'string') {
    throttles.push(await instances.get(AnonRateThrottle));
  }
  if (throttles.length === 0) {
    return;
  }
  // The client failed to authenticate: it is anonymous, whatever an earlier step assumed.
  request.user = ANONYMOUS_USER;
  request.auth = null;
  const decisions = await Promise.all(
    throttles.map((throttle) => throttle.check(request, view, action)),
  );
  let worst: ThrottleDecision | undefined;
  for (const decision of decisions) {
    if (
      decision &&
      !decision.allowed &&
      (decision.waitSeconds ?? 0) >= (worst?.waitSeconds ?? -1)
    ) {
      worst = decision;
    }
  }
  if (worst) {
    throw new Throttled(worst.waitSeconds, {
      headers: {
        'RateLimit-Limit': String(worst.limit),
        'RateLimit-Remaining': String(worst.remaining),
        'RateLimit-Reset': String(worst.resetSeconds),
      },
    });
  }
}
