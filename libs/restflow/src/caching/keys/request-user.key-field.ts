import { isAuthenticatedUser } from '../../authentication/anonymous-user';
import { CacheKeyField, type KeyFieldOptions } from './cache-key-field';
import type { KeyCall } from './key-call.interface';
import { findRequest } from './find-request.util';

/**
 * Who asked: the authenticated user's `id` (or `pk`), `null` for an anonymous request. Keeps
 * one user's cached data from another's; the response cache adds it unless an endpoint is
 * declared public.
 *
 * @throws {TypeError} (when the key is built) for an authenticated user with neither `id` nor `pk`.
 * @example
 * ```ts
 * class MineKey extends KeyConstructor {
 *   user = new RequestUserKeyField({ partition: true });
 * }
 * ```
 * @publicApi
 */
export class RequestUserKeyField extends CacheKeyField {
  constructor(options: KeyFieldOptions = {}) {
    super(options);
  }

  payload(call: KeyCall): Readonly<Record<string, unknown>> {
    const request = findRequest(call);
    if (!request) {
      // deleteByPrefix({ user: 7 }): the value is given by name.
      return Object.hasOwn(call.args, 'user') ? { user: call.args.user } : {};
    }
    const user = request.user;
    if (!isAuthenticatedUser(user)) return { user: null };
    const { id, pk } = user as { id?: unknown; pk?: unknown };
    const identity = id ?? pk;
    if (identity === undefined || identity === null) {
      throw new TypeError(
        'RequestUserKeyField: the authenticated user has neither "id" nor "pk", so cached data ' +
          'cannot be kept apart per user. Fix: give the user object an id.',
      );
    }
    return { user: identity };
  }

  override canResolve(args: Readonly<Record<string, unknown>>): boolean {
    return Object.hasOwn(args, 'user');
  }
}
