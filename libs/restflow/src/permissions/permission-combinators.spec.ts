import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { RestflowRequest } from '../core/restflow-request.interface';
import { BasePermission } from './base.permission';
import { allOf, anyOf, CombinedPermission, not } from './permission-combinators';
import type { Permission } from './permission.interface';
import { objectPermissionVerdict, permissionVerdict } from './permission-verdict';

const request = { method: 'GET', user: { id: 1 } } as unknown as RestflowRequest;
const view = {};
const object = { id: 7 };

type Mode = 'sync' | 'async';
const MODES: Mode[] = ['sync', 'async'];
const BOOLS = [true, false];

/** A permission whose answers are fixed and whose every call is written to `log`. */
function probe(
  log: string[],
  name: string,
  has: boolean,
  mode: Mode,
  obj?: boolean,
  message?: string,
): Permission {
  const answer = (hook: string, value: boolean) => {
    log.push(`${name}.${hook}`);
    return mode === 'async' ? Promise.resolve(value) : value;
  };
  const permission: Permission = {
    message,
    hasPermission: (req: RestflowRequest, v: unknown) => {
      expect(req).toBe(request);
      expect(v).toBe(view);
      return answer('has', has);
    },
  };
  if (obj !== undefined) {
    permission.hasObjectPermission = (req, v, o) => {
      expect([req, v, o]).toEqual([request, view, object]);
      return answer('obj', obj);
    };
  }
  return permission;
}

class Concrete extends BasePermission {}

const has = async (permission: Permission) =>
  (await permissionVerdict(permission, request, view)).allowed;
const hasObject = async (permission: Permission) =>
  (await objectPermissionVerdict(permission, request, view, object)).allowed;

/** Every combination of two booleans and two modes. */
const pairs = BOOLS.flatMap((a) =>
  BOOLS.flatMap((b) => MODES.flatMap((ma) => MODES.map((mb) => [a, b, ma, mb] as const))),
);

describe('allOf', () => {
  it.each(pairs)('A=%s B=%s (%s, %s): A && B, B only when A allows', async (a, b, ma, mb) => {
    const log: string[] = [];
    const combined = allOf(probe(log, 'A', a, ma), probe(log, 'B', b, mb));
    await expect(has(combined)).resolves.toBe(a && b);
    expect(log).toEqual(a ? ['A.has', 'B.has'] : ['A.has']);
    await expect(combined.hasPermission(request, view)).resolves.toBe(a && b);
  });

  it.each(pairs)(
    'object A=%s B=%s (%s, %s): A.obj && B.obj, short-circuit',
    async (a, b, ma, mb) => {
      const log: string[] = [];
      // hasPermission answers the opposite, to show the object check does not consult it.
      const combined = allOf(probe(log, 'A', !a, ma, a), probe(log, 'B', !b, mb, b));
      await expect(hasObject(combined)).resolves.toBe(a && b);
      expect(log).toEqual(a ? ['A.obj', 'B.obj'] : ['A.obj']);
      await expect(combined.hasObjectPermission(request, view, object)).resolves.toBe(a && b);
    },
  );

  it('of three stops at the first refusal', async () => {
    const log: string[] = [];
    const combined = allOf(
      probe(log, 'A', true, 'sync'),
      probe(log, 'B', false, 'async'),
      probe(log, 'C', true, 'sync'),
    );
    await expect(has(combined)).resolves.toBe(false);
    expect(log).toEqual(['A.has', 'B.has']);
  });

  it('allows an object when no operand has an object rule', async () => {
    const log: string[] = [];
    await expect(
      hasObject(allOf(probe(log, 'A', false, 'sync'), probe(log, 'B', false, 'async'))),
    ).resolves.toBe(true);
    expect(log).toEqual([]);
  });
});

