import {
  Injectable,
  type OnApplicationShutdown,
  type OnModuleInit,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InjectRestflowOptions } from '../../config/options.providers';
import type { ResolvedRestflowOptions } from '../../config/restflow-defaults';
import { CACHED_METHODS } from '../functions/cached-methods.constants';
import { CacheRuntime } from './cache-runtime';
import { CacheRuntimeRegistry } from './cache-runtime.registry';

/**
 * Starts and stops the app's caching: waits (bounded) for the store at boot, binds every
 * provider with `@CacheResult()` methods to this app's runtime, makes the runtime the default
 * of plain `cacheResult` functions while the app runs, and at shutdown finishes background
 * work and closes the store.
 *
 * @internal
 */
@Injectable()
export class CachingLifecycle
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  constructor(
    private readonly runtime: CacheRuntime,
    private readonly discovery: DiscoveryService,
    @InjectRestflowOptions('caching') private readonly options: ResolvedRestflowOptions['caching'],
  ) {}

  async onModuleInit(): Promise<void> {
    await this.runtime.store.ready(this.options.readyTimeoutMs);
    CacheRuntimeRegistry.start(this.runtime);
  }

  onApplicationBootstrap(): void {
    for (const wrapper of [...this.discovery.getProviders(), ...this.discovery.getControllers()]) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object | null;
      const targets = prototype
        ? (Reflect.getMetadata(CACHED_METHODS, prototype) as object[] | undefined)
        : undefined;
      if (targets) CacheRuntimeRegistry.bindInstance(instance, this.runtime, targets);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    CacheRuntimeRegistry.stop(this.runtime);
    await this.runtime.drain();
    await this.runtime.store.close();
  }
}
