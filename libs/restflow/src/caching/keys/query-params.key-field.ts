import { CacheKeyField } from './cache-key-field';
import { findRequest } from './find-request.util';
import type { KeyCall } from './key-call.interface';
import type { RequestKeyFieldOptions } from './request-value.key-field';

/**
 * Query parameters of the request: all of them (`'*'`) or the named ones. A repeated parameter
 * (`?tag=b&tag=a`) is keyed as its sorted list, so the order in the URL does not matter; an
 * absent named parameter is keyed as `undefined`. No request: no part.
 *
 * @example
 * ```ts
 * class SearchKey extends KeyConstructor {
 *   query = new QueryParamsKeyField(['q', 'page'], { hash: true });
 * }
 * ```
 * @publicApi
 */
export class QueryParamsKeyField extends CacheKeyField {
  readonly params: '*' | readonly string[];

  constructor(
    params: string | readonly string[] = '*',
    private readonly options: RequestKeyFieldOptions = {},
  ) {
    super(options);
    this.params = params === '*' ? '*' : typeof params === 'string' ? [params] : [...params];
  }

  payload(call: KeyCall): Readonly<Record<string, unknown>> {
    const request = findRequest(call, this.options.requestArg);
    const query = request?.query as Readonly<Record<string, unknown>> | undefined;
    if (!query) {
      return {};
    }
    const names = this.params === '*' ? Object.keys(query) : this.params;
    const payload = Object.create(null) as Record<string, unknown>;
    for (const name of names) {
      const value = Object.hasOwn(query, name) ? query[name] : undefined;
      payload[name] = Array.isArray(value) ? [...(value as unknown[])].map(String).sort() : value;
    }
    return payload;
  }
}
