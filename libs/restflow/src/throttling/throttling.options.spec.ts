import { resolveRestflowOptions } from '../restflow.module-options';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { AnonRateThrottle } from './anon-rate.throttle';
import { MemoryThrottleStore } from './memory-throttle.store';
import type { ThrottleStore } from './throttle-store.interface';

describe('the throttling options', () => {
  it('default to no throttles, no rates, no trusted proxy and a memory store per module', () => {
    const first = resolveRestflowOptions({}).throttling;
    const second = resolveRestflowOptions({}).throttling;
    expect(first).toEqual({
      defaultThrottleClasses: [],
      rates: {},
      numProxies: null,
      store: expect.any(MemoryThrottleStore),
      storeFailure: 'open',
    });
    expect(first.store).not.toBe(second.store);
  });

  it('keep valid values, with the rates frozen', () => {
    const store: ThrottleStore = new MemoryThrottleStore();
    const rates = { anon: '20/min', user: '1000/day', off: null };
    const options = resolveRestflowOptions({
      throttling: {
        defaultThrottleClasses: [AnonRateThrottle],
        rates,
        numProxies: 2,
        store,
        storeFailure: 'closed',
      },
    }).throttling;
    expect(options).toEqual({
      defaultThrottleClasses: [AnonRateThrottle],
      rates: { anon: '20/min', user: '1000/day', off: null },
      numProxies: 2,
      store,
      storeFailure: 'closed',
    });
    expect(Object.isFrozen(options.rates)).toBe(true);
    expect(options.rates).not.toBe(rates);
  });

  it.each<[string, unknown, string]>([
    [
      'a rate with an unknown period',
      { rates: { anon: '10/x' } },
      'Invalid RestflowModule option "throttling.rates.anon": expected a rate "<count>/<period>" with a count from 1 to 999999999 and a period of s, sec, second, m, min, minute, h, hour, d or day (e.g. "100/min"), or null, got "10/x". Fix: write the rate as "<count>/<period>", e.g. { anon: "100/min" }, or null to turn the scope off.',
    ],
    [
      'a zero rate',
      { rates: { user: '0/m' } },
      'Invalid RestflowModule option "throttling.rates.user": expected a rate "<count>/<period>" with a count from 1 to 999999999 and a period of s, sec, second, m, min, minute, h, hour, d or day (e.g. "100/min"), or null, got "0/m". Fix: write the rate as "<count>/<period>", e.g. { user: "100/min" }, or null to turn the scope off.',
    ],
    [
      'a rate that is a number',
      { rates: { user: 10 } },
      'Invalid RestflowModule option "throttling.rates.user": expected a rate "<count>/<period>" with a count from 1 to 999999999 and a period of s, sec, second, m, min, minute, h, hour, d or day (e.g. "100/min"), or null, got 10. Fix: write the rate as "<count>/<period>", e.g. { user: "100/min" }, or null to turn the scope off.',
    ],
    [
      'rates that are not an object',
      { rates: ['20/min'] },
      'Invalid RestflowModule option "throttling.rates": expected an object of scope names to rates, such as { anon: "20/min", user: "100/min" }, got ["20/min"]. Fix: map each scope (a non-empty name) to a rate "<count>/<period>", e.g. { anon: "20/min" }.',
    ],
    [
      'an unknown storeFailure policy',
      { storeFailure: 'fail-open' },
      'Invalid RestflowModule option "throttling.storeFailure": expected "open" or "closed", got "fail-open". Fix: use "open" to let requests through while the store is down, or "closed" to answer 503.',
    ],
    [
      'a negative numProxies',
      { numProxies: -1 },
      'Invalid RestflowModule option "throttling.numProxies": expected null or a whole number of proxies from 0 to 100, got -1. Fix: use the number of reverse proxies in front of the app (e.g. 1), or null to ignore X-Forwarded-For.',
    ],
    [
      'a fractional numProxies',
      { numProxies: 1.5 },
      'Invalid RestflowModule option "throttling.numProxies": expected null or a whole number of proxies from 0 to 100, got 1.5. Fix: use the number of reverse proxies in front of the app (e.g. 1), or null to ignore X-Forwarded-For.',
    ],
    [
      'a store without hit()',
      { store: { get: () => null } },
      'Invalid RestflowModule option "throttling.store": expected a throttle store such as new RedisThrottleStore(client), got {}. Fix: pass an instance with a hit(key, limit, durationMs) method, e.g. new RedisThrottleStore(client), or leave it out for the in-memory store.',
    ],
    [
      'a throttle instance instead of its class',
      { defaultThrottleClasses: [{}] },
      'Invalid RestflowModule option "throttling.defaultThrottleClasses": expected a list of throttle classes such as [AnonRateThrottle], got [{}]. Fix: list the classes themselves, e.g. [AnonRateThrottle, UserRateThrottle].',
    ],
  ])('reject %s at boot, naming the option and the fix', (_case, throttling, message) => {
    let error: unknown;
    try {
      resolveRestflowOptions({ throttling });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RestflowConfigError);
    expect((error as Error).message).toBe(message);
  });
});
