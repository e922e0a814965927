import { Injectable, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';

/**
 * Turns the classes named in settings (authenticators, throttles, the user provider) into
 * instances through Nest's dependency injection: the application's own provider when the class
 * is registered in any module, otherwise one instance created with its dependencies injected.
 * Each class is resolved once.
 *
 * @internal
 */
@Injectable()
export class ProviderInstances {
  private readonly instances = new Map<Type<unknown>, Promise<unknown>>();
  private readonly views = new Map<unknown, object>();

  constructor(private readonly moduleRef: ModuleRef) {}

  /** The controller instance of a view class (controllers are singletons). */
  view(type: Type<unknown>): object {
    const known = this.views.get(type);
    if (known) return known;
    const view: object = this.moduleRef.get(type, { strict: false });
    this.views.set(type, view);
    return view;
  }

  get<T>(type: Type<T>): Promise<T> {
    let instance = this.instances.get(type) as Promise<T> | undefined;
    if (!instance) {
      instance = this.resolve(type);
      this.instances.set(type, instance);
    }
    return instance;
  }

  private async resolve<T>(type: Type<T>): Promise<T> {
    try {
      return this.moduleRef.get(type, { strict: false });
    } catch {
      return this.moduleRef.create(type);
    }
  }
}
