import type { RestflowRequest } from '../core/restflow-request.interface';
import { recordRequestOrigin } from '../core/request-origin.util';
import { pageLink, readQueryParam } from './pagination-links.util';

const requestFor = (target: string, extra: Partial<RestflowRequest> = {}): RestflowRequest => {
  const request: RestflowRequest = {
    method: 'GET',
    url: target,
    headers: { host: 'api.test' },
    query: {},
    params: {},
    ...extra,
  };
  // What HostMiddleware records for a request it let through.
  recordRequestOrigin(request, 'http://api.test');
  return request;
};

describe('readQueryParam', () => {
  it('returns the last occurrence of a repeated parameter', () => {
    expect(readQueryParam(requestFor('/items?page=2&page=3'), 'page')).toBe('3');
  });

  it('treats an empty or missing parameter as absent', () => {
    expect(readQueryParam(requestFor('/items?page='), 'page')).toBeUndefined();
    expect(readQueryParam(requestFor('/items?page=2&page='), 'page')).toBeUndefined();
    expect(readQueryParam(requestFor('/items'), 'page')).toBeUndefined();
  });

  it('decodes percent escapes and plus signs', () => {
    expect(readQueryParam(requestFor('/items?q=a+b%2Fc'), 'q')).toBe('a b/c');
  });

  it('reads the raw URL, not a query object another parser built', () => {
    const request = requestFor('/items?page=2', { query: { page: '9' } });
    expect(readQueryParam(request, 'page')).toBe('2');
  });
});

describe('pageLink', () => {
  it('sets a parameter and sorts every parameter by name', () => {
    expect(pageLink(requestFor('/items?size=5&page=2&b=1&a=2'), { page: 3 })).toBe(
      'http://api.test/items?a=2&b=1&page=3&size=5',
    );
  });

  it('keeps repeated parameters in their order and replaces all occurrences of a changed one', () => {
    expect(pageLink(requestFor('/items?tag=b&page=1&tag=a&page=2'), { page: 5 })).toBe(
      'http://api.test/items?page=5&tag=b&tag=a',
    );
  });

  it('removes a parameter set to null, and the "?" with the last one', () => {
    expect(pageLink(requestFor('/items?page=2&size=3'), { page: null })).toBe(
      'http://api.test/items?size=3',
    );
    expect(pageLink(requestFor('/items?page=2'), { page: null })).toBe('http://api.test/items');
  });

  it('encodes like Python quote_plus', () => {
    expect(pageLink(requestFor("/items?q=a%20b/c~d*e!'()&flag"), {})).toBe(
      'http://api.test/items?flag=&q=a+b%2Fc~d%2Ae%21%27%28%29',
    );
  });

  it("uses Express's originalUrl and the origin HostMiddleware recorded", () => {
    const request = requestFor('/?page=2', { originalUrl: '/api/items?page=2' });
    recordRequestOrigin(request, 'https://example.com:8443');
    expect(pageLink(request, { page: 3 })).toBe('https://example.com:8443/api/items?page=3');
  });

  it('never reads the Host header itself', () => {
    const request = requestFor('/items?page=2#top', { headers: { host: 'evil.example' } });
    expect(pageLink(request, { page: 1 })).toBe('http://api.test/items?page=1');
  });

  it('refuses a request HostMiddleware did not check', () => {
    const request = {
      method: 'GET',
      url: '/items',
      headers: { host: 'evil.example' },
      query: {},
      params: {},
    };
    expect(() => pageLink(request, { page: 1 })).toThrow(/HostMiddleware/);
  });
});
