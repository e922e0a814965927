import { Inject, type FactoryProvider, type Provider } from '@nestjs/common';
import { RESTFLOW_MODULE_OPTIONS } from './options.tokens';
import type { ResolvedRestflowOptions, RestflowOptionsSection } from './restflow-options.interface';

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

const SECTION_TOKENS = new Map<string, symbol>();

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
  if (!section) return RESTFLOW_OPTIONS;
  let token = SECTION_TOKENS.get(section);
  if (!token) {
    token = Symbol(`RESTFLOW_${section.toUpperCase()}_OPTIONS`);
    SECTION_TOKENS.set(section, token);
  }
  return token;
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

/**
 * The providers of the resolved options: `RESTFLOW_OPTIONS` (the raw input resolved once by
 * `resolve`) and one token per section of `sections`. The module passes the composed sections.
 *
 * @internal
 */
export function optionsProviders(
  sections: readonly RestflowOptionsSection[],
  resolve: (input: unknown) => ResolvedRestflowOptions,
): Provider[] {
  return [
    { provide: RESTFLOW_OPTIONS, inject: [RESTFLOW_MODULE_OPTIONS], useFactory: resolve },
    ...sections.map((section): FactoryProvider => ({
      provide: getRestflowOptionsToken(section),
      inject: [RESTFLOW_OPTIONS],
      useFactory: (options: ResolvedRestflowOptions) => options[section],
    })),
  ];
}

/**
 * Every token {@link optionsProviders} provides, for the module's exports.
 *
 * @internal
 */
export function optionsTokens(sections: readonly RestflowOptionsSection[]): symbol[] {
  return [RESTFLOW_OPTIONS, ...sections.map((section) => getRestflowOptionsToken(section))];
}
