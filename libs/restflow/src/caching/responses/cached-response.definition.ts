import { RestflowConfigError } from '../../exceptions/restflow-config.error';
import type { KeyConstructorClass } from '../keys/key-constructor';
import { RequestUserKeyField } from '../keys/request-user.key-field';
import { CacheTarget } from '../runtime/cache-target';
import type { CacheResponseOptions } from './cache-response-options.interface';
import { ResponseKeyConstructor } from './response-key-constructor';

/**
 * One cached endpoint: its key constructor (with the user unless public) and options.
 *
 * @internal
 */
export class CachedResponseDefinition extends CacheTarget {
  constructor(
    id: string,
    readonly options: CacheResponseOptions,
  ) {
    const where = `@CacheResponse() of ${id}`;
    const Base: KeyConstructorClass = options.keyConstructor ?? ResponseKeyConstructor;
    const Constructor = options.public
      ? Base
      : class extends Base {
          user = new RequestUserKeyField({ partition: true });
        };
    if (!options.public) Object.defineProperty(Constructor, 'name', { value: Base.name });
    super(id, Constructor, options.invalidatesOn ?? [], where);
    if (options.cacheIf && options.cacheUnless) {
      throw new RestflowConfigError(
        'cacheResponse.cacheIf',
        `${where}: cacheIf and cacheUnless are exclusive. Fix: keep one of them.`,
      );
    }
    const ttl = options.ttl;
    if (ttl !== undefined && ttl !== null && (typeof ttl !== 'number' || !(ttl > 0))) {
      throw new RestflowConfigError(
        'cacheResponse.ttl',
        `${where}: ttl must be a positive number of seconds or null, got ${String(ttl)}. Fix: e.g. { ttl: 60 }.`,
      );
    }
  }

  /** A response cannot be recomputed outside a request: rules fall back to deleting. */
  rewarm(): Promise<void> {
    return Promise.reject(
      new Error(`Cached responses of ${this.id} cannot be rewarmed outside a request.`),
    );
  }
}
