import type { AuthenticatorClass } from './authenticator.interface';

/**
 * The authentication setting of one action (composed into `ActionConfigOptions`).
 *
 * @example
 * ```ts
 * @ActionConfig({ authenticationClasses: [TokenAuthentication] })
 * ```
 * @publicApi
 */
export interface AuthenticationActionConfig {
  /** The authenticator chain of this action (`[]`: none, every request is anonymous). */
  authenticationClasses?: readonly AuthenticatorClass[];
}
