import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InjectRestflowOptions } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { ProviderInstances } from '../core/provider-instances';
import { AuthenticationFailed } from '../exceptions/standard.exceptions';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { RestflowRequest } from '../core/restflow-request.interface';
import { authTokenDigest, tokenRepository, type AuthToken } from './auth-token.entity';
import type { AuthenticationResult, Authenticator } from './authenticator.interface';
import { authorizationWords } from './authorization-header.util';
import { resolveUserProvider } from './user-provider.util';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Token authentication (DRF's `TokenAuthentication`): `Authorization: Token <key>`, the key made
 * by {@link createAuthToken} and looked up (by its SHA-256 digest) in the {@link AuthToken}
 * table, which the app adds to its TypeORM entities. The keyword is matched case-insensitively;
 * subclass and override `keyword` to accept another (`Bearer`, say).
 *
 * A request without a header of that keyword is left to the next authenticator; otherwise the
 * failures are 401 `authentication_failed` with DRF's messages: "Invalid token header. No
 * credentials provided.", "Invalid token header. Token string should not contain spaces.",
 * "Invalid token header. Token string should not contain invalid characters.", "Invalid token.",
 * "User inactive or deleted." (also when the token's user no longer exists). First in a chain, it
 * challenges with `WWW-Authenticate: Token`. On success `request.auth` is the `AuthToken` row.
 *
 * @example
 * ```ts
 * @View('api/orders')
 * export class OrderList extends ListAPIView {
 *   override authenticationClasses = [TokenAuthentication];
 *   override permissionClasses = [IsAuthenticated];
 * }
 * // curl -H 'Authorization: Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b' .../api/orders
 *
 * @Injectable()
 * export class BearerTokenAuthentication extends TokenAuthentication {
 *   protected override readonly keyword = 'Bearer';
 * }
 * ```
 * @publicApi
 */
@Injectable()
export class TokenAuthentication implements Authenticator {
  /** The scheme of the `Authorization` header, and the `WWW-Authenticate` challenge. */
  protected readonly keyword: string = 'Token';

  constructor(
    protected readonly instances: ProviderInstances,
    @InjectRestflowOptions('authentication')
    protected readonly options: ResolvedRestflowOptions['authentication'],
    @Optional() @Inject(DataSource) protected readonly dataSource?: DataSource,
  ) {}

  async authenticate(request: RestflowRequest): Promise<AuthenticationResult | null> {
    const words = authorizationWords(request);
    if (words[0]?.toLowerCase() !== this.keyword.toLowerCase()) {
      return null;
    }
    if (words.length === 1) {
      throw new AuthenticationFailed('Invalid token header. No credentials provided.');
    }
    if (words.length > 2) {
      throw new AuthenticationFailed(
        'Invalid token header. Token string should not contain spaces.',
      );
    }
    let key: string;
    try {
      // Node hands header bytes over as Latin-1 characters; DRF decodes them as UTF-8.
      key = UTF8.decode(Buffer.from(words[1] ?? '', 'latin1'));
    } catch {
      throw new AuthenticationFailed(
        'Invalid token header. Token string should not contain invalid characters.',
      );
    }
    return this.authenticateCredentials(key);
  }

  /**
   * Finds the token of `key` and its user. Override to add a rule (an expiry, say): throw
   * `AuthenticationFailed` to refuse.
   */
  protected async authenticateCredentials(key: string): Promise<AuthenticationResult> {
    if (!this.dataSource) {
      throw new RestflowConfigError(
        'authentication',
        `${this.constructor.name} needs a TypeORM DataSource. Fix: import ` +
          'TypeOrmModule.forRoot({ ..., entities: [..., AuthToken] }) in your application module.',
      );
    }
    const token: AuthToken | null = await tokenRepository(this.dataSource).findOneBy({
      digest: authTokenDigest(key),
    });
    if (!token) {
      throw new AuthenticationFailed('Invalid token.');
    }
    const users = await resolveUserProvider(this.instances, this.options, this.constructor.name);
    const user = await users.findById(token.userId);
    if (user === null || user === undefined || !users.isActive(user)) {
      throw new AuthenticationFailed('User inactive or deleted.');
    }
    return { user, auth: token };
  }

  authenticateHeader(): string {
    return this.keyword;
  }
}
