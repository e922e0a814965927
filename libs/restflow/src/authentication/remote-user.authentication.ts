import { Injectable } from '@nestjs/common';
import { InjectRestflowOptions } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { ProviderInstances } from '../core/provider-instances';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { RestflowRequest } from '../core/restflow-request.interface';
import type { AuthenticationResult, Authenticator } from './authenticator.interface';
import { headerValue } from './authorization-header.util';
import { resolveUserProvider } from './user-provider.util';

/**
 * Trusts an authenticating front proxy (DRF's `RemoteUserAuthentication`, Django's
 * `REMOTE_USER`): the proxy signs the user in (single sign-on, client certificates, Kerberos...)
 * and names them in the request header `authentication.remoteUserHeader`; the app looks the
 * username up with `UserProvider.findByUsername()`. An unknown or inactive user, or no header,
 * leaves the request anonymous. No challenge: refusals of anonymous requests are 403.
 *
 * Off by default: with `remoteUserHeader: null` it recognises nobody. Only set the header behind
 * a proxy that always removes it from what clients send, and only when clients cannot reach the
 * app except through that proxy; otherwise anyone can claim to be anyone.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({
 *   authentication: {
 *     defaultAuthenticationClasses: [RemoteUserAuthentication],
 *     userProvider: UsersProvider, // implements findByUsername()
 *     remoteUserHeader: 'X-Remote-User', // nginx: proxy_set_header X-Remote-User $remote_user;
 *   },
 * });
 * ```
 * @publicApi
 */
@Injectable()
export class RemoteUserAuthentication implements Authenticator {
  constructor(
    protected readonly instances: ProviderInstances,
    @InjectRestflowOptions('authentication')
    protected readonly options: ResolvedRestflowOptions['authentication'],
  ) {}

  async authenticate(request: RestflowRequest): Promise<AuthenticationResult | null> {
    const header = this.options.remoteUserHeader;
    if (header === null) {
      return null;
    }
    const remoteUser = headerValue(request, header);
    if (!remoteUser) {
      return null;
    }
    const users = await resolveUserProvider(this.instances, this.options, this.constructor.name);
    if (typeof users.findByUsername !== 'function') {
      throw new RestflowConfigError(
        'authentication.userProvider',
        `${this.constructor.name} looks users up by username, but the user provider ` +
          `${users.constructor.name} has no findByUsername() method. Fix: implement ` +
          'findByUsername(username) in your UserProvider.',
      );
    }
    const user = await users.findByUsername(this.cleanUsername(remoteUser));
    if (user === null || user === undefined || !users.isActive(user)) {
      return null;
    }
    return { user, auth: null };
  }

  /**
   * The username to look up, from the header's value (Django's `clean_username`). Override to
   * strip a realm (`alice@EXAMPLE.COM` → `alice`), for example.
   */
  protected cleanUsername(remoteUser: string): string {
    return remoteUser;
  }
}
