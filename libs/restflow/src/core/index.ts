export { ActionConfig, resolveActionConfig } from './action-config.decorator';
export type { QuerysetSource } from './action-config.interface';
export type { FilterBackend } from './filter-backend.interface';
export type { RestflowRequest } from './restflow-request.interface';
