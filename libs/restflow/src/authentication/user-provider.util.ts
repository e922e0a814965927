import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import type { ProviderInstances } from '../core/provider-instances';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { UserProvider } from './user-provider.interface';

/**
 * The application's {@link UserProvider}, resolved through Nest's dependency injection (the app's
 * registered provider, else one instance created with its dependencies injected).
 *
 * @throws {RestflowConfigError} naming `authentication.userProvider` when the app set none.
 * @example
 * ```ts
 * const users = await resolveUserProvider(this.instances, this.options, 'BasicAuthentication');
 * ```
 * @internal
 */
export function resolveUserProvider(
  instances: ProviderInstances,
  options: ResolvedRestflowOptions['authentication'],
  authenticator: string,
): Promise<UserProvider> {
  const { userProvider } = options;
  if (!userProvider) {
    return Promise.reject(
      new RestflowConfigError(
        'authentication.userProvider',
        `${authenticator} needs the application's users, but the RestflowModule option ` +
          `"authentication.userProvider" is not set. Fix: implement UserProvider (findById, ` +
          `verifyCredentials, isActive, getId) and pass the class, e.g. ` +
          `RestflowModule.forRoot({ authentication: { userProvider: UsersProvider } }).`,
      ),
    );
  }
  return instances.get(userProvider);
}