describe('anyOf', () => {
  it.each(pairs)('A=%s B=%s (%s, %s): A || B, B only when A refuses', async (a, b, ma, mb) => {
    const log: string[] = [];
    const combined = anyOf(probe(log, 'A', a, ma), probe(log, 'B', b, mb));
    await expect(has(combined)).resolves.toBe(a || b);
    expect(log).toEqual(a ? ['A.has'] : ['A.has', 'B.has']);
  });

  /** Every combination of A.has, A.obj, B.has, B.obj. */
  const quads = BOOLS.flatMap((ah) =>
    BOOLS.flatMap((ao) => BOOLS.flatMap((bh) => BOOLS.map((bo) => [ah, ao, bh, bo] as const))),
  );

  it.each(quads)(
    'object A.has=%s A.obj=%s B.has=%s B.obj=%s: (A.has && A.obj) || (B.has && B.obj)',
    async (ah, ao, bh, bo) => {
      for (const mode of MODES) {
        const log: string[] = [];
        const combined = anyOf(probe(log, 'A', ah, mode, ao), probe(log, 'B', bh, 'sync', bo));
        await expect(hasObject(combined)).resolves.toBe((ah && ao) || (bh && bo));
        const expected = ['A.has'];
        if (ah) expected.push('A.obj');
        if (!(ah && ao)) {
          expected.push('B.has');
          if (bh) expected.push('B.obj');
        }
        expect(log).toEqual(expected);
      }
    },
  );

  it('lets staff touch every object and others only their own (IsAdminUser | IsOwner)', async () => {
    const log: string[] = [];
    const staff = probe(log, 'Staff', false, 'sync');
    const owner = probe(log, 'Owner', true, 'async', false);
    await expect(hasObject(anyOf(staff, owner))).resolves.toBe(false);
    expect(log).toEqual(['Staff.has', 'Owner.has', 'Owner.obj']);
  });

  it('of three stops at the first that allows', async () => {
    const log: string[] = [];
    const combined = anyOf(
      probe(log, 'A', false, 'sync'),
      probe(log, 'B', true, 'async'),
      probe(log, 'C', true, 'sync'),
    );
    await expect(has(combined)).resolves.toBe(true);
    expect(log).toEqual(['A.has', 'B.has']);
  });
});

describe('not', () => {
  it.each(BOOLS.flatMap((a) => MODES.map((m) => [a, m] as const)))(
    'A=%s (%s): !A for both hooks',
    async (a, mode) => {
      const log: string[] = [];
      const inverted = not(probe(log, 'A', a, mode, !a));
      await expect(has(inverted)).resolves.toBe(!a);
      await expect(hasObject(inverted)).resolves.toBe(a);
      expect(log).toEqual(['A.has', 'A.obj']);
    },
  );

  it('refuses every object of a permission without an object rule', async () => {
    const log: string[] = [];
    await expect(hasObject(not(probe(log, 'A', false, 'sync')))).resolves.toBe(false);
    class Plain extends BasePermission {}
    await expect(hasObject(not(Plain))).resolves.toBe(false);
    await expect(has(not(Plain))).resolves.toBe(false);
  });

  it('of not is the permission itself', async () => {
    for (const value of BOOLS) {
      const log: string[] = [];
      await expect(has(not(not(probe(log, 'A', value, 'async'))))).resolves.toBe(value);
    }
  });
});

