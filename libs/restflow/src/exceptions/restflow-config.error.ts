/**
 * Thrown while the application boots when `RestflowModule.forRoot()` / `forRootAsync()` receives
 * an option it cannot use. The message names the option and says how to fix it.
 *
 * @example
 * ```text
 * RestflowConfigError: Invalid RestflowModule option "parsers.mediaTypes": expected a non-empty
 * list of media types, got []. Fix: list at least one, e.g. ["application/json"].
 * ```
 * @publicApi
 */
export class RestflowConfigError extends Error {
  constructor(
    /** Dotted path of the offending option, such as `parsers.mediaTypes`. */
    readonly option: string,
    message: string,
  ) {
    super(message);
    this.name = 'RestflowConfigError';
  }
}
