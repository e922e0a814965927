import { Injectable } from '@nestjs/common';
import { InjectRestflowOptions } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { RestflowRequest } from '../core/restflow-request.interface';
import { clientIp } from './client-ip.util';
import {
  parseRate,
  RATE_EXPECTED,
  throttleDecision,
  type ThrottleRate,
} from './throttle-rate.util';
import type { ThrottleHit } from './throttle-store.interface';
import { onThrottleStoreFailure, onThrottleStoreSuccess } from './throttle-store-failure';
import type { Throttle, ThrottleDecision } from './throttle.interface';

/**
 * The base of rate throttles (DRF's `SimpleRateThrottle`): at most `<count>` requests per
 * `<period>` for each cache key, over a sliding window kept in `throttling.store`. When the
 * store fails, `throttling.storeFailure` decides: the request passes uncounted (`'open'`, the
 * default) or is answered 503 (`'closed'`). The rate is
 * the class's `rate` if set, else `forRoot({ throttling: { rates } })[scope]`; a scope without
 * a rate fails the boot (or, for an action the boot check cannot see, its first request) with a
 * `RestflowConfigError` naming the scope.
 *
 * Subclass it and set `scope`, and implement `getCacheKey()`: return a key per client (usually
 * `this.cacheKey(this.scope, ident)`), or `null` to leave a request alone. Register the subclass
 * as a provider if it needs your services injected; otherwise the library creates it.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class ApiKeyRateThrottle extends SimpleRateThrottle {
 *   readonly scope = 'api_key';
 *   getCacheKey(request: RestflowRequest) {
 *     const key = request.headers['x-api-key'];
 *     return typeof key === 'string' ? this.cacheKey(this.scope, key) : null;
 *   }
 * }
 * // RestflowModule.forRoot({ throttling: { rates: { api_key: '1000/hour' } } })
 * ```
 * @publicApi
 */
@Injectable()
export abstract class SimpleRateThrottle implements Throttle {
  /** Names the rate in `throttling.rates` and prefixes the cache keys. */
  abstract readonly scope: string;
  /**
   * The rate of this class, overriding `throttling.rates[scope]` (`null`: never throttles).
   * Leave it unset to read the module's rates. (Declared only, so that a subclass may define it
   * as a field or as a getter.)
   */
  declare readonly rate?: string | null;

  private readonly parsedRates = new Map<string, ThrottleRate | null>();

  constructor(
    @InjectRestflowOptions('throttling')
    protected readonly options: ResolvedRestflowOptions['throttling'],
  ) {}

  /**
   * The key of `request`'s history, or `null` when this throttle does not apply to it. Override
   * to throttle by something other than the client address.
   */
  abstract getCacheKey(
    request: RestflowRequest,
    view: object,
    action: string,
  ): string | null | Promise<string | null>;

  async check(
    request: RestflowRequest,
    view: object,
    action: string,
  ): Promise<ThrottleDecision | null> {
    const scope = this.getScope(view, action);
    if (scope === null) {
      return null;
    }
    const rate = this.getRate(scope, view, action);
    if (rate === null) {
      return null;
    }
    const key = await this.getCacheKey(request, view, action);
    if (key === null) {
      return null;
    }
    const { store, storeFailure } = this.options;
    let hit: ThrottleHit;
    try {
      hit = await store.hit(key, rate.limit, rate.durationMs);
    } catch (error) {
      // 'open': the request goes on uncounted; 'closed': 503. One warning per outage.
      onThrottleStoreFailure(store, error, storeFailure);
      return null;
    }
    onThrottleStoreSuccess(store);
    return throttleDecision(rate, hit);
  }

  /** Fails the boot when the action's scope has no usable rate. */
  validate(view: object, action: string): void {
    const scope = this.getScope(view, action);
    if (scope !== null) {
      this.getRate(scope, view, action);
    }
  }

  /**
   * The scope that applies to `action` (`null`: not throttled here). Returns `scope`; override
   * to choose per action, as `ScopedRateThrottle` does.
   */
  protected getScope(_view: object, _action: string): string | null {
    return this.scope;
  }

  /**
   * The parsed rate of `scope` (`null`: throttling is off for it).
   *
   * @throws {RestflowConfigError} when the rate is missing or malformed.
   */
  protected getRate(scope: string, view: object, action: string): ThrottleRate | null {
    let rate = this.parsedRates.get(scope);
    if (rate === undefined) {
      rate = this.resolveRate(scope, view, action);
      this.parsedRates.set(scope, rate);
    }
    return rate;
  }

  private resolveRate(scope: string, view: object, action: string): ThrottleRate | null {
    const own = this.rate;
    const where = `${this.constructor.name} on ${view.constructor.name}.${action}`;
    if (own !== undefined) {
      if (own === null) return null;
      const parsed = parseRate(own);
      if (!parsed) {
        throw new RestflowConfigError(
          `${this.constructor.name}.rate`,
          `Invalid rate of ${this.constructor.name}: expected ${RATE_EXPECTED}, got ` +
            `${JSON.stringify(own)}. Fix: set rate to e.g. "100/min", or leave it unset to use ` +
            `throttling.rates.${scope}.`,
        );
      }
      return parsed;
    }
    const rates = this.options.rates;
    if (!Object.prototype.hasOwnProperty.call(rates, scope)) {
      throw new RestflowConfigError(
        `throttling.rates.${scope}`,
        `No throttle rate set for the "${scope}" scope (used by ${where}). Fix: add it to ` +
          `RestflowModule.forRoot({ throttling: { rates: { ${scope}: '100/min' } } }), ` +
          `or set a rate on the throttle class.`,
      );
    }
    const configured = rates[scope];
    // The option rules validated every configured rate at boot, so this parse succeeds.
    return configured === null || configured === undefined ? null : (parseRate(configured) ?? null);
  }

  /** DRF's cache key format, `throttle_<scope>_<ident>`. */
  protected cacheKey(scope: string, ident: string): string {
    return `throttle_${scope}_${ident}`;
  }

  /**
   * The client address of `request`, read as `throttling.numProxies` says. Override to identify
   * clients differently.
   */
  protected getIdent(request: RestflowRequest): string {
    return clientIp(request, this.options.numProxies);
  }
}
