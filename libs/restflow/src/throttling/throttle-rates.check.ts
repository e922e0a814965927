import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { NEST_GUARDS_METADATA as GUARDS_METADATA } from '../core/nest-metadata-keys';
import { DiscoveryService } from '@nestjs/core';
import { InjectRestflowOptions } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { bootedControllers, routeHandlers } from '../core/controller-actions.util';
import { ProviderInstances } from '../core/provider-instances';
import { resolveActionSetting } from '../core/action-config.decorator';
import { ThrottleGuard } from './throttle.guard';

/**
 * Checks at boot that every throttle of every action the `ThrottleGuard` guards can run (a scope
 * without a rate fails `app.init()` with a `RestflowConfigError` naming the scope, the throttle
 * and the action), instead of a 500 on the first request. Actions it cannot see (the guard
 * registered as `APP_GUARD`, request-scoped controllers) are checked on first use. Registered by
 * `RestflowModule`.
 *
 * @example
 * ```ts
 * // throttleScope 'uploads' on an action, and no throttling.rates.uploads:
 * await app.init(); // RestflowConfigError: No rate for the "uploads" scope ...
 * ```
 * @publicApi
 */
@Injectable()
export class ThrottleRatesCheck implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly instances: ProviderInstances,
    @InjectRestflowOptions() private readonly options: ResolvedRestflowOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const { view, type } of bootedControllers(this.discovery)) {
      const classGuarded = isGuardedBy(type);
      for (const [action, handler] of routeHandlers(view)) {
        if (!classGuarded && !isGuardedBy(handler)) {
          continue;
        }
        const throttleClasses = resolveActionSetting(
          view,
          action,
          'throttleClasses',
          this.options.throttling.defaultThrottleClasses,
        );
        for (const throttleClass of throttleClasses) {
          const throttle = await this.instances.getAtBoot(
            throttleClass,
            `the throttles of ${view.constructor.name}.${action}`,
          );
          await throttle.validate?.(view, action);
        }
      }
    }
  }
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
