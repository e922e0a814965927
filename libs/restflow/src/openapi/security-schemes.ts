import type { SecuritySchemeObject } from '@nestjs/swagger';
import type { AuthenticatorClass } from '../authentication/authenticator.interface';
import { BasicAuthentication } from '../authentication/basic.authentication';
import { JWTAuthentication } from '../authentication/jwt/jwt.authentication';
import { RemoteUserAuthentication } from '../authentication/remote-user.authentication';
import { SessionAuthentication } from '../authentication/session.authentication';
import { TokenAuthentication } from '../authentication/token.authentication';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { RestflowConfigError } from '../exceptions/restflow-config.error';

/**
 * A named security scheme of the document (`components.securitySchemes`).
 *
 * @example
 * ```ts
 * const scheme: OpenApiSecurityScheme = {
 *   name: 'apiKeyAuth',
 *   scheme: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
 * };
 * ```
 * @publicApi
 */
export interface OpenApiSecurityScheme {
  /** The key in `components.securitySchemes` and in operations' `security`. */
  name: string;
  scheme: SecuritySchemeObject;
}

/**
 * What a custom authenticator implements to appear in the OpenAPI document (drf-spectacular's
 * `OpenApiAuthenticationExtension`). The built-in authenticators and their subclasses need
 * nothing.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class ApiKeyAuthentication implements Authenticator, OpenApiAuthenticator {
 *   authenticate(request: RestflowRequest) { ... }
 *   openApiSecurityScheme(): OpenApiSecurityScheme {
 *     return { name: 'apiKeyAuth', scheme: { type: 'apiKey', in: 'header', name: 'X-API-Key' } };
 *   }
 * }
 * ```
 * @publicApi
 */
export interface OpenApiAuthenticator {
  openApiSecurityScheme(): OpenApiSecurityScheme;
}

/** Where the session cookie name comes from when the document options do not say. */
export const DEFAULT_SESSION_COOKIE = 'connect.sid';

/**
 * The security scheme of an authenticator class: HTTP bearer (JWT), HTTP basic, an API key in
 * the `Authorization` header (token, with its keyword), in the session cookie, or in the remote
 * user header. A custom authenticator names its own with {@link OpenApiAuthenticator}; one that
 * does not fails the build.
 *
 * @internal
 */
export function securitySchemeOf(
  authenticatorClass: AuthenticatorClass,
  options: ResolvedRestflowOptions,
  sessionCookieName: string,
): OpenApiSecurityScheme {
  const is = (base: abstract new (...args: never[]) => unknown) =>
    authenticatorClass === base || authenticatorClass.prototype instanceof base;
  if (is(JWTAuthentication)) {
    const scheme = options.jwt.authHeaderTypes?.[0] ?? 'Bearer';
    if (scheme.toLowerCase() !== 'bearer') {
      return {
        name: 'jwtAuth',
        scheme: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: `JSON Web Token in the Authorization header, with the prefix "${scheme}".`,
        },
      };
    }
    return { name: 'jwtAuth', scheme: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } };
  }
  if (is(BasicAuthentication)) {
    return { name: 'basicAuth', scheme: { type: 'http', scheme: 'basic' } };
  }
  if (is(TokenAuthentication)) {
    const keyword = keywordOf(authenticatorClass);
    return {
      name: keyword === 'Token' ? 'tokenAuth' : `${keyword.toLowerCase()}TokenAuth`,
      scheme: {
        type: 'apiKey',
        in: 'header',
        name: 'Authorization',
        description: `Token-based authentication with required prefix "${keyword}"`,
      },
    };
  }
  if (is(SessionAuthentication)) {
    return {
      name: 'cookieAuth',
      scheme: { type: 'apiKey', in: 'cookie', name: sessionCookieName },
    };
  }
  if (is(RemoteUserAuthentication)) {
    const header = options.authentication.remoteUserHeader;
    if (header) {
      return {
        name: 'remoteUserAuth',
        scheme: { type: 'apiKey', in: 'header', name: header },
      };
    }
  }
  const custom = instanceOf(authenticatorClass) as Partial<OpenApiAuthenticator> | undefined;
  if (typeof custom?.openApiSecurityScheme === 'function') {
    return custom.openApiSecurityScheme();
  }
  throw new RestflowConfigError(
    `openapi.${authenticatorClass.name}`,
    `Cannot describe the authenticator ${authenticatorClass.name} in the OpenAPI document. Fix: ` +
      'implement OpenApiAuthenticator (openApiSecurityScheme()) on it' +
      (is(RemoteUserAuthentication)
        ? ', or set `authentication.remoteUserHeader` (it is off)'
        : '') +
      '.',
  );
}

/** The keyword of a token authenticator (`Token`, or a subclass's own). */
function keywordOf(authenticatorClass: AuthenticatorClass): string {
  const keyword = (instanceOf(authenticatorClass) as { keyword?: unknown } | undefined)?.keyword;
  return typeof keyword === 'string' && keyword ? keyword : 'Token';
}

/** An instance made without dependencies, for reading class fields; none if its constructor needs them. */
function instanceOf(authenticatorClass: AuthenticatorClass): object | undefined {
  try {
    return new (authenticatorClass as unknown as new () => object)();
  } catch {
    return undefined;
  }
}
