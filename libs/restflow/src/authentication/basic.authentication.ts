import { Injectable } from '@nestjs/common';
import { InjectRestflowOptions } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { ProviderInstances } from '../core/provider-instances';
import { AuthenticationFailed } from '../exceptions/standard.exceptions';
import type { RestflowRequest } from '../core/restflow-request.interface';
import type { AuthenticationResult, Authenticator } from './authenticator.interface';
import { authorizationWords } from './authorization-header.util';
import { resolveUserProvider } from './user-provider.util';

/** Standard base64 once the characters outside its alphabet are dropped (Python's b64decode). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * HTTP Basic authentication (DRF's `BasicAuthentication`): `Authorization: Basic
 * base64(username:password)`, the scheme case-insensitive, the credentials decoded as UTF-8 and,
 * failing that, as Latin-1. The username and password are checked by the application's
 * `UserProvider.verifyCredentials()`.
 *
 * A request without a Basic header is left to the next authenticator; a malformed header or
 * wrong credentials answer 401 `authentication_failed` with DRF's messages: "Invalid basic
 * header. No credentials provided.", "Invalid basic header. Credentials string should not contain
 * spaces.", "Invalid basic header. Credentials not correctly base64 encoded.", "Invalid
 * username/password.", "User inactive or deleted.". First in a chain, it challenges with
 * `WWW-Authenticate: Basic realm="api"` (override `realm` to change it). `request.auth` is `null`.
 *
 * Use it over HTTPS only: the password travels with every request.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({
 *   authentication: { defaultAuthenticationClasses: [BasicAuthentication], userProvider: UsersProvider },
 * });
 * // curl -u alice:secret https://api.example.com/products
 * ```
 * @publicApi
 */
@Injectable()
export class BasicAuthentication implements Authenticator {
  /** The realm of the `WWW-Authenticate` challenge. */
  protected readonly realm: string = 'api';

  constructor(
    protected readonly instances: ProviderInstances,
    @InjectRestflowOptions('authentication')
    protected readonly options: ResolvedRestflowOptions['authentication'],
  ) {}

  async authenticate(request: RestflowRequest): Promise<AuthenticationResult | null> {
    const words = authorizationWords(request);
    if (words[0]?.toLowerCase() !== 'basic') {
      return null;
    }
    if (words.length === 1) {
      throw new AuthenticationFailed('Invalid basic header. No credentials provided.');
    }
    if (words.length > 2) {
      throw new AuthenticationFailed(
        'Invalid basic header. Credentials string should not contain spaces.',
      );
    }
    const credentials = decodeCredentials(words[1] ?? '');
    if (!credentials) {
      throw new AuthenticationFailed(
        'Invalid basic header. Credentials not correctly base64 encoded.',
      );
    }
    return this.authenticateCredentials(credentials.username, credentials.password);
  }

  /**
   * Checks a username and password through the user provider. Override to add a rule (an
   * account lockout, a second factor); throw `AuthenticationFailed` to refuse.
   */
  protected async authenticateCredentials(
    username: string,
    password: string,
  ): Promise<AuthenticationResult> {
    const users = await resolveUserProvider(this.instances, this.options, this.constructor.name);
    const user = await users.verifyCredentials(username, password);
    if (user === null || user === undefined) {
      throw new AuthenticationFailed('Invalid username/password.');
    }
    if (!users.isActive(user)) {
      throw new AuthenticationFailed('User inactive or deleted.');
    }
    return { user, auth: null };
  }

  authenticateHeader(): string {
    return `Basic realm="${this.realm}"`;
  }
}

/** `username:password` out of base64, or `null` when it is not base64 or has no colon. */
function decodeCredentials(encoded: string): { username: string; password: string } | null {
  const cleaned = encoded.replace(/[^A-Za-z0-9+/=]/g, '');
  if (!BASE64.test(cleaned)) {
    return null;
  }
  const bytes = Buffer.from(cleaned, 'base64');
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    text = bytes.toString('latin1');
  }
  const colon = text.indexOf(':');
  if (colon === -1) {
    return null;
  }
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}