describe('nesting', () => {
  const triples = BOOLS.flatMap((a) =>
    BOOLS.flatMap((b) => BOOLS.flatMap((c) => MODES.map((m) => [a, b, c, m] as const))),
  );

  it.each(triples)('allOf(anyOf(A, B), not(C)) with A=%s B=%s C=%s (%s)', async (a, b, c, m) => {
    const log: string[] = [];
    const combined = allOf(
      anyOf(probe(log, 'A', a, m), probe(log, 'B', b, 'sync')),
      not(probe(log, 'C', c, m)),
    );
    await expect(has(combined)).resolves.toBe((a || b) && !c);
    const expected = a ? ['A.has'] : ['A.has', 'B.has'];
    if (a || b) expected.push('C.has');
    expect(log).toEqual(expected);
  });

  it.each(triples)('anyOf(allOf(A, B), C) with A=%s B=%s C=%s (%s)', async (a, b, c, m) => {
    const log: string[] = [];
    const combined = anyOf(
      allOf(probe(log, 'A', a, m), probe(log, 'B', b, m)),
      probe(log, 'C', c, 'async'),
    );
    await expect(has(combined)).resolves.toBe((a && b) || c);
    const expected = a ? ['A.has', 'B.has'] : ['A.has'];
    if (!(a && b)) expected.push('C.has');
    expect(log).toEqual(expected);
  });

  it.each(triples)(
    'not(anyOf(A, allOf(B, not(C)))) with A=%s B=%s C=%s (%s)',
    async (a, b, c, m) => {
      const log: string[] = [];
      const combined = not(
        anyOf(probe(log, 'A', a, m), allOf(probe(log, 'B', b, 'sync'), not(probe(log, 'C', c, m)))),
      );
      await expect(has(combined)).resolves.toBe(!(a || (b && !c)));
      const expected = ['A.has'];
      if (!a) {
        expected.push('B.has');
        if (b) expected.push('C.has');
      }
      expect(log).toEqual(expected);
    },
  );

  it.each(triples)(
    'object of anyOf(allOf(A, B), not(C)) with A=%s B=%s C=%s (%s)',
    async (a, b, c, m) => {
      // Each probe allows the action; its object rule is the variable.
      const log: string[] = [];
      const combined = anyOf(
        allOf(probe(log, 'A', true, m, a), probe(log, 'B', true, m, b)),
        not(probe(log, 'C', false, 'sync', c)),
      );
      await expect(hasObject(combined)).resolves.toBe((a && b) || !c);
      // anyOf re-checks each side's hasPermission before its object rule.
      const expected = ['A.has', 'B.has', 'A.obj'];
      if (a) expected.push('B.obj');
      if (!(a && b)) expected.push('C.has', 'C.obj');
      expect(log).toEqual(expected);
    },
  );
});

describe('messages', () => {
  const log: string[] = [];
  const verdictOf = (permission: Permission) => permissionVerdict(permission, request, view);

  it('allOf passes on the message of the operand that refused', async () => {
    const combined = allOf(
      probe(log, 'A', true, 'sync', undefined, 'A says no'),
      probe(log, 'B', false, 'async', undefined, 'B says no'),
    );
    await expect(verdictOf(combined)).resolves.toEqual({ allowed: false, message: 'B says no' });
    await expect(verdictOf(allOf(allOf(combined)))).resolves.toEqual({
      allowed: false,
      message: 'B says no',
    });
  });

  it('allOf without an operand message refuses with the default (undefined)', async () => {
    await expect(verdictOf(allOf(probe(log, 'A', false, 'sync')))).resolves.toEqual({
      allowed: false,
      message: undefined,
    });
  });

  it('anyOf and not use the default, whatever their operands say', async () => {
    const refusing = probe(log, 'A', false, 'sync', undefined, 'A says no');
    await expect(verdictOf(anyOf(refusing, refusing))).resolves.toEqual({
      allowed: false,
      message: undefined,
    });
    const allowing = probe(log, 'B', true, 'sync', undefined, 'B says no');
    await expect(verdictOf(not(allowing))).resolves.toEqual({ allowed: false, message: undefined });
  });

  it('withMessage gives any combinator its own message, over its operands', async () => {
    const refusing = probe(log, 'A', false, 'sync', false, 'A says no');
    for (const combined of [
      allOf(refusing).withMessage('own'),
      anyOf(refusing).withMessage('own'),
      not(not(refusing)).withMessage('own'),
    ]) {
      expect(combined.message).toBe('own');
      await expect(verdictOf(combined)).resolves.toEqual({ allowed: false, message: 'own' });
      await expect(objectPermissionVerdict(combined, request, view, object)).resolves.toEqual({
        allowed: false,
        message: 'own',
      });
    }
  });

  it('withMessage returns a new combinator and keeps the original', async () => {
    const original = anyOf(probe(log, 'A', false, 'sync'));
    const named = original.withMessage('named');
    expect(named).not.toBe(original);
    expect(named).toBeInstanceOf(CombinedPermission);
    expect(original.message).toBeUndefined();
    await expect(verdictOf(original)).resolves.toEqual({ allowed: false, message: undefined });
  });

  it('an object refusal of allOf carries the refusing operand message', async () => {
    const combined = allOf(probe(log, 'A', true, 'sync', false, 'not yours'));
    await expect(objectPermissionVerdict(combined, request, view, object)).resolves.toEqual({
      allowed: false,
      message: 'not yours',
    });
  });
});

