import { Injectable, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { RestflowConfigError } from '../exceptions/restflow-config.error';

/**
 * Turns the classes named in settings (authenticators, throttles, the user provider) into
 * instances through Nest's dependency injection: the application's own provider when the class
 * is registered in any module, otherwise one instance created with its dependencies injected.
 * Each class is resolved once. A class whose dependency no module provides to it is a
 * `RestflowConfigError` naming the class, the missing provider and the fix (boot checks resolve
 * every class they can see, so this surfaces at `app.init()`).
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

  /**
   * {@link get} for a boot check: a class that cannot be created fails with a
   * `RestflowConfigError` that also says where it is used (`usage`, such as
   * "the authenticators of ProductViewSet.list").
   */
  async getAtBoot<T>(type: Type<T>, usage: string): Promise<T> {
    try {
      return await this.get(type);
    } catch (error) {
      if (error instanceof RestflowConfigError) {
        throw new RestflowConfigError(error.option, `In ${usage}, ${error.message}`);
      }
      throw error;
    }
  }

  private async resolve<T>(type: Type<T>): Promise<T> {
    try {
      return this.moduleRef.get(type, { strict: false });
    } catch {
      try {
        return await this.moduleRef.create(type);
      } catch (error) {
        throw missingDependencyError(type, error);
      }
    }
  }
}

/** What Nest's unknown-dependencies error says about the dependency it could not resolve. */
interface DependencyContext {
  /** The token Nest looked for. */
  readonly name?: unknown;
  readonly index?: number;
  /** The property, for property injection. */
  readonly key?: unknown;
  readonly dependencies?: readonly unknown[];
}

/**
 * The error of a class Nest could not create because one of its dependencies is not provided:
 * a `RestflowConfigError` naming both, or `error` itself when it is about something else.
 */
function missingDependencyError(type: Type<unknown>, error: unknown): unknown {
  const context = (error as { context?: DependencyContext } | null)?.context;
  if (!context || typeof context !== 'object') {
    return error;
  }
  const byProperty = context.key !== undefined;
  const token = context.name ?? context.dependencies?.[context.index ?? -1];
  const position = byProperty
    ? `property ${describeToken(context.key)}`
    : `constructor argument ${context.index ?? '?'}`;
  const name = type.name || 'an anonymous class';
  if (token === undefined || token === Object) {
    return new RestflowConfigError(
      name,
      `${name} cannot be created: Nest cannot tell what its ${position} is (undefined: a ` +
        'circular file import, or a type imported with "import type" or declared as an ' +
        `interface). Fix: import the class itself, or inject by token with @Inject(token).`,
    );
  }
  const missing = describeToken(token);
  return new RestflowConfigError(
    name,
    `${name} cannot be created: it injects ${missing} (${position}), which no module provides ` +
      `to it. Fix: register ${name} as a provider in the module that provides ${missing} ` +
      `(restflow then uses that instance), or provide ${missing} in a global module.`,
  );
}

function describeToken(token: unknown): string {
  if (typeof token === 'function') return token.name || 'an anonymous class';
  if (typeof token === 'symbol') return token.toString();
  return JSON.stringify(token) ?? String(token);
}
