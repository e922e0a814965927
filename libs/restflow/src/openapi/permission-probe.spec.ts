import { BasePermission } from '../permissions/base.permission';
import { AllowAny } from '../permissions/builtin/allow-any.permission';
import { IsAdminUser } from '../permissions/builtin/is-admin-user.permission';
import { IsAuthenticated } from '../permissions/builtin/is-authenticated.permission';
import { IsAuthenticatedOrReadOnly } from '../permissions/builtin/is-authenticated-or-read-only.permission';
import { isSafeMethod } from '../permissions/builtin/safe-methods';
import { anyOf, not } from '../permissions/permission-combinators';
import type { RestflowRequest } from '../core/restflow-request.interface';
import { probePermissions } from './permission-probe';

class ReadOnly extends BasePermission {
  override hasPermission(request: RestflowRequest): boolean {
    return isSafeMethod(request);
  }
}

class OwnerOrReadOnly extends BasePermission {
  override hasObjectPermission(request: RestflowRequest, _view: unknown, object: unknown) {
    return (
      isSafeMethod(request) ||
      (request.user as { id: number }).id === (object as { ownerId?: number }).ownerId
    );
  }
}

class AsyncCheck extends BasePermission {
  override hasPermission(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

describe('probePermissions', () => {
  it('AllowAny and no permissions are public', () => {
    expect(probePermissions([AllowAny], 'POST', {}, false)).toEqual({
      anonymousAllowed: true,
      public: true,
      userMayBeRefused: false,
    });
    expect(probePermissions([], 'DELETE', {}, true).public).toBe(true);
  });

  it('IsAuthenticatedOrReadOnly lets anonymous reads in, not writes', () => {
    expect(probePermissions([IsAuthenticatedOrReadOnly], 'GET', {}, false)).toEqual({
      anonymousAllowed: true,
      public: false,
      userMayBeRefused: false,
    });
    expect(probePermissions([IsAuthenticatedOrReadOnly], 'POST', {}, false)).toEqual({
      anonymousAllowed: false,
      public: false,
      userMayBeRefused: false,
    });
  });

  it('evaluates combinators: anyOf(ReadOnly, IsAdminUser) refuses a non-staff user a write', () => {
    const staffOrReadOnly = anyOf(ReadOnly, IsAdminUser);
    expect(probePermissions([staffOrReadOnly], 'GET', {}, false).anonymousAllowed).toBe(true);
    expect(probePermissions([staffOrReadOnly], 'PUT', {}, true)).toEqual({
      anonymousAllowed: false,
      public: false,
      userMayBeRefused: true,
    });
    expect(probePermissions([not(IsAuthenticated)], 'GET', {}, false)).toMatchObject({
      anonymousAllowed: true,
      userMayBeRefused: true,
    });
  });

  it('asks object permissions on detail routes only', () => {
    expect(probePermissions([OwnerOrReadOnly], 'PUT', {}, false).userMayBeRefused).toBe(false);
    expect(probePermissions([OwnerOrReadOnly], 'PUT', {}, true).userMayBeRefused).toBe(true);
    expect(probePermissions([OwnerOrReadOnly], 'GET', {}, true).userMayBeRefused).toBe(false);
  });

  it('counts an asynchronous answer as one that may refuse', () => {
    expect(probePermissions([AsyncCheck], 'GET', {}, false)).toEqual({
      anonymousAllowed: false,
      public: false,
      userMayBeRefused: true,
    });
  });
});
