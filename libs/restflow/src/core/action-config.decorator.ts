import type { ActionConfigOptions } from './action-config.interface';
import { handlerMetadata } from './handler-metadata.util';
import { KeyedCache } from './keyed-cache.util';
import { ACTION_CONFIG_METADATA } from './restflow-metadata-keys';

/**
 * Attaches per-action settings to a handler (or, on a class, to all its actions). Stacked
 * decorators merge; they never overwrite each other's keys.
 *
 * Resolution, computed once per action: handler `@ActionConfig` > the class's
 * `actionConfigs[action]` > class-level `@ActionConfig` > the view's properties >
 * `RestflowModule.forRoot()` defaults.
 *
 * @example
 * ```ts
 * @ActionConfig({ responseSerializerClass: ProductListSerializer })
 * @ActionConfig({ paginationClass: FastPageNumberPagination })
 * override list(request: RestflowRequest) {
 *   return super.list(request);
 * }
 * ```
 * @publicApi
 */
export function ActionConfig(config: ActionConfigOptions): ClassDecorator & MethodDecorator {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder = (descriptor?.value as object | undefined) ?? target;
    const current = Reflect.getOwnMetadata(ACTION_CONFIG_METADATA, holder) as
      ActionConfigOptions | undefined;
    // Decorators apply bottom-up: the one written on top comes last and wins a shared key.
    Reflect.defineMetadata(ACTION_CONFIG_METADATA, { ...current, ...config }, holder);
  };
}

/** A view as far as action configuration is concerned. */
interface ConfiguredView {
  actionConfigs?: Readonly<Record<string, ActionConfigOptions>>;
}

const resolved = new KeyedCache<object, string, ActionConfigOptions>();

/**
 * The merged `ActionConfig` of one action of a view (the reader side of `@ActionConfig`):
 * class-level decorators, then `actionConfigs[action]`, then decorators on the handler and on the
 * handlers it overrides. Computed once per view instance and action.
 *
 * @example
 * ```ts
 * resolveActionConfig(productViewSet, 'list').paginationClass;
 * ```
 * @publicApi
 */
export function resolveActionConfig(view: object, action: string): ActionConfigOptions {
  return resolved.get(view, action, () => Object.freeze(mergeActionConfig(view, action)));
}

function mergeActionConfig(view: object, action: string): ActionConfigOptions {
  const onClass = Reflect.getMetadata(ACTION_CONFIG_METADATA, view.constructor) as
    ActionConfigOptions | undefined;
  const fromMap = (view as ConfiguredView).actionConfigs?.[action];
  // Handlers up the class chain: a base class's decorated action, then each override.
  const onHandlers = handlerMetadata<ActionConfigOptions>(view, action, ACTION_CONFIG_METADATA);
  return Object.assign({}, onClass, fromMap, ...onHandlers) as ActionConfigOptions;
}

/**
 * One setting of `action` on `view`, in the one precedence every subsystem uses: the action's
 * `@ActionConfig` (or `actionConfigs[action]`), then the view's own property of the same name,
 * then `moduleDefault` (the `RestflowModule.forRoot()` default, when the setting has one).
 *
 * @example
 * ```ts
 * resolveActionSetting(view, 'destroy', 'permissionClasses', options.permissions.defaultPermissionClasses);
 * resolveActionSetting(view, 'list', 'throttleScope'); // undefined when neither sets it
 * ```
 * @internal
 */
export function resolveActionSetting<TKey extends keyof ActionConfigOptions>(
  view: object,
  action: string,
  key: TKey,
): ActionConfigOptions[TKey];
export function resolveActionSetting<TKey extends keyof ActionConfigOptions>(
  view: object,
  action: string,
  key: TKey,
  moduleDefault: Exclude<ActionConfigOptions[TKey], undefined>,
): Exclude<ActionConfigOptions[TKey], undefined>;
export function resolveActionSetting<TKey extends keyof ActionConfigOptions>(
  view: object,
  action: string,
  key: TKey,
  moduleDefault?: ActionConfigOptions[TKey],
): ActionConfigOptions[TKey] {
  return (
    resolveActionConfig(view, action)[key] ?? (view as ActionConfigOptions)[key] ?? moduleDefault
  );
}
