import { Inject, type FactoryProvider, type Provider } from '@nestjs/common';
import { RESTFLOW_MODULE_OPTIONS } from './options.tokens';
import {
  RESTFLOW_OPTION_RULES,
  type ResolvedRestflowOptions,
  type RestflowOptionsSection,
} from './restflow-defaults';
import { resolveRestflowOptions } from './resolve-options';

/**
 * Injection token of the whole {@link ResolvedRestflowOptions}.
 *
 * @example
 * ```ts
 * constructor(@Inject(RESTFLOW_OPTIONS) options: ResolvedRestflowOptions) {}
 * ```
 * @publicApi
 */
export const RESTFLOW_OPTIONS = Symbol('RESTFLOW_OPTIONS');

const SECTION_TOKENS = Object.fromEntries(
  Object.keys(RESTFLOW_OPTION_RULES).map((section) => [
    section,
    Symbol(`RESTFLOW_${section.toUpperCase()}_OPTIONS`),
  ]),
) as Record<RestflowOptionsSection, symbol>;

/**
 * Injection token of one resolved options section. Subsystems inject only their own section.
 *
 * @example
 * ```ts
 * { provide: MyThing, inject: [getRestflowOptionsToken('parsers')], useFactory: (p) => new MyThing(p) }
 * ```
 * @publicApi
 */
export function getRestflowOptionsToken(section?: RestflowOptionsSection): symbol {
  return section ? SECTION_TOKENS[section] : RESTFLOW_OPTIONS;
}

/**
 * Injects the resolved options, or only one section of them.
 *
 * @example
 * ```ts
 * constructor(
 *   @InjectRestflowOptions('exceptions') private readonly options: ResolvedRestflowOptions['exceptions'],
 * ) {}
 * ```
 * @publicApi
 */
export const InjectRestflowOptions = (section?: RestflowOptionsSection): ParameterDecorator =>
  Inject(getRestflowOptionsToken(section));

/** Resolves the raw module options once, then exposes each section under its own token. */
export const optionsProviders: Provider[] = [
  {
    provide: RESTFLOW_OPTIONS,
    inject: [RESTFLOW_MODULE_OPTIONS],
    useFactory: resolveRestflowOptions,
  },
  ...(Object.keys(SECTION_TOKENS) as RestflowOptionsSection[]).map((section): FactoryProvider => ({
    provide: SECTION_TOKENS[section],
    inject: [RESTFLOW_OPTIONS],
    useFactory: (options: ResolvedRestflowOptions) => options[section],
  })),
];

/** Every token in {@link optionsProviders}, for the module's exports. */
export const optionsTokens: symbol[] = [RESTFLOW_OPTIONS, ...Object.values(SECTION_TOKENS)];
