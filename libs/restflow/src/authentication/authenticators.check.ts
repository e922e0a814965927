import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InjectRestflowOptions } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { guardedActionSettings } from '../core/controller-actions.util';
import { ProviderInstances } from '../core/provider-instances';
import { AuthenticationGuard } from './authentication.guard';

/**
 * Creates at boot every authenticator of every action the `AuthenticationGuard` guards, and the
 * `authentication.userProvider`, so that a class injecting a service no module provides to it
 * fails `app.init()` with a `RestflowConfigError` naming the class, the missing provider, the
 * action and the fix, instead of a 500 on the first request. Registered by `RestflowModule`.
 *
 * @example
 * ```ts
 * // ApiKeyAuthentication injects ApiKeys, which no module provides:
 * await app.init();
 * // RestflowConfigError: In the authenticators of NoteViewSet.list, ApiKeyAuthentication cannot
 * // be created: it injects ApiKeys (constructor argument 0), which no module provides to it. ...
 * ```
 * @internal
 */
@Injectable()
export class AuthenticatorsCheck implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly instances: ProviderInstances,
    @InjectRestflowOptions() private readonly options: ResolvedRestflowOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { defaultAuthenticationClasses, userProvider } = this.options.authentication;
    for (const { setting: authenticators, usage } of guardedActionSettings(
      this.discovery,
      AuthenticationGuard,
      'authenticationClasses',
      defaultAuthenticationClasses,
      'authenticators',
    )) {
      for (const authenticator of authenticators) {
        await this.instances.getAtBoot(authenticator, usage);
      }
    }
    if (userProvider) {
      await this.instances.getAtBoot(userProvider, 'authentication.userProvider');
    }
  }
}
