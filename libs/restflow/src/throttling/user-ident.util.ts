import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import type { ProviderInstances } from '../core/provider-instances';
import { RestflowConfigError } from '../exceptions/restflow-config.error';

/**
 * The identifier of an authenticated user for cache keys (DRF's `user.pk`): the user provider's
 * `getId(user)` when `authentication.userProvider` is set, else `user.id`.
 *
 * @throws {RestflowConfigError} when neither gives an identifier.
 * @example
 * ```ts
 * await userIdent({ id: 7 }, options, instances, 'UserRateThrottle'); // '7'
 * ```
 * @internal
 */
export async function userIdent(
  user: unknown,
  options: ResolvedRestflowOptions,
  instances: ProviderInstances,
  throttleName: string,
): Promise<string> {
  const providerClass = options.authentication.userProvider;
  const id = providerClass
    ? (await instances.get(providerClass)).getId(user)
    : (user as { id?: unknown }).id;
  if ((typeof id !== 'string' || id === '') && typeof id !== 'number') {
    throw new RestflowConfigError(
      'authentication.userProvider',
      `${throttleName} cannot identify the authenticated user: ` +
        (providerClass
          ? `${providerClass.name}.getId() returned ${String(id)}.`
          : 'request.user has no "id".') +
        ' Fix: set authentication.userProvider to a provider whose getId() returns the user id, ' +
        'or override getCacheKey().',
    );
  }
  return String(id);
}
