import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectRestflowOptions } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { ProviderInstances } from '../core/provider-instances';
import { Throttled } from '../exceptions/standard.exceptions';
import type { RestflowRequest } from '../core/restflow-request.interface';
import { resolveActionSetting } from '../core/action-config.decorator';
import type { ThrottleDecision } from './throttle.interface';

/**
 * The third stage of the request pipeline (DRF's `check_throttles`), after authentication and
 * permissions: runs every throttle of the action (`@ActionConfig({ throttleClasses })`, then the
 * view's `throttleClasses`, then `forRoot({ throttling: { defaultThrottleClasses } })`). Every
 * throttle counts the request, even when another one refuses it. When any refuses, the answer is
 * 429 `throttled` with the longest wait in `Retry-After` and `details.retry_after_seconds`;
 * either way the response carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`
 * (seconds) of the most restrictive throttle, on Express and Fastify alike.
 *
 * At boot, {@link ThrottleRatesCheck} checks every action it guards: each throttle's
 * `validate()` runs, so a scope without a rate fails `app.init()` with a `RestflowConfigError`.
 * `@View()` and `@ViewSet()`
 * apply it; other controllers use `@UseGuards(ThrottleGuard)` (after the authentication guard,
 * so that user throttles see the user).
 *
 * @example
 * ```ts
 * @Controller('search')
 * @UseGuards(AuthenticationGuard, ThrottleGuard)
 * @ActionConfig({ throttleClasses: [ScopedRateThrottle], throttleScope: 'search' })
 * export class SearchController {
 *   @Get()
 *   search(@Query('q') q: string) {
 *     return this.index.search(q);
 *   }
 * }
 * // RestflowModule.forRoot({ throttling: { rates: { search: '30/min' } } })
 * ```
 * @publicApi
 */
@Injectable()
export class ThrottleGuard implements CanActivate {
  constructor(
    protected readonly instances: ProviderInstances,
    @InjectRestflowOptions() protected readonly options: ResolvedRestflowOptions,
    protected readonly adapterHost: HttpAdapterHost,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }
    const http = context.switchToHttp();
    const request = http.getRequest<RestflowRequest>();
    const view = this.instances.view(context.getClass());
    const action = context.getHandler().name;
    const throttleClasses = resolveActionSetting(
      view,
      action,
      'throttleClasses',
      this.options.throttling.defaultThrottleClasses,
    );
    if (throttleClasses.length === 0) {
      return true;
    }
    const throttles = await Promise.all(throttleClasses.map((type) => this.instances.get(type)));
    // All of them, not the first refusal only: each throttle counts the request (as DRF does).
    const decisions = (
      await Promise.all(throttles.map((throttle) => throttle.check(request, view, action)))
    ).filter((decision): decision is ThrottleDecision => decision !== null);
    if (decisions.length === 0) {
      return true;
    }
    const refused = decisions.filter((decision) => !decision.allowed);
    if (refused.length > 0) {
      this.throwThrottled(refused);
    }
    const headers = this.rateLimitHeaders(mostRestrictive(decisions));
    const response: unknown = http.getResponse();
    for (const [name, value] of Object.entries(headers)) {
      this.adapterHost.httpAdapter.setHeader(response, name, value);
    }
    return true;
  }

  /**
   * Throws the 429 for the refusing throttles: the longest wait (DRF's `max(durations)`) and
   * the `RateLimit-*` numbers of the throttle that imposes it. Override to change the error.
   */
  protected throwThrottled(refused: ThrottleDecision[]): never {
    let worst: ThrottleDecision | undefined;
    for (const decision of refused) {
      if (decision.waitSeconds !== null && decision.waitSeconds > (worst?.waitSeconds ?? -1)) {
        worst = decision;
      }
    }
    const shown = worst ?? refused[0];
    throw new Throttled(worst?.waitSeconds ?? null, {
      headers: shown ? this.rateLimitHeaders(shown) : {},
    });
  }

  /**
   * The rate limit headers of one decision (IETF draft `RateLimit-*` fields, as separate
   * headers). Override to rename or drop them.
   */
  protected rateLimitHeaders(decision: ThrottleDecision): Record<string, string> {
    return {
      'RateLimit-Limit': String(decision.limit),
      'RateLimit-Remaining': String(decision.remaining),
      'RateLimit-Reset': String(decision.resetSeconds),
    };
  }
}

/** The decision with the fewest requests left (then the longest reset). */
function mostRestrictive(decisions: ThrottleDecision[]): ThrottleDecision {
  return decisions.reduce((worst, decision) =>
    decision.remaining < worst.remaining ||
    (decision.remaining === worst.remaining && decision.resetSeconds > worst.resetSeconds)
      ? decision
      : worst,
  );
}
