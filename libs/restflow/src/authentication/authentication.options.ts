import type { Type } from '@nestjs/common';
import { classListOption, nullableClassOption, type OptionRule } from '../config/option-rules';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { AuthenticatorClass } from './authenticator.interface';
import type { UserProvider } from './user-provider.interface';

/**
 * Who the API recognises by default, where users come from, and the settings of the built-in
 * authenticators (session keys, CSRF header, the trusted remote-user header).
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({
 *   authentication: {
 *     defaultAuthenticationClasses: [SessionAuthentication, BasicAuthentication],
 *     userProvider: UsersProvider,
 *     csrfHeaderName: 'X-XSRF-Token',
 *   },
 * });
 * ```
 * @publicApi
 */
export interface AuthenticationOptions {
  /** The authenticator chain of views that set none. @default [] (every request is anonymous) */
  defaultAuthenticationClasses?: AuthenticatorClass[];
  /** The application's users (needed by every built-in authenticator). @default null */
  userProvider?: Type<UserProvider> | null;
  /**
   * The request header `RemoteUserAuthentication` trusts to name the user (Django's
   * `REMOTE_USER`), such as `'X-Remote-User'`; `null` turns it off (it then recognises nobody).
   * Only set it behind a proxy that authenticates users itself and always removes this header
   * from what clients send: anyone who can reach the app directly can otherwise claim any user.
   * @default null
   */
  remoteUserHeader?: string | null;
  /** The session key `SessionAuthentication` keeps the signed-in user's id under. @default 'userId' */
  sessionUserKey?: string;
  /** The session key of the per-session CSRF secret. @default 'csrfSecret' */
  csrfSessionKey?: string;
  /**
   * The request header that carries the CSRF token on POST, PUT, PATCH and DELETE requests
   * authenticated by the session (Django's `X-CSRFToken`). Case-insensitive.
   * @default 'X-CSRFToken'
   */
  csrfHeaderName?: string;
}

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
/** A session property: an identifier that neither express-session nor @fastify/session uses. */
const SESSION_KEY = /^[A-Za-z_$][\w$]*$/;
const RESERVED_SESSION_KEYS = new Set([
  'cookie',
  'id',
  'req',
  'get',
  'set',
  'save',
  'touch',
  'reload',
  'destroy',
  'regenerate',
  'resetMaxAge',
  'options',
  'sessionId',
  'encryptedSessionId',
  'constructor',
  '__proto__',
]);

function sessionKeyRule(name: string, fallback: string): OptionRule<string> {
  return {
    default: fallback,
    expected: `an identifier such as "${fallback}" that the session libraries do not use themselves`,
    fix: `use letters, digits, "_" or "$" (not one of ${[...RESERVED_SESSION_KEYS].slice(0, 6).join(', ')}, …) for ${name}, e.g. "${fallback}".`,
    accept: (value) =>
      typeof value === 'string' && SESSION_KEY.test(value) && !RESERVED_SESSION_KEYS.has(value)
        ? value
        : undefined,
  };
}

/**
 * Rules of the `authentication` section.
 *
 * @internal
 */
export const AUTHENTICATION_OPTION_RULES = {
  defaultAuthenticationClasses: classListOption<AuthenticatorClass>({
    expected: 'a list of authenticator classes such as [JWTAuthentication]',
    fix: 'list the classes themselves (not instances or strings), e.g. [JWTAuthentication, SessionAuthentication].',
  }),
  userProvider: nullableClassOption<Type<UserProvider>>({
    default: null,
    expected: 'a class implementing UserProvider, or null',
    fix: 'pass your provider class itself, e.g. userProvider: UsersProvider.',
  }),
  remoteUserHeader: {
    default: null,
    expected: 'an HTTP header name such as "X-Remote-User", or null',
    fix: 'name the header your authenticating proxy sets (and strips from client requests), or null to turn RemoteUserAuthentication off.',
    accept: (value) =>
      value === null || (typeof value === 'string' && HEADER_NAME.test(value)) ? value : undefined,
  } satisfies OptionRule<string | null>,
  sessionUserKey: sessionKeyRule('the user id', 'userId'),
  csrfSessionKey: sessionKeyRule('the CSRF secret', 'csrfSecret'),
  csrfHeaderName: {
    default: 'X-CSRFToken',
    expected: 'an HTTP header name such as "X-CSRFToken"',
    fix: 'use a header name of letters, digits and "-", e.g. "X-CSRFToken".',
    accept: (value) => (typeof value === 'string' && HEADER_NAME.test(value) ? value : undefined),
  } satisfies OptionRule<string>,
};

/**
 * Checks the rules of the `authentication` section that involve two options: the session keys
 * of the user id and of the CSRF secret must differ. Called by `resolveRestflowOptions` after
 * each option passed its own rule.
 *
 * @throws {RestflowConfigError} naming `authentication.csrfSessionKey` and the fix.
 * @example
 * ```ts
 * checkAuthenticationOptions(resolveRestflowOptions(input).authentication);
 * ```
 * @internal
 */
export function checkAuthenticationOptions(options: {
  readonly sessionUserKey: string;
  readonly csrfSessionKey: string;
}): void {
  if (options.sessionUserKey === options.csrfSessionKey) {
    throw new RestflowConfigError(
      'authentication.csrfSessionKey',
      `Invalid RestflowModule option "authentication.csrfSessionKey": must differ from ` +
        `authentication.sessionUserKey, got "${options.csrfSessionKey}" for both. ` +
        `Fix: give the CSRF secret its own session key, e.g. "csrfSecret".`,
    );
  }
}
