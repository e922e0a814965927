import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InjectRestflowOptions } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { guardedActionSettings } from '../core/controller-actions.util';
import { ProviderInstances } from '../core/provider-instances';
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
    for (const { view, action, setting: throttleClasses, usage } of guardedActionSettings(
      this.discovery,
      ThrottleGuard,
      'throttleClasses',
      this.options.throttling.defaultThrottleClasses,
      'throttles',
    )) {
      for (const throttleClass of throttleClasses) {
        const throttle = await this.instances.getAtBoot(throttleClass, usage);
        await throttle.validate?.(view, action);
      }
    }
  }
}
