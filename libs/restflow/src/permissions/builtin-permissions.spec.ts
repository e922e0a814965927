import { ANONYMOUS_USER } from '../authentication/anonymous-user';
import type { RestflowRequest } from '../core/restflow-request.interface';
import { AllowAny } from './builtin/allow-any.permission';
import { IsAdminUser } from './builtin/is-admin-user.permission';
import { IsAuthenticatedOrReadOnly } from './builtin/is-authenticated-or-read-only.permission';
import { IsAuthenticated } from './builtin/is-authenticated.permission';
import { isSafeMethod, SAFE_METHODS } from './builtin/safe-methods';
import { BasePermission } from './base.permission';

const requestOf = (method: string, user: unknown) =>
  ({ method, user }) as unknown as RestflowRequest;

const alice = { id: 1, username: 'alice', isStaff: false };
const root = { id: 2, username: 'root', isStaff: true };

describe('built-in permissions', () => {
  it('BasePermission allows both hooks by default', async () => {
    class Plain extends BasePermission {}
    const plain = new Plain();
    expect(plain.message).toBeUndefined();
    expect(await plain.hasPermission(requestOf('POST', undefined), {})).toBe(true);
    expect(await plain.hasObjectPermission(requestOf('POST', undefined), {}, {})).toBe(true);
  });

  it('AllowAny allows anyone', () => {
    expect(new AllowAny().hasPermission()).toBe(true);
  });

  it.each<[string, unknown, boolean]>([
    ['no user (no authentication guard ran)', undefined, false],
    ['null', null, false],
    ['the anonymous user', ANONYMOUS_USER, false],
    ['a user', alice, true],
  ])('IsAuthenticated with %s: %s', (_name, user, allowed) => {
    expect(new IsAuthenticated().hasPermission(requestOf('GET', user))).toBe(allowed);
  });

  it.each<[string, unknown, boolean]>([
    ['the anonymous user (isStaff false)', ANONYMOUS_USER, false],
    ['a user who is not staff', alice, false],
    ['a user without isStaff', { id: 3 }, false],
    ['a truthy isStaff that is not true', { id: 4, isStaff: 1 }, false],
    ['a staff user', root, true],
  ])('IsAdminUser with %s: %s', (_name, user, allowed) => {
    expect(new IsAdminUser().hasPermission(requestOf('GET', user))).toBe(allowed);
  });

  it.each<[string, unknown, boolean]>([
    ['GET', ANONYMOUS_USER, true],
    ['HEAD', ANONYMOUS_USER, true],
    ['OPTIONS', ANONYMOUS_USER, true],
    ['get', undefined, true],
    ['POST', ANONYMOUS_USER, false],
    ['PUT', undefined, false],
    ['PATCH', ANONYMOUS_USER, false],
    ['DELETE', ANONYMOUS_USER, false],
    ['POST', alice, true],
    ['DELETE', alice, true],
  ])('IsAuthenticatedOrReadOnly on %s by %o: %s', (method, user, allowed) => {
    expect(new IsAuthenticatedOrReadOnly().hasPermission(requestOf(method, user))).toBe(allowed);
  });

  it('SAFE_METHODS are the read-only methods, frozen', () => {
    expect(SAFE_METHODS).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(Object.isFrozen(SAFE_METHODS)).toBe(true);
    expect(isSafeMethod({ method: 'head' })).toBe(true);
    expect(isSafeMethod({ method: 'TRACE' })).toBe(false);
  });
});
