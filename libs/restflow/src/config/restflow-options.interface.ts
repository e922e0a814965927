import type { EXCEPTIONS_OPTION_RULES, ExceptionsOptions } from './exceptions.options';
import type { ResolvedSection } from './option-rules';

/**
 * Everything `RestflowModule.forRoot()` accepts: one section per subsystem. Every option is
 * optional; defaults are filled, values validated and the result frozen once at boot. An unknown
 * key, a wrong type or an out-of-range value fails the boot with a `RestflowConfigError` that
 * names the option and the fix.
 *
 * This declaration holds the ground-floor section (`exceptions`); each subsystem owns its own
 * section (its option type and rules, in its `*.options.ts`), and `restflow.module-options.ts`
 * composes them into this interface: `pagination`, `filters`, `authentication`, `permissions`,
 * `throttling`, `http`, `caching`, `jwt` and `parsers`.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({ parsers: { mediaTypes: ['application/json'] } });
 * ```
 * @publicApi
 */
export interface RestflowModuleOptions {
  /** Error envelope settings. */
  exceptions?: ExceptionsOptions;
}

/**
 * Options after `forRoot` input has been defaulted, validated and frozen: what every subsystem
 * reads, one section at a time. Composed like {@link RestflowModuleOptions}.
 *
 * @example
 * ```ts
 * constructor(@InjectRestflowOptions('parsers') parsers: ResolvedRestflowOptions['parsers']) {}
 * ```
 * @publicApi
 */
export interface ResolvedRestflowOptions {
  readonly exceptions: ResolvedSection<typeof EXCEPTIONS_OPTION_RULES>;
}

/**
 * The name of one options section, such as `'pagination'`.
 *
 * @example
 * ```ts
 * const section: RestflowOptionsSection = 'exceptions';
 * ```
 * @publicApi
 */
export type RestflowOptionsSection = keyof ResolvedRestflowOptions;
