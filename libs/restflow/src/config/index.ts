export { RESTFLOW_MODULE_OPTIONS } from './options.tokens';
export {
  RESTFLOW_OPTIONS,
  getRestflowOptionsToken,
  InjectRestflowOptions,
  optionsProviders,
  optionsTokens,
} from './options.providers';
export { resolveOptionSections } from './resolve-options';
export type { ExceptionsOptions } from './exceptions.options';
export type {
  ResolvedRestflowOptions,
  RestflowModuleOptions,
  RestflowOptionsSection,
} from './restflow-options.interface';
