import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { InjectRestflowOptions } from '../../config/options.providers';
import type { ResolvedRestflowOptions } from '../../config/restflow-options.interface';
import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import { resolveActionConfig } from '../../core/action-config.decorator';
import { routeHandlers } from '../../core/controller-actions.util';
import { DispatcherRegistry } from '../dispatchers/dispatcher-registry';
import { CACHED_METHODS } from '../functions/cached-methods.constants';
import { InvalidationRunner } from '../invalidation/invalidation.runner';
import { InvalidationSubscriber, type BoundRule } from '../invalidation/invalidation.subscriber';
import { actionResponseDefinition } from '../responses/action-response-definitions';
import { CACHE_RESPONSE_METADATA } from '../responses/cache-response.constants';
import { CacheRuntime } from './cache-runtime';
import { CacheRuntimeRegistry } from './cache-runtime.registry';
import { CacheTarget } from './cache-target';

/**
 * Starts and stops the app's caching: waits (bounded) for the store, binds every provider with
 * `@CacheResult()` methods to this app's runtime, builds the response caches of
 * `ActionConfig({ cacheResponse })` actions, resolves every invalidation rule's dispatcher and
 * installs the TypeORM subscriber that drives them (all at boot, so a wrong rule stops the
 * boot); at shutdown finishes background work and closes the store.
 *
 * @internal
 */
@Injectable()
export class CachingLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly dispatchers: DispatcherRegistry;
  private readonly runner: InvalidationRunner;
  private subscriber?: { dataSource: DataSource; subscriber: InvalidationSubscriber };

  constructor(
    private readonly runtime: CacheRuntime,
    private readonly discovery: DiscoveryService,
    private readonly moduleRef: ModuleRef,
    @InjectRestflowOptions('caching') private readonly options: ResolvedRestflowOptions['caching'],
  ) {
    this.dispatchers = new DispatcherRegistry(options.dispatchers, options.bullmq);
    this.runner = new InvalidationRunner(runtime);
  }

  async onModuleInit(): Promise<void> {
    await this.runtime.store.ready(this.options.readyTimeoutMs);
    CacheRuntimeRegistry.start(this.runtime);
    const owned = new Set<object>([...this.bindInstances(), ...this.buildActionResponseCaches()]);
    this.installSubscriber(owned);
    await this.options.bullmq?.start((job) => this.runner.run(job), this.options.readyTimeoutMs);
  }

  async onApplicationShutdown(): Promise<void> {
    CacheRuntimeRegistry.stop(this.runtime);
    if (this.subscriber) {
      const { dataSource, subscriber } = this.subscriber;
      const index = dataSource.subscribers.indexOf(subscriber);
      if (index !== -1) dataSource.subscribers.splice(index, 1);
    }
    await this.dispatchers.close();
    await this.options.bullmq?.close();
    await this.runtime.drain();
    await this.runtime.store.close();
  }

  /** Binds this app's cached methods to its runtime; returns their targets. */
  private bindInstances(): object[] {
    const bound: object[] = [];
    for (const wrapper of [...this.discovery.getProviders(), ...this.discovery.getControllers()]) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object | null;
      const targets = prototype
        ? (Reflect.getMetadata(CACHED_METHODS, prototype) as object[] | undefined)
        : undefined;
      if (targets) {
        CacheRuntimeRegistry.bindInstance(instance, this.runtime, targets);
        bound.push(...targets);
      }
    }
    return bound;
  }

  /** Builds the response caches of this app's actions; returns them. */
  private buildActionResponseCaches(): object[] {
    const built: object[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object') continue;
      for (const [name, handler] of routeHandlers(instance)) {
        const options = resolveActionConfig(instance, name).cacheResponse;
        if (options) built.push(actionResponseDefinition(instance.constructor, name, options));
        const decorated: unknown = Reflect.getMetadata(CACHE_RESPONSE_METADATA, handler);
        if (decorated) built.push(decorated);
      }
    }
    return built;
  }

  /**
   * Watches the app's DataSource for the entities of every rule. An app without a DataSource is
   * refused when one of its own cached methods or responses declares rules; rules of other apps'
   * targets in the same process (tests boot several) are theirs to watch.
   */
  private installSubscriber(owned: ReadonlySet<object>): void {
    const rules = new Map<unknown, BoundRule[]>();
    for (const target of CacheTarget.all()) {
      target.rules.forEach((rule, index) => {
        const where = `The rule ${index} of ${target.id}`;
        const dispatcher = this.dispatchers.resolve(rule.dispatcher, rule.dispatcherConfig, where);
        const list = rules.get(rule.entity) ?? [];
        list.push({ target, rule, index, dispatcher });
        rules.set(rule.entity, list);
      });
    }
    if (rules.size === 0) return;
    let dataSource: DataSource;
    try {
      dataSource = this.moduleRef.get(DataSource, { strict: false });
    } catch {
      const ownRules = [...rules.values()].flat().some(({ target }) => owned.has(target));
      if (!ownRules) return;
      throw new RestflowConfigError(
        'InvalidationRule',
        'Invalidation rules are declared but the app has no TypeORM DataSource to watch. Fix: ' +
          'import TypeOrmModule.forRoot(...) in the app, or remove invalidatesOn.',
      );
    }
    const subscriber = new InvalidationSubscriber(rules, this.runner);
    dataSource.subscribers.push(subscriber);
    this.subscriber = { dataSource, subscriber };
  }
}
