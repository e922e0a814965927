import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { RedisThrottleStore } from './redis-throttle.store';

// Options are checked in the constructor, before any command: the timeout itself is tested
// against a real Redis server that is killed (test/throttling-redis-faults.services-spec.ts).
/** Never called: the constructor only keeps it. */
const silentClient = {
  eval: () => new Promise<unknown>(() => undefined),
  evalSha: () => new Promise<unknown>(() => undefined),
};

describe('RedisThrottleStore', () => {
  it('waits 500 ms by default', () => {
    expect(new RedisThrottleStore(silentClient).commandTimeoutMs).toBe(500);
  });

  it.each([0, -5, 1.5, 120_000, Number.NaN])('refuses commandTimeoutMs %p', (commandTimeoutMs) => {
    expect(() => new RedisThrottleStore(silentClient, { commandTimeoutMs })).toThrow(
      RestflowConfigError,
    );
    expect(() => new RedisThrottleStore(silentClient, { commandTimeoutMs })).toThrow(
      /"commandTimeoutMs": expected a whole number of milliseconds from 1 to 60000.+Fix:/,
    );
  });
});
