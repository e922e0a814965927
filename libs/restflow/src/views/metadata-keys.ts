/** Reflect-metadata keys of the views subsystem, in one place. */
export const ACTION_CONFIG_METADATA = 'restflow:action-config';
export const VIEWSET_METADATA = 'restflow:viewset';
export const EXTRA_ACTION_METADATA = 'restflow:extra-action';
/** Where the guard of `@View()` / `@ViewSet()` leaves the action name on the request. */
export const REQUEST_ACTION = Symbol('restflow:action');
