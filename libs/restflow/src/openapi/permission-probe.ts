import { ANONYMOUS_USER } from '../authentication/anonymous-user';
import { CombinedPermission } from '../permissions/permission-combinators';
import type { PermissionSpec } from '../permissions/permission.interface';
import { toPermission } from '../permissions/permission-instance.util';
import type { RestflowRequest } from '../core/restflow-request.interface';

/** What a permission says to a probe request: yes, no, or "it depends" (async, throws, data). */
type Verdict = 'allow' | 'refuse' | 'unknown';

/**
 * What the permissions of one operation can refuse, found by asking them at build time about
 * two made-up requests of the operation's method: an anonymous one and one of a signed-in user
 * who is not staff (and, for detail routes, about an empty object). Permissions that answer
 * synchronously are decided; any that answers with a promise, throws or depends on data counts
 * as "may refuse", so the document never promises less than the API does.
 *
 * @internal
 */
export interface PermissionOutcome {
  /** Anonymous requests always pass: the operation needs no credentials. */
  readonly anonymousAllowed: boolean;
  /** No request can ever be refused (`AllowAny`, or no permissions): the operation is public. */
  readonly public: boolean;
  /** A signed-in user may be refused (403). */
  readonly userMayBeRefused: boolean;
}

/** Probes `permissions` for one method (`detail`: the route names one object). */
export function probePermissions(
  permissions: readonly PermissionSpec[],
  method: string,
  view: unknown,
  detail: boolean,
): PermissionOutcome {
  const anonymous = probeRequest(method, ANONYMOUS_USER);
  const user = probeRequest(method, {
    id: 0,
    isAuthenticated: true,
    isActive: true,
    isStaff: false,
  });
  const anonymousAllowed =
    all(permissions, (spec) => check(spec, anonymous, view)) === 'allow' &&
    (!detail || all(permissions, (spec) => checkObject(spec, anonymous, view)) === 'allow');
  const userAllowed =
    all(permissions, (spec) => check(spec, user, view)) === 'allow' &&
    (!detail || all(permissions, (spec) => checkObject(spec, user, view)) === 'allow');
  const otherMethod = probeRequest(method === 'GET' ? 'POST' : 'GET', ANONYMOUS_USER);
  const everyMethodAllowed =
    all(permissions, (spec) => check(spec, otherMethod, view)) === 'allow' &&
    all(permissions, (spec) => checkObject(spec, otherMethod, view)) === 'allow';
  return {
    anonymousAllowed,
    public: anonymousAllowed && userAllowed && everyMethodAllowed,
    userMayBeRefused: !userAllowed,
  };
}

function probeRequest(method: string, user: unknown): RestflowRequest {
  return {
    method,
    url: '/',
    headers: {},
    query: {},
    params: {},
    body: undefined,
    user,
    auth: null,
  };
}

function all(specs: readonly PermissionSpec[], verdict: (spec: PermissionSpec) => Verdict) {
  let result: Verdict = 'allow';
  for (const spec of specs) {
    const one = verdict(spec);
    if (one === 'refuse') return 'refuse';
    if (one === 'unknown') result = 'unknown';
  }
  return result;
}

function any(specs: readonly PermissionSpec[], verdict: (spec: PermissionSpec) => Verdict) {
  let result: Verdict = 'refuse';
  for (const spec of specs) {
    const one = verdict(spec);
    if (one === 'allow') return 'allow';
    if (one === 'unknown') result = 'unknown';
  }
  return result;
}

function invert(verdict: Verdict): Verdict {
  return verdict === 'allow' ? 'refuse' : verdict === 'refuse' ? 'allow' : 'unknown';
}

function both(a: Verdict, b: Verdict): Verdict {
  if (a === 'refuse' || b === 'refuse') return 'refuse';
  return a === 'allow' && b === 'allow' ? 'allow' : 'unknown';
}

function check(spec: PermissionSpec, request: RestflowRequest, view: unknown): Verdict {
  const permission = safely(() => toPermission(spec));
  if (!permission) return 'unknown';
  if (permission instanceof CombinedPermission) {
    const operands = permission.operands;
    switch (permission.kind) {
      case 'allOf':
        return all(operands, (operand) => check(operand, request, view));
      case 'anyOf':
        return any(operands, (operand) => check(operand, request, view));
      case 'not':
        return invert(all(operands, (operand) => check(operand, request, view)));
      default:
        return 'unknown';
    }
  }
  return answer(() => permission.hasPermission(request, view));
}

function checkObject(spec: PermissionSpec, request: RestflowRequest, view: unknown): Verdict {
  const permission = safely(() => toPermission(spec));
  if (!permission) return 'unknown';
  if (permission instanceof CombinedPermission) {
    const operands = permission.operands;
    switch (permission.kind) {
      case 'allOf':
        return all(operands, (operand) => checkObject(operand, request, view));
      case 'anyOf':
        // DRF's OR on objects: an operand allows when it allows both the action and the object.
        return any(operands, (operand) =>
          both(check(operand, request, view), checkObject(operand, request, view)),
        );
      default:
        return 'unknown';
    }
  }
  if (typeof permission.hasObjectPermission !== 'function') return 'allow';
  return answer(() => permission.hasObjectPermission!(request, view, {}));
}

function answer(run: () => boolean | Promise<boolean>): Verdict {
  const result = safely(run);
  if (result === undefined) return 'unknown';
  if (typeof result === 'object' && result !== null && 'then' in result) {
    // Decided by data at run time; keep the promise from rejecting unhandled.
    Promise.resolve(result).catch(() => undefined);
    return 'unknown';
  }
  return result ? 'allow' : 'refuse';
}

function safely<TResult>(run: () => TResult): TResult | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}
