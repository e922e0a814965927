import { MemoryThrottleStore } from './memory-throttle.store';

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000): { now: () => number; advance(ms: number): void } {
  let time = start;
  return {
    now: () => time,
    advance(ms) {
      time += ms;
    },
  };
}

describe('MemoryThrottleStore', () => {
  it('counts up to the limit, then refuses without counting', async () => {
    const clock = manualClock();
    const store = new MemoryThrottleStore({ clock: clock.now });
    const start = clock.now();
    expect(await store.hit('k', 3, 60_000)).toEqual({
      allowed: true,
      hits: 1,
      oldestAt: start,
      now: start,
    });
    clock.advance(1_000);
    expect(await store.hit('k', 3, 60_000)).toMatchObject({ allowed: true, hits: 2 });
    clock.advance(1_000);
    expect(await store.hit('k', 3, 60_000)).toMatchObject({ allowed: true, hits: 3 });
    clock.advance(1_000);
    expect(await store.hit('k', 3, 60_000)).toEqual({
      allowed: false,
      hits: 3,
      oldestAt: start,
      now: start + 3_000,
    });
    // Refusals are not counted: the window still holds three hits.
    expect(await store.hit('k', 3, 60_000)).toMatchObject({ allowed: false, hits: 3 });
  });

  it('slides the window: a hit leaves it exactly `duration` later (DRF drops <= now - duration)', async () => {
    const clock = manualClock();
    const store = new MemoryThrottleStore({ clock: clock.now });
    const first = clock.now();
    await store.hit('k', 2, 10_000);
    clock.advance(4_000);
    await store.hit('k', 2, 10_000);
    clock.advance(5_999);
    expect(await store.hit('k', 2, 10_000)).toMatchObject({ allowed: false, oldestAt: first });
    clock.advance(1);
    expect(await store.hit('k', 2, 10_000)).toMatchObject({
      allowed: true,
      hits: 2,
      oldestAt: first + 4_000,
    });
  });

  it('keeps keys apart', async () => {
    const store = new MemoryThrottleStore({ clock: manualClock().now });
    await store.hit('a', 1, 1_000);
    expect(await store.hit('a', 1, 1_000)).toMatchObject({ allowed: false });
    expect(await store.hit('b', 1, 1_000)).toMatchObject({ allowed: true, hits: 1 });
    expect(store.size).toBe(2);
  });

  it('evicts the least recently hit key past maxKeys', async () => {
    const store = new MemoryThrottleStore({ clock: manualClock().now, maxKeys: 3 });
    for (const key of ['a', 'b', 'c']) {
      await store.hit(key, 1, 60_000);
    }
    // "a" is refused (not re-counted), "b" and "c" stay as they were; "d" pushes "a" out.
    await store.hit('d', 1, 60_000);
    expect(store.size).toBe(3);
    expect(await store.hit('a', 1, 60_000)).toMatchObject({ allowed: true, hits: 1 });
    expect(store.size).toBe(3);
    expect(await store.hit('c', 1, 60_000)).toMatchObject({ allowed: false });
  });

  it('is left near empty after 100,000 distinct keys expire', async () => {
    const clock = manualClock();
    const store = new MemoryThrottleStore({
      clock: clock.now,
      maxKeys: 200_000,
      sweepIntervalMs: 1_000,
    });
    for (let index = 0; index < 100_000; index++) {
      await store.hit(`throttle_anon_10.0.${index >> 8}.${index & 255}`, 5, 60_000);
    }
    expect(store.size).toBe(100_000);
    clock.advance(60_000);
    // Ordinary traffic after the window drives the sweep; no timer is involved.
    for (let index = 0; index < 500; index++) {
      await store.hit('throttle_anon_192.0.2.1', 1_000, 60_000);
    }
    expect(store.size).toBeLessThanOrEqual(1);
  });

  it('caps the map at maxKeys under a flood of distinct keys', async () => {
    const store = new MemoryThrottleStore({ clock: manualClock().now, maxKeys: 1_000 });
    for (let index = 0; index < 20_000; index++) {
      await store.hit(`k${index}`, 5, 60_000);
    }
    expect(store.size).toBe(1_000);
  });

  it('drops an expired history when its key is hit again', async () => {
    const clock = manualClock();
    const store = new MemoryThrottleStore({ clock: clock.now, sweepIntervalMs: 3_600_000 });
    await store.hit('k', 1, 1_000);
    clock.advance(1_000);
    expect(await store.hit('k', 1, 1_000)).toMatchObject({ allowed: true, hits: 1 });
  });

  it('clears', async () => {
    const store = new MemoryThrottleStore();
    await store.hit('k', 1, 1_000);
    store.clear();
    expect(store.size).toBe(0);
  });

  it('rejects a maxKeys that is not a positive integer', () => {
    expect(() => new MemoryThrottleStore({ maxKeys: 0 })).toThrow(
      'MemoryThrottleStore: maxKeys must be a positive integer, got 0.',
    );
  });
});
