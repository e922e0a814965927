export { RESTFLOW_MODULE_OPTIONS } from './options.tokens';
export {
  RESTFLOW_OPTIONS,
  getRestflowOptionsToken,
  InjectRestflowOptions,
  optionsProviders,
  optionsTokens,
} from './options.providers';
export { resolveRestflowOptions } from './resolve-options';
export type { ResolvedRestflowOptions, RestflowOptionsSection } from './restflow-defaults';
export type {
  ExceptionsOptions,
  FiltersOptions,
  PaginationOptions,
  ParsersOptions,
  ReservedOptions,
  RestflowModuleOptions,
} from './restflow-options.interface';
