import { ANONYMOUS_USER } from '../authentication/anonymous-user';
import { setAuthenticationChallenge } from '../authentication/authentication-challenge';
import type { APIException } from '../exceptions/api.exception';
import { NotAuthenticated, PermissionDenied } from '../exceptions/standard.exceptions';
import type { RestflowRequest } from '../core/restflow-request.interface';
import { BasePermission } from './base.permission';
import { checkObjectPermissions, checkPermissions, permissionRefusal } from './check-permissions';
import { allOf, anyOf } from './permission-combinators';
import type { Permission } from './permission.interface';

const view = {};

function requestAs(user: unknown, challenge?: string, authenticators = 1): RestflowRequest {
  const request = { method: 'POST', user } as unknown as RestflowRequest;
  setAuthenticationChallenge(request, challenge, authenticators);
  return request;
}

async function refusalOf(check: Promise<void>): Promise<APIException> {
  try {
    await check;
  } catch (error) {
    return error as APIException;
  }
  throw new Error('expected a refusal');
}

class Refuses extends BasePermission {
  override readonly message = 'Refused by rule.';
  override hasPermission() {
    return false;
  }
  override async hasObjectPermission() {
    return Promise.resolve(false);
  }
}

class Allows extends BasePermission {}

describe('checkPermissions', () => {
  it('passes when every permission allows, and with no permission at all', async () => {
    await expect(checkPermissions(requestAs({ id: 1 }), view, [])).resolves.toBeUndefined();
    await expect(
      checkPermissions(requestAs({ id: 1 }), view, [Allows, allOf(Allows)]),
    ).resolves.toBeUndefined();
  });

  it('refuses a user with 403 permission_denied and the permission message', async () => {
    const error = await refusalOf(checkPermissions(requestAs({ id: 1 }), view, [Allows, Refuses]));
    expect(error).toBeInstanceOf(PermissionDenied);
    expect(error.getStatus()).toBe(403);
    expect(error.toEnvelope()).toEqual({
      error: { code: 'permission_denied', message: 'Refused by rule.', details: {} },
    });
  });

  it('uses the default message when the permission has none', async () => {
    const error = await refusalOf(
      checkPermissions(requestAs({ id: 1 }), view, [anyOf(Refuses, Refuses)]),
    );
    expect(error.message).toBe('You do not have permission to perform this action.');
  });

  it('refuses an anonymous request with 401 and the challenge of the first authenticator', async () => {
    const error = await refusalOf(
      checkPermissions(requestAs(ANONYMOUS_USER, 'Test realm="api"'), view, [Refuses]),
    );
    expect(error).toBeInstanceOf(NotAuthenticated);
    expect(error.getStatus()).toBe(401);
    expect(error.headers).toEqual({ 'WWW-Authenticate': 'Test realm="api"' });
    expect(error.message).toBe('Authentication credentials were not provided.');
  });

  it('refuses an anonymous request with 403 not_authenticated when there is no challenge', async () => {
    for (const user of [ANONYMOUS_USER, undefined]) {
      const error = await refusalOf(checkPermissions(requestAs(user), view, [Refuses]));
      expect(error.getStatus()).toBe(403);
      expect(error.code).toBe('not_authenticated');
      expect(error.headers).toEqual({});
    }
  });

  it("refuses an anonymous request with the permission's 403 when the action has no authenticators", async () => {
    const error = await refusalOf(
      checkPermissions(requestAs(ANONYMOUS_USER, undefined, 0), view, [Refuses]),
    );
    expect(error).toBeInstanceOf(PermissionDenied);
    expect(error.getStatus()).toBe(403);
    expect(error.message).toBe('Refused by rule.');
  });

  it('stops at the first refusal', async () => {
    const calls: string[] = [];
    const recording = (name: string, allowed: boolean): Permission => ({
      hasPermission: () => {
        calls.push(name);
        return allowed;
      },
    });
    await refusalOf(
      checkPermissions(requestAs({ id: 1 }), view, [
        recording('first', true),
        recording('second', false),
        recording('third', true),
      ]),
    );
    expect(calls).toEqual(['first', 'second']);
  });

  it('passes the request and the view to the hooks', async () => {
    const request = requestAs({ id: 1 });
    const seen: unknown[] = [];
    await checkPermissions(request, view, [
      { hasPermission: (...args: unknown[]) => (seen.push(...args), true) },
    ]);
    expect(seen).toEqual([request, view]);
  });
});

describe('checkObjectPermissions', () => {
  const object = { id: 9 };

  it('runs hasObjectPermission only (hasPermission was checked by the guard)', async () => {
    class ActionOnly extends BasePermission {
      override hasPermission() {
        return false;
      }
    }
    await expect(
      checkObjectPermissions(requestAs({ id: 1 }), view, object, [
        ActionOnly,
        { hasPermission: () => false },
      ]),
    ).resolves.toBeUndefined();
  });

  it('refuses with the rules of checkPermissions', async () => {
    const denied = await refusalOf(
      checkObjectPermissions(requestAs({ id: 1 }), view, object, [Allows, Refuses]),
    );
    expect(denied.toEnvelope().error).toEqual({
      code: 'permission_denied',
      message: 'Refused by rule.',
      details: {},
    });
    const anonymous = await refusalOf(
      checkObjectPermissions(requestAs(ANONYMOUS_USER, 'Basic'), view, object, [Refuses]),
    );
    expect([anonymous.getStatus(), anonymous.code]).toEqual([401, 'not_authenticated']);
  });

  it('passes the request, the view and the object to the hook', async () => {
    const request = requestAs({ id: 1 });
    const seen: unknown[] = [];
    await checkObjectPermissions(request, view, object, [
      {
        hasPermission: () => true,
        hasObjectPermission: (...args: unknown[]) => (seen.push(...args), true),
      },
    ]);
    expect(seen).toEqual([request, view, object]);
  });
});

describe('permissionRefusal', () => {
  it('is NotAuthenticated for anonymous requests and PermissionDenied otherwise', () => {
    expect(permissionRefusal(requestAs(ANONYMOUS_USER), 'ignored')).toBeInstanceOf(
      NotAuthenticated,
    );
    expect(permissionRefusal(requestAs(ANONYMOUS_USER, undefined, 0), 'Closed.').message).toBe(
      'Closed.',
    );
    const denied = permissionRefusal(requestAs({ id: 1 }), 'Drafts only.');
    expect(denied).toBeInstanceOf(PermissionDenied);
    expect(denied.message).toBe('Drafts only.');
  });
});
