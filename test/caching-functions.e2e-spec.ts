/* eslint-disable @typescript-eslint/require-await -- cached functions are async by contract */
import { Injectable, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  ArgsKeyField,
  CACHE_MISSING,
  CacheResult,
  KeyConstructor,
  RestflowModule,
  cacheResult,
  cachedMethod,
  type KeyConstructorMeta,
} from 'nestjs-restflow';

class UserKey extends KeyConstructor {
  user = new ArgsKeyField('userId', { partition: true });
  scope = new ArgsKeyField('scope');
  static override meta: KeyConstructorMeta = { namespace: 'fn-test' };
}

let loads = 0;
const loadUser = cacheResult(
  async ({ userId, scope }: { userId: number; scope: string }) => {
    loads += 1;
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { userId, scope, load: loads };
  },
  { id: 'loadUser', keyConstructor: UserKey, ttl: 60 },
);

let staleLoads = 0;
const staleValue = cacheResult(
  async () => {
    staleLoads += 1;
    return staleLoads;
  },
  { id: 'staleValue', ttl: 0.15, staleWhileRevalidate: 60 },
);

@Injectable()
class ReportService {
  runs = 0;

  @CacheResult({ argNames: ['year', 'region'], ttl: 60, cacheUnless: (value) => value === 'skip' })
  async report(year: number, region: string): Promise<string> {
    this.runs += 1;
    return region === 'none' ? 'skip' : `${year}-${region}-${this.runs}`;
  }
}

describe('cacheResult and @CacheResult', () => {
  let app: INestApplication;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [RestflowModule.forRoot()],
      providers: [ReportService],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(() => app.close());

  it('misses, then hits, with metadata', async () => {
    const [first, missMeta] = await loadUser.getWithMetadata({ userId: 1, scope: 'full' });
    const [second, hitMeta] = await loadUser.getWithMetadata({ userId: 1, scope: 'full' });
    expect(missMeta?.cacheStatus).toBe('MISS');
    expect(hitMeta?.cacheStatus).toBe('HIT');
    expect(second).toEqual(first);
    expect(hitMeta?.cachedAt).toBe(missMeta?.cachedAt);
    expect(Date.parse(hitMeta!.cacheResetAt!) - Date.parse(hitMeta!.cachedAt)).toBe(60_000);
    expect(loadUser.getCacheKey({ userId: 1, scope: 'full' })).toBe(
      'fn-test::loadUser::userId:1::scope:full',
    );
  });

  it('refreshes (REFRESH) and bypasses (BYPASS)', async () => {
    const before = loads;
    const refreshed = await loadUser.refresh({ userId: 1, scope: 'full' });
    expect(refreshed.load).toBe(before + 1);
    expect((await loadUser.getWithMetadata({ userId: 1, scope: 'full' }))[0]).toEqual(refreshed);
    const bypassed = await loadUser.bypassCache({ userId: 1, scope: 'full' });
    expect(bypassed.load).toBe(before + 2);
    // the bypass did not write
    expect(await loadUser.getCacheOnly({ userId: 1, scope: 'full' })).toEqual(refreshed);
    expect((await loadUser.getCachedMetadata({ userId: 1, scope: 'full' }))?.cacheStatus).toBe(
      'HIT',
    );
  });

  it('runs concurrent misses of one key once (single-flight)', async () => {
    const before = loads;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => loadUser({ userId: 2, scope: 'sf' })),
    );
    expect(loads).toBe(before + 1);
    expect(new Set(results.map((result) => result.load)).size).toBe(1);
  });

  it('deletes one entry, a partition, or everything', async () => {
    await loadUser({ userId: 3, scope: 'a' });
    await loadUser({ userId: 3, scope: 'b' });
    await loadUser({ userId: 4, scope: 'a' });
    expect(await loadUser.deleteCache({ userId: 3, scope: 'a' })).toBe(true);
    expect(await loadUser.getCacheOnly({ userId: 3, scope: 'a' })).toBe(CACHE_MISSING);
    expect(await loadUser.deleteByPrefix({ userId: 3 })).toBe(1);
    expect(await loadUser.getCacheOnly({ userId: 3, scope: 'b' })).toBe(CACHE_MISSING);
    expect(await loadUser.getCacheOnly({ userId: 4, scope: 'a' })).not.toBe(CACHE_MISSING);
    expect(await loadUser.invalidateAll()).toBeGreaterThanOrEqual(1);
    expect(await loadUser.getCacheOnly({ userId: 4, scope: 'a' })).toBe(CACHE_MISSING);
  });

  it('serves a stale value (STALE) and refreshes it once in the background', async () => {
    expect(await staleValue.getWithMetadata()).toEqual([
      1,
      expect.objectContaining({ cacheStatus: 'MISS' }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stale = await Promise.all([staleValue.getWithMetadata(), staleValue.getWithMetadata()]);
    expect(stale.map(([value, meta]) => [value, meta?.cacheStatus])).toEqual([
      [1, 'STALE'],
      [1, 'STALE'],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(staleLoads).toBe(2);
    const [value, meta] = await staleValue.getWithMetadata();
    expect([value, meta?.cacheStatus]).toEqual([2, 'HIT']);
  });

  it('caches provider methods by named positional arguments, with cacheUnless', async () => {
    const service = app.get(ReportService);
    expect(await service.report(2026, 'eu')).toBe('2026-eu-1');
    expect(await service.report(2026, 'eu')).toBe('2026-eu-1');
    expect(await service.report(2026, 'us')).toBe('2026-us-2');
    expect(cachedMethod(service, 'report').getCacheKey(2026, 'eu')).toBe(
      'ReportService.report::region:eu|year:2026',
    );
    expect(await service.report(2026, 'none')).toBe('skip');
    expect(await service.report(2026, 'none')).toBe('skip');
    expect(service.runs).toBe(4);
    await cachedMethod(service, 'report').refresh(2026, 'eu');
    expect(await service.report(2026, 'eu')).toBe('2026-eu-5');
  });

  it('refuses bad options when the function is wrapped', () => {
    expect(() => cacheResult(async () => 1, { id: 'loadUser' })).toThrow(
      /already has the id "loadUser"/,
    );
    expect(() =>
      cacheResult(async () => 1, { id: 'x1', cacheIf: () => true, cacheUnless: () => false }),
    ).toThrow(/cacheIf and cacheUnless are exclusive/);
    expect(() =>
      cacheResult(async (_a: number) => 1, { id: 'x2', keyConstructor: UserKey, argNames: ['a'] }),
    ).toThrow(/reads "userId", which argNames \["a"\] does not name/);
    expect(() => cacheResult(async () => 1, { id: 'x3', ttl: -1 })).toThrow(
      /ttl must be a positive/,
    );
  });
});
