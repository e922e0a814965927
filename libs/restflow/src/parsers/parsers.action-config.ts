/**
 * The request-body settings of one action (composed into `ActionConfigOptions`).
 *
 * @example
 * ```ts
 * @ActionConfig({ contentTypes: ['application/json'], bodyLimit: 64 * 1024 })
 * ```
 * @publicApi
 */
export interface ParsersActionConfig {
  /**
   * Media types this action accepts, narrower than `forRoot({ parsers: { mediaTypes } })`:
   * a body of another type is 415 `unsupported_media_type`.
   */
  contentTypes?: readonly string[];
  /** Largest body this action accepts, in bytes (`Content-Length`): larger is 413. */
  bodyLimit?: number;
}
