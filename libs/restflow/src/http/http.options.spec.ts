import { resolveRestflowOptions } from '../restflow.module-options';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { isAllowedHost, parseHost } from './allowed-host.util';

describe('http options', () => {
  it('defaults to local hosts, no public base URL and no trusted proxy', () => {
    expect(resolveRestflowOptions({}).http).toEqual({
      allowedHosts: ['.localhost', '127.0.0.1', '[::1]'],
      publicBaseUrl: null,
      trustProxy: false,
    });
  });

  it('normalises the public base URL and lower-cases allowed hosts', () => {
    const { http } = resolveRestflowOptions({
      http: { publicBaseUrl: 'HTTPS://API.example.com/v1/', allowedHosts: ['API.example.com'] },
    });
    expect(http.publicBaseUrl).toBe('https://api.example.com/v1');
    expect(http.allowedHosts).toEqual(['api.example.com']);
  });

  it.each([
    [{ allowedHosts: ['example.com:443'] }, 'http.allowedHosts'],
    [{ allowedHosts: ['https://example.com'] }, 'http.allowedHosts'],
    [{ allowedHosts: [] }, 'http.allowedHosts'],
    [{ publicBaseUrl: 'api.example.com' }, 'http.publicBaseUrl'],
    [{ publicBaseUrl: 'ftp://api.example.com' }, 'http.publicBaseUrl'],
    [{ publicBaseUrl: 'https://api.example.com/?a=1' }, 'http.publicBaseUrl'],
    [{ trustProxy: 1 }, 'http.trustProxy'],
    [{ allowedHost: ['x'] }, 'http.allowedHost'],
  ])('fails at boot on %j, naming %s and the fix', (http, option) => {
    expect(() => resolveRestflowOptions({ http })).toThrow(RestflowConfigError);
    expect(() => resolveRestflowOptions({ http })).toThrow(new RegExp(`"${option}".*Fix: `));
  });
});

describe('parseHost and isAllowedHost', () => {
  it('splits the port and drops a trailing dot', () => {
    expect(parseHost('API.Example.com.:8443')).toEqual({
      domain: 'api.example.com',
      host: 'api.example.com.:8443',
    });
    expect(parseHost('[::1]:80')).toEqual({ domain: '[::1]', host: '[::1]:80' });
  });

  it.each(['', 'a b', 'evil.example/x', 'a@b', 'host:port', ':80', 'x:123456'])(
    'rejects the malformed Host %j',
    (value) => {
      expect(parseHost(value)).toBeUndefined();
    },
  );

  it('matches exact names, leading-dot patterns and *', () => {
    expect(isAllowedHost('example.com', ['.example.com'])).toBe(true);
    expect(isAllowedHost('a.b.example.com', ['.example.com'])).toBe(true);
    expect(isAllowedHost('badexample.com', ['.example.com'])).toBe(false);
    expect(isAllowedHost('example.com.evil', ['example.com'])).toBe(false);
    expect(isAllowedHost('anything', ['*'])).toBe(true);
  });
});
