import { resolveRestflowOptions } from '../restflow.module-options';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { checkAuthenticationOptions } from './authentication.options';

describe('authentication options', () => {
  it('defaults: RemoteUser off, session keys, the CSRF header', () => {
    expect(resolveRestflowOptions({}).authentication).toEqual({
      defaultAuthenticationClasses: [],
      userProvider: null,
      remoteUserHeader: null,
      sessionUserKey: 'userId',
      csrfSessionKey: 'csrfSecret',
      csrfHeaderName: 'X-CSRFToken',
    });
  });

  it('keeps valid values', () => {
    const options = resolveRestflowOptions({
      authentication: {
        remoteUserHeader: 'X-Remote-User',
        sessionUserKey: '_auth_user_id',
        csrfSessionKey: 'csrf',
        csrfHeaderName: 'X-XSRF-Token',
      },
    }).authentication;
    expect(options).toMatchObject({
      remoteUserHeader: 'X-Remote-User',
      sessionUserKey: '_auth_user_id',
      csrfSessionKey: 'csrf',
      csrfHeaderName: 'X-XSRF-Token',
    });
  });

  it.each([
    ['remoteUserHeader', 'X Remote User', 'an HTTP header name such as "X-Remote-User", or null'],
    ['remoteUserHeader', '', 'an HTTP header name such as "X-Remote-User", or null'],
    ['csrfHeaderName', null, 'an HTTP header name such as "X-CSRFToken"'],
    ['csrfHeaderName', 'X-CSRF:Token', 'an HTTP header name such as "X-CSRFToken"'],
    ['sessionUserKey', 'cookie', 'an identifier such as "userId"'],
    ['sessionUserKey', 'user.id', 'an identifier such as "userId"'],
    ['csrfSessionKey', 'regenerate', 'an identifier such as "csrfSecret"'],
  ])('refuses %s = %j at boot, naming the option and the fix', (key, value, expected) => {
    const resolve = () => resolveRestflowOptions({ authentication: { [key]: value } });
    expect(resolve).toThrow(RestflowConfigError);
    expect(resolve).toThrow(
      new RegExp(
        `^Invalid RestflowModule option "authentication\\.${key}": expected ${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*Fix: `,
      ),
    );
  });

  it('checkAuthenticationOptions: the two session keys must differ', () => {
    expect(() =>
      checkAuthenticationOptions({ sessionUserKey: 'userId', csrfSessionKey: 'csrfSecret' }),
    ).not.toThrow();
    expect(() =>
      checkAuthenticationOptions({ sessionUserKey: 'same', csrfSessionKey: 'same' }),
    ).toThrow(
      'Invalid RestflowModule option "authentication.csrfSessionKey": must differ from ' +
        'authentication.sessionUserKey, got "same" for both. Fix: give the CSRF secret its own ' +
        'session key, e.g. "csrfSecret".',
    );
  });
});
