/** Reflect-metadata key under which `@ActionConfig()` stores per-action settings. */
export const ACTION_CONFIG_METADATA = 'restflow:action-config';
/** Where the guard of `@View()` / `@ViewSet()` leaves the action name on the request. */
export const REQUEST_ACTION = Symbol('restflow:action');
