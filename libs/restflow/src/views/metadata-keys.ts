/** Reflect-metadata keys of the views subsystem (the shared ones are in `core/restflow-metadata-keys`). */
export const VIEWSET_METADATA = 'restflow:viewset';
export const EXTRA_ACTION_METADATA = 'restflow:extra-action';
