import { Injectable } from '@nestjs/common';
import { Throttled } from '../exceptions/standard.exceptions';
import type { RestflowRequest } from '../core/restflow-request.interface';
import { SimpleRateThrottle } from '../throttling/simple-rate.throttle';
import type { ThrottleHit } from '../throttling/throttle-store.interface';
import type { ThrottleDecision } from '../throttling/throttle.interface';

/**
 * Limits failed authentications per client address to the anonymous rate
 * (`throttling.rates.anon`), so that passwords and tokens cannot be guessed faster than an
 * anonymous client may call the API. The failures have their own window,
 * `throttle_anon_failures_<ip>` in `throttling.store`: anonymous browsing does not use it up,
 * and a signed-in user is only refused while guesses from the same address are.
 *
 * `AuthenticationGuard` uses it when `throttling.rates.anon` is set: it records each failed
 * authentication ({@link recordFailure}, 429 instead of 401 once the window is full), and
 * refuses a successful one while the window is full ({@link refuseIfLocked}), so that a right
 * guess answers exactly as a wrong one (429) until the window has room again. That costs one
 * store call per signed-in request.
 *
 * @internal
 */
@Injectable()
export class FailedAuthenticationThrottle extends SimpleRateThrottle {
  readonly scope: string = 'anon';

  getCacheKey(request: RestflowRequest): string {
    return this.cacheKey('anon_failures', this.getIdent(request));
  }

  /**
   * Counts one failed authentication of the client.
   *
   * @throws {Throttled} when the client's failures already fill the window.
   */
  async recordFailure(request: RestflowRequest, view: object, action: string): Promise<void> {
    const decision = await this.check(request, view, action);
    if (decision && !decision.allowed) {
      throw throttled(decision);
    }
  }

  /**
   * Refuses a successful authentication while the client's failures fill the window (without
   * counting it).
   *
   * @throws {Throttled}
   */
  async refuseIfLocked(request: RestflowRequest, view: object, action: string): Promise<void> {
    const rate = this.getRate(this.scope, view, action);
    if (rate === null) return;
    let hit: ThrottleHit;
    try {
      // A limit of 0 never counts: the store only reports the window.
      hit = await this.options.store.hit(this.getCacheKey(request), 0, rate.durationMs);
    } catch {
      // A store that fails lets the signed-in request through (recording failures follows
      // throttling's own store-failure policy, through check()).
      return;
    }
    if (hit.hits >= rate.limit) {
      // Room again when the oldest failure leaves the window.
      const resetMs =
        hit.oldestAt === null ? rate.durationMs : hit.oldestAt + rate.durationMs - hit.now;
      const seconds = Math.max(1, Math.ceil(resetMs / 1000));
      throw throttled({
        allowed: false,
        limit: rate.limit,
        remaining: 0,
        resetSeconds: seconds,
        waitSeconds: seconds,
      });
    }
  }
}

function throttled(decision: ThrottleDecision): Throttled {
  return new Throttled(decision.waitSeconds, {
    headers: {
      'RateLimit-Limit': String(decision.limit),
      'RateLimit-Remaining': String(decision.remaining),
      'RateLimit-Reset': String(decision.resetSeconds),
    },
  });
}
