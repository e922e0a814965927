/**
 * Injection token of the raw `forRoot` / `forRootAsync` input, exactly as given. Prefer
 * `RESTFLOW_OPTIONS` (resolved) or `@InjectRestflowOptions(section)`.
 *
 * @example
 * ```ts
 * constructor(@Inject(RESTFLOW_MODULE_OPTIONS) raw: RestflowModuleOptions) {}
 * ```
 * @publicApi
 */
export const RESTFLOW_MODULE_OPTIONS = Symbol('RESTFLOW_MODULE_OPTIONS');
