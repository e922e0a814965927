import { parseRate, throttleDecision, throttleWait } from './throttle-rate.util';

describe('parseRate', () => {
  it.each<[string, number, number]>([
    ['1/s', 1, 1_000],
    ['5/sec', 5, 1_000],
    ['5/second', 5, 1_000],
    ['5/seconds', 5, 1_000],
    ['2/m', 2, 60_000],
    ['20/min', 20, 60_000],
    ['20/minute', 20, 60_000],
    ['20/minutes', 20, 60_000],
    ['3/h', 3, 3_600_000],
    ['3/hour', 3, 3_600_000],
    ['3/hours', 3, 3_600_000],
    ['100/d', 100, 86_400_000],
    ['100/day', 100, 86_400_000],
    ['100/days', 100, 86_400_000],
    ['10/MIN', 10, 60_000],
    ['999999999/d', 999_999_999, 86_400_000],
  ])('reads %s as %i per %i ms', (rate, limit, durationMs) => {
    expect(parseRate(rate)).toEqual({ limit, durationMs });
  });

  it.each<[string, unknown]>([
    ['an unknown period', '10/x'],
    ['a zero count', '0/m'],
    ['a negative count', '-1/m'],
    ['a fractional count', '1.5/m'],
    ['a leading zero', '01/m'],
    ['a count past 999999999', '1000000000/m'],
    ['a period DRF would misread as minutes', '10/month'],
    ['a period with a multiplier', '10/5m'],
    ['spaces', '10 / min'],
    ['no period', '10'],
    ['no count', '/min'],
    ['an empty string', ''],
    ['a number', 10],
    ['null', null],
  ])('rejects %s', (_case, rate) => {
    expect(parseRate(rate)).toBeUndefined();
  });
});

describe('throttleWait (DRF: (duration - (now - oldest)) / (limit - hits + 1))', () => {
  const rate = { limit: 3, durationMs: 60_000 };

  it.each<[string, number, number, number, number | null]>([
    ['a full window whose oldest hit is new', 3, 1_000, 1_000, 60],
    ['a full window whose oldest hit is 15 s old', 3, 0, 15_000, 45],
    ['a full window about to free a slot', 3, 0, 59_700, 0.3],
    ['two free slots after the oldest leaves', 2, 0, 30_000, 15],
    ['one hit, 12.7 s of window left, three slots', 1, 0, 47_300, 12.7 / 3],
    ['more hits than the limit (rate lowered)', 4, 0, 1_000, null],
  ])('gives %s', (_case, hits, oldestAt, now, expected) => {
    const wait = throttleWait(rate, { allowed: false, hits, oldestAt, now });
    if (expected === null) {
      expect(wait).toBeNull();
    } else {
      expect(wait).toBeCloseTo(expected, 9);
    }
  });

  it('uses the whole duration when the window is empty', () => {
    expect(throttleWait(rate, { allowed: false, hits: 0, oldestAt: null, now: 5 })).toBe(15);
  });
});

describe('throttleDecision', () => {
  const rate = { limit: 10, durationMs: 60_000 };

  it('reports the room left and when the oldest hit leaves the window', () => {
    expect(
      throttleDecision(rate, { allowed: true, hits: 4, oldestAt: 1_000, now: 21_500 }),
    ).toEqual({ allowed: true, limit: 10, remaining: 6, resetSeconds: 40, waitSeconds: null });
  });

  it('rounds the wait of a refusal up to whole seconds', () => {
    expect(throttleDecision(rate, { allowed: false, hits: 10, oldestAt: 0, now: 47_300 })).toEqual({
      allowed: false,
      limit: 10,
      remaining: 0,
      resetSeconds: 13,
      waitSeconds: 13,
    });
  });

  it('has no wait when no request will be available, and never a negative remaining', () => {
    expect(throttleDecision(rate, { allowed: false, hits: 12, oldestAt: 0, now: 1_000 })).toEqual({
      allowed: false,
      limit: 10,
      remaining: 0,
      resetSeconds: 59,
      waitSeconds: null,
    });
  });
});
