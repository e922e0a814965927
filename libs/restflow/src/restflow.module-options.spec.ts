import { RestflowConfigError } from './exceptions/restflow-config.error';
import { resolveRestflowOptions } from './restflow.module-options';

describe('resolveRestflowOptions', () => {
  it('fills every section with its defaults when given nothing', () => {
    const options = resolveRestflowOptions(undefined);
    expect(Object.keys(options)).toEqual([
      'pagination',
      'filters',
      'authentication',
      'permissions',
      'throttling',
      'http',
      'caching',
      'jwt',
      'exceptions',
      'parsers',
    ]);
    expect(options).toMatchObject({
      pagination: {
        defaultPaginationClass: null,
        pageSize: 20,
        maxPageSize: 100,
        pageSizeQueryParam: null,
      },
      filters: {
        strict: false,
        ignoredParams: ['page', 'page_size', 'limit', 'offset', 'cursor', 'format'],
      },
      authentication: { defaultAuthenticationClasses: [], userProvider: null },
      permissions: { defaultPermissionClasses: [] },
      throttling: { defaultThrottleClasses: [] },
      caching: {},
      exceptions: { nonFieldErrorsKey: 'non_field_errors' },
      parsers: { mediaTypes: ['application/json', 'application/x-www-form-urlencoded'] },
    });
  });

  it('keeps given values and defaults the rest of the section', () => {
    const options = resolveRestflowOptions({ parsers: { mediaTypes: ['application/json'] } });
    expect(options.parsers.mediaTypes).toEqual(['application/json']);
    expect(options.exceptions.nonFieldErrorsKey).toBe('non_field_errors');
  });

  it('freezes the result, its sections and its lists', () => {
    const options = resolveRestflowOptions({ parsers: { mediaTypes: ['application/json'] } });
    expect(Object.isFrozen(options)).toBe(true);
    expect(Object.isFrozen(options.parsers)).toBe(true);
    expect(Object.isFrozen(options.parsers.mediaTypes)).toBe(true);
  });

  it('does not share the caller list', () => {
    const mediaTypes = ['application/json'];
    const options = resolveRestflowOptions({ parsers: { mediaTypes } });
    mediaTypes.push('text/csv');
    expect(options.parsers.mediaTypes).toEqual(['application/json']);
  });

  it.each<[string, unknown, string]>([
    [
      'an unknown section, with a suggestion',
      { pagnation: {} },
      'Unknown RestflowModule option "pagnation". Fix: did you mean "pagination"? remove it or use a valid name. Valid sections: pagination, filters, authentication, permissions, throttling, http, caching, jwt, exceptions, parsers.',
    ],
    [
      'an unknown key of a section',
      { parsers: { mediaType: ['application/json'] } },
      'Unknown RestflowModule option "parsers.mediaType". Fix: did you mean "mediaTypes"? remove it or use a valid name. Valid "parsers" options: mediaTypes.',
    ],
    [
      'a cache store that is not one',
      { caching: { store: 'x' } },
      'Invalid RestflowModule option "caching.store": expected a CacheStore such as new RedisCacheStore({ url }), or null for the default, got "x". Fix: pass an instance of MemoryCacheStore, RedisCacheStore or KeyvCacheStore.',
    ],
    [
      'an integer out of range',
      { pagination: { pageSize: 0 } },
      'Invalid RestflowModule option "pagination.pageSize": expected an integer from 1 to 10000, got 0. Fix: use a positive whole number of items per page, e.g. 20.',
    ],
    [
      'a paginator instance instead of its class',
      { pagination: { defaultPaginationClass: {} } },
      'Invalid RestflowModule option "pagination.defaultPaginationClass": expected a paginator class such as PageNumberPagination, or null, got {}. Fix: pass the class itself (not an instance), e.g. PageNumberPagination, or null for plain lists.',
    ],
    [
      'options that contradict each other',
      { pagination: { pageSize: 50, maxPageSize: 10 } },
      'Invalid RestflowModule option "pagination.maxPageSize": must be at least pagination.pageSize (50), got 10. Fix: raise maxPageSize or lower pageSize.',
    ],
    [
      'a section that is not an object',
      { exceptions: 'verbose' },
      'Invalid RestflowModule option "exceptions": expected an object, got "verbose". Fix: pass an object of "exceptions" settings, or leave it out.',
    ],
    [
      'a value of the wrong type',
      { exceptions: { nonFieldErrorsKey: 42 } },
      'Invalid RestflowModule option "exceptions.nonFieldErrorsKey": expected an identifier such as "non_field_errors", got 42. Fix: use letters, digits, "_" or "-", starting with a letter or "_".',
    ],
    [
      'an empty list',
      { parsers: { mediaTypes: [] } },
      'Invalid RestflowModule option "parsers.mediaTypes": expected a non-empty list of media types such as "application/json", got []. Fix: list at least one "type/subtype" without parameters, e.g. ["application/json"].',
    ],
    [
      'a malformed list item',
      { parsers: { mediaTypes: ['json'] } },
      'Invalid RestflowModule option "parsers.mediaTypes": expected a non-empty list of media types such as "application/json", got ["json"]. Fix: list at least one "type/subtype" without parameters, e.g. ["application/json"].',
    ],
    [
      'options that are not an object',
      ['parsers'],
      'Invalid RestflowModule options: expected an object, got ["parsers"]. Fix: pass an object such as { parsers: { mediaTypes: [\'application/json\'] } }, or nothing.',
    ],
  ])('rejects %s with a message naming the option and the fix', (_case, input, message) => {
    expect(() => resolveRestflowOptions(input)).toThrow(new RestflowConfigError('', message));
    try {
      resolveRestflowOptions(input);
    } catch (error) {
      expect(error).toBeInstanceOf(RestflowConfigError);
      expect((error as Error).message).toBe(message);
    }
  });
});
