import { NEST_GUARDS_METADATA, NEST_PATH_METADATA as PATH_METADATA } from './nest-metadata-keys';
import type { DiscoveryService } from '@nestjs/core';
import { resolveActionSetting } from './action-config.decorator';
import type { ActionConfigOptions } from './action-config.interface';

/**
 * The application's controllers that exist at boot (request-scoped ones have no instance yet),
 * with their classes: what boot-time checks walk.
 *
 * @internal
 */
export function bootedControllers(
  discovery: DiscoveryService,
): { readonly view: object; readonly type: unknown }[] {
  const controllers: { view: object; type: unknown }[] = [];
  for (const wrapper of discovery.getControllers()) {
    const view: unknown = wrapper.instance;
    if (wrapper.isDependencyTreeStatic() && typeof view === 'object' && view !== null) {
      controllers.push({ view, type: wrapper.metatype });
    }
  }
  return controllers;
}

/**
 * The route handlers of a controller instance by action (handler) name, own and inherited; an
 * override hides its base's route, as in Nest's routing.
 *
 * @internal
 */
export function routeHandlers(view: object): Map<string, (...args: unknown[]) => unknown> {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
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
      if (Reflect.getMetadata(PATH_METADATA, handler) !== undefined) {
        handlers.set(name, handler as (...args: unknown[]) => unknown);
      }
    }
  }
  return handlers;
}

/**
 * The actions of the app's booted controllers that `guard` guards: `@UseGuards()` on the class or
 * on the handler names the guard class, a subclass of it, or an instance of one (`@View()` and
 * `@ViewSet()` apply restflow's guards to the class). What the boot check of a guard's settings
 * walks; a guard registered as `APP_GUARD` is not seen here and is checked on first use.
 *
 * @example
 * ```ts
 * for (const { view, action } of guardedActions(discovery, AuthenticationGuard)) { ... }
 * ```
 * @internal
 */
export function guardedActions(
  discovery: DiscoveryService,
  guard: abstract new (...args: never[]) => unknown,
): { readonly view: object; readonly action: string }[] {
  const actions: { view: object; action: string }[] = [];
  for (const { view, type } of bootedControllers(discovery)) {
    const classGuarded = isGuardedBy(type, guard);
    for (const [action, handler] of routeHandlers(view)) {
      if (classGuarded || isGuardedBy(handler, guard)) actions.push({ view, action });
    }
  }
  return actions;
}

/**
 * Each action `guard` guards (see {@link guardedActions}) with its resolved `key` setting
 * (`moduleDefault` when nothing overrides it) and `usage`, `"the <label> of View.action"`, for
 * the error a boot check raises: the walk every guard's boot check shares.
 *
 * @example
 * ```ts
 * for (const { setting, usage } of guardedActionSettings(
 *   discovery, ThrottleGuard, 'throttleClasses', defaults, 'throttles',
 * )) { ... }
 * ```
 * @internal
 */
export function guardedActionSettings<TKey extends keyof ActionConfigOptions>(
  discovery: DiscoveryService,
  guard: abstract new (...args: never[]) => unknown,
  key: TKey,
  moduleDefault: Exclude<ActionConfigOptions[TKey], undefined>,
  label: string,
): {
  readonly view: object;
  readonly action: string;
  readonly setting: Exclude<ActionConfigOptions[TKey], undefined>;
  readonly usage: string;
}[] {
  return guardedActions(discovery, guard).map(({ view, action }) => ({
    view,
    action,
    setting: resolveActionSetting(view, action, key, moduleDefault),
    usage: `the ${label} of ${view.constructor.name}.${action}`,
  }));
}

/** Whether `target` (a class or a handler) lists `guard` in `@UseGuards()`. */
function isGuardedBy(target: unknown, guard: abstract new (...args: never[]) => unknown): boolean {
  if (typeof target !== 'function') return false;
  const guards = Reflect.getMetadata(NEST_GUARDS_METADATA, target) as unknown[] | undefined;
  return (guards ?? []).some(
    (entry) =>
      entry instanceof guard ||
      (typeof entry === 'function' && (entry === guard || entry.prototype instanceof guard)),
  );
}