describe('operands', () => {
  it('accepts classes, instantiated once and shared', async () => {
    let created = 0;
    class Counted extends BasePermission {
      constructor() {
        super();
        created += 1;
      }
      override hasPermission() {
        return false;
      }
    }
    const first = anyOf(Counted, Counted);
    const second = not(Counted);
    expect(created).toBe(0);
    await expect(has(first)).resolves.toBe(false);
    await expect(has(second)).resolves.toBe(true);
    await expect(has(first)).resolves.toBe(false);
    expect(created).toBe(1);
  });

  it('treats a truthy or falsy answer as DRF does', async () => {
    const answering = (value: unknown): Permission =>
      ({ hasPermission: () => value }) as unknown as Permission;
    await expect(has(allOf(answering(1)))).resolves.toBe(true);
    await expect(has(allOf(answering(undefined)))).resolves.toBe(false);
    await expect(has(anyOf(answering(Promise.resolve(0))))).resolves.toBe(false);
  });

  it('propagates an error thrown by a hook', async () => {
    const failing: Permission = {
      hasPermission: () => Promise.reject(new Error('boom')),
    };
    await expect(has(allOf(failing))).rejects.toThrow('boom');
  });

  it('reads as written', () => {
    class IsOwner extends BasePermission {}
    const instance = new IsOwner();
    expect(String(allOf(IsOwner, anyOf(not(IsOwner), instance)))).toBe(
      'allOf(IsOwner, anyOf(not(IsOwner), IsOwner instance))',
    );
  });

  it.each<[string, () => unknown, string]>([
    [
      'no operand',
      () => (anyOf as (...specs: unknown[]) => unknown)(),
      'anyOf() needs at least one permission. Fix: pass permission classes or instances, e.g. anyOf(IsAuthenticated, IsOwner).',
    ],
    [
      'an undefined operand (circular import)',
      () => allOf(Concrete, undefined as never),
      'allOf() operand 2 is undefined, not a permission. Fix: pass a permission class (IsAuthenticated) or instance (anyOf(IsAdminUser, IsOwner)); check for a circular import if it is undefined.',
    ],
    [
      'a string',
      () => not('IsAuthenticated' as never),
      'not() operand 1 is "IsAuthenticated", not a permission.',
    ],
    [
      'an arrow function',
      () => allOf((() => true) as never),
      'allOf() operand 1 is an arrow function, not a permission.',
    ],
    ['an empty message', () => allOf(Concrete).withMessage(''), 'allOf().withMessage()'],
  ])('refuses %s with a configuration error', (_name, build, message) => {
    expect(build).toThrow(RestflowConfigError);
    expect(build).toThrow(message);
  });

  it('refuses a class whose instances have no hasPermission, on first use', async () => {
    class NotAPermission {}
    const combined = allOf(NotAPermission as never);
    await expect(has(combined)).rejects.toThrow(
      'NotAPermission has no hasPermission() method. Fix: extend BasePermission',
    );
  });
});
