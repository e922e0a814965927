import { CacheKeyField, type KeyFieldOptions } from './cache-key-field';
import type { KeyCall } from './key-call.interface';

/**
 * The route parameters of the request (`:id`), each as a string, so that a rule's `{ id: 5 }`
 * and the request's `'5'` give one key. No request: no part. The response cache's partition.
 *
 * @example
 * ```ts
 * class ProductResponseKey extends KeyConstructor {
 *   params = new PathParamsKeyField({ partition: true });
 * }
 * ```
 * @publicApi
 */
export class PathParamsKeyField extends CacheKeyField {
  constructor(options: KeyFieldOptions = {}) {
    super(options);
  }

  payload(call: KeyCall): Readonly<Record<string, unknown>> {
    const params = call.request?.params ?? call.args;
    const payload = Object.create(null) as Record<string, unknown>;
    for (const name of Object.keys(params)) {
      if (params[name] !== undefined) payload[name] = `${params[name] as string}`;
    }
    return payload;
  }

  /** Route parameters given by name (`{ id: 5 }`) pin this field; none leave it open. */
  override canResolve(args: Readonly<Record<string, unknown>>): boolean {
    return Object.keys(args).length > 0;
  }
}
