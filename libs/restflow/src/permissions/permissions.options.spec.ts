import { resolveRestflowOptions } from '../restflow.module-options';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { IsAuthenticated } from './builtin/is-authenticated.permission';
import { anyOf } from './permission-combinators';

describe('permissions options', () => {
  it('default to no permission (anyone)', () => {
    expect(resolveRestflowOptions({}).permissions.defaultPermissionClasses).toEqual([]);
  });

  it('keep classes and instances, as a frozen copy', () => {
    const combined = anyOf(IsAuthenticated);
    const given = [IsAuthenticated, combined];
    const resolved = resolveRestflowOptions({ permissions: { defaultPermissionClasses: given } })
      .permissions.defaultPermissionClasses;
    expect(resolved).toEqual([IsAuthenticated, combined]);
    expect(resolved).not.toBe(given);
    expect(Object.isFrozen(resolved)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a class name', ['IsAuthenticated']],
    ['a plain object', [{}]],
    ['a single class', IsAuthenticated],
  ])('refuse %s at boot with a fix', (_name, value) => {
    const resolve = () =>
      resolveRestflowOptions({ permissions: { defaultPermissionClasses: value as never } });
    expect(resolve).toThrow(RestflowConfigError);
    expect(resolve).toThrow(
      'Invalid RestflowModule option "permissions.defaultPermissionClasses": expected a list of permission classes or permission objects such as [IsAuthenticated]',
    );
  });
});
