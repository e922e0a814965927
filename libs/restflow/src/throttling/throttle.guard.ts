import {
  Injectable,
  type CanActivate,
  type ExecutionContext,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { GUARDS_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, HttpAdapterHost } from '@nestjs/core';
import { InjectRestflowOptions } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-defaults';
import { ProviderInstances } from '../core/provider-instances';
import { Throttled } from '../exceptions/standard.exceptions';
import type { RestflowRequest } from '../views/restflow-request.interface';
import { resolveViewPolicy } from '../views/view-policy';
import type { ThrottleDecision } from './throttle.interface';

/** One boot check per application (keyed by its resolved options), however many guards. */
const bootChecks = new WeakMap<object, Promise<void>>();

/**
 * The third stage of the request pipeline (DRF's `check_throttles`), after authentication and
 * permissions: runs every throttle of the action (`@ActionConfig({ throttleClasses })`, then the
 * view's `throttleClasses`, then `forRoot({ throttling: { defaultThrottleClasses } })`). Every
 * throttle counts the request, even when another one refuses it. When any refuses, the answer is
 * 429 `throttled` with the longest wait in `Retry-After` and `details.retry_after_seconds`;
 * either way the response carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`
 * (seconds) of the most restrictive throttle, on Express and Fastify alike.
 *
 * At boot it checks every action it guards: each throttle's `validate()` runs, so a scope
 * without a rate fails `app.init()` with a `RestflowConfigError`. `@View()` and `@ViewSet()`
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
export class ThrottleGuard implements CanActivate, OnApplicationBootstrap {
  constructor(
    protected readonly instances: ProviderInstances,
    @InjectRestflowOptions() protected readonly options: ResolvedRestflowOptions,
    protected readonly adapterHost: HttpAdapterHost,
    protected readonly discovery: DiscoveryService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }
    const http = context.switchToHttp();
    const request = http.getRequest<RestflowRequest>();
    const view = this.instances.view(context.getClass());
    const action = context.getHandler().name;
    const { throttleClasses } = resolveViewPolicy(view, action, this.options);
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

  /** Checks once per application that every guarded action's throttles are usable. */
  async onApplicationBootstrap(): Promise<void> {
    let check = bootChecks.get(this.options);
    if (!check) {
      check = this.checkGuardedActions();
      bootChecks.set(this.options, check);
    }
    await check;
  }

  private async checkGuardedActions(): Promise<void> {
    for (const wrapper of this.discovery.getControllers()) {
      const view: unknown = wrapper.instance;
      const type = wrapper.metatype;
      // Request-scoped controllers have no instance at boot; their throttles are checked on use.
      if (!wrapper.isDependencyTreeStatic() || typeof view !== 'object' || view === null) {
        continue;
      }
      const classGuarded = isGuardedBy(type);
      for (const [action, handler] of routeHandlers(view)) {
        if (!classGuarded && !isGuardedBy(handler)) {
          continue;
        }
        const { throttleClasses } = resolveViewPolicy(view, action, this.options);
        for (const throttleClass of throttleClasses) {
          const throttle = await this.instances.get(throttleClass);
          await throttle.validate?.(view, action);
        }
      }
    }
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

/** Whether `target` (a class or a handler) lists the throttle guard in `@UseGuards()`. */
function isGuardedBy(target: unknown): boolean {
  if (typeof target !== 'function') {
    return false;
  }
  const guards = Reflect.getMetadata(GUARDS_METADATA, target) as unknown[] | undefined;
  return (guards ?? []).some(
    (guard) =>
      guard instanceof ThrottleGuard ||
      (typeof guard === 'function' &&
        (guard === ThrottleGuard || guard.prototype instanceof ThrottleGuard)),
  );
}

/** The route handlers of a controller instance, by action (handler) name, own and inherited. */
function routeHandlers(view: object): Map<string, (...args: unknown[]) => unknown> {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  // Nest routes the most derived method of each name: an override hides its base's route.
  const seen = new Set<string>();
  for (
    let prototype = Object.getPrototypeOf(view) as object | null;
    prototype && prototype !== Object.prototype;
    prototype = Object.getPrototypeOf(prototype) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(prototype)) {
      // The descriptor, not view[name]: reading a getter could run user code at boot.
      const handler = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
      if (name === 'constructor' || seen.has(name) || typeof handler !== 'function') {
        continue;
      }
      seen.add(name);
      if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) {
        continue;
      }
      handlers.set(name, handler as (...args: unknown[]) => unknown);
    }
  }
  return handlers;
}
