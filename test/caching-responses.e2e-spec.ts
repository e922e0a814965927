import request from 'supertest';
import { DataSource } from 'typeorm';
import { ADAPTERS } from './utils/adapters';
import { useTestApp, useTestDatabase } from './utils/e2e-hooks';
import { CachedItem } from './fixtures/caching/cached-item.entity';
import { CACHING_ENTITIES, CachingModule } from './fixtures/caching/caching.module';
import { RUNS } from './fixtures/caching/caching.views';

describe.each(ADAPTERS)('response caching (%s)', (adapter) => {
  const database = useTestDatabase('sqljs');
  const app = useTestApp(adapter, database, (options) => [
    CachingModule.forDatabase(options(CACHING_ENTITIES)),
  ]);
  // Listening once, every request has the same Host: cached responses are keyed by the origin.
  beforeAll(() => app.app().listen(0, '127.0.0.1'));

  beforeAll(async () => {
    await app
      .app()
      .get(DataSource)
      .getRepository(CachedItem)
      .save([
        { name: 'one', price: 10 },
        { name: 'two', price: 20 },
      ]);
    for (const key of Object.keys(RUNS)) delete RUNS[key];
  });

  it('misses, then hits, with the same body, status headers, ETag and Last-Modified', async () => {
    const miss = await request(app.http()).get('/api/items/1').expect(200);
    expect(miss.headers['x-cache-status']).toBe('MISS');
    expect(miss.body).toEqual({ id: 1, name: 'one', price: 10, status: 'draft' });
    const hit = await request(app.http()).get('/api/items/1').expect(200);
    expect(hit.headers['x-cache-status']).toBe('HIT');
    expect(hit.body).toEqual(miss.body);
    // The stored JSON text is sent as it is: the very bytes and content type of the miss.
    expect(hit.text).toBe(miss.text);
    expect(hit.headers['content-type']).toBe(miss.headers['content-type']);
    expect(hit.headers['content-type']).toMatch(/application\/json/);
    expect(hit.headers['x-cached-at']).toBe(miss.headers['x-cached-at']);
    expect(Date.parse(hit.headers['x-cache-reset-at'] as string)).toBe(
      Date.parse(hit.headers['x-cached-at'] as string) + 300_000,
    );
    expect(hit.headers.etag).toBe(miss.headers.etag);
    expect(hit.headers.etag).toMatch(/^W\/"/);
    expect(hit.headers['last-modified']).toBe(
      new Date(miss.headers['x-cached-at'] as string).toUTCString(),
    );
  });

  it('answers a matching If-None-Match with 304 and no body', async () => {
    const first = await request(app.http()).get('/api/items/2').expect(200);
    const etag = first.headers.etag as string;
    const notModified = await request(app.http()).get('/api/items/2').set('If-None-Match', etag);
    expect(notModified.status).toBe(304);
    expect(notModified.text ?? '').toBe('');
    expect(notModified.headers.etag).toBe(etag);
    await request(app.http()).get('/api/items/2').set('If-None-Match', 'W/"other"').expect(200);
  });

  it('keys by query parameters, in any order', async () => {
    const a = await request(app.http()).get('/api/items?name=one&price=10').expect(200);
    expect(a.headers['x-cache-status']).toBe('MISS');
    const b = await request(app.http()).get('/api/items?price=10&name=one').expect(200);
    expect(b.headers['x-cache-status']).toBe('HIT');
    const c = await request(app.http()).get('/api/items?name=two').expect(200);
    expect(c.headers['x-cache-status']).toBe('MISS');
  });

  it('keys by route parameters', async () => {
    expect((await request(app.http()).get('/api/cached/things/a')).body.run).toBe(1);
    expect((await request(app.http()).get('/api/cached/things/a')).body.run).toBe(1);
    expect((await request(app.http()).get('/api/cached/things/b')).body.run).toBe(1);
  });

  it('keys by the checked origin, so absolute links of one host never reach another', async () => {
    const first = await request(app.http()).get('/api/items/1?origin=1').set('Host', 'a.localhost');
    expect(first.headers['x-cache-status']).toBe('MISS');
    const again = await request(app.http()).get('/api/items/1?origin=1').set('Host', 'a.localhost');
    expect(again.headers['x-cache-status']).toBe('HIT');
    const other = await request(app.http()).get('/api/items/1?origin=1').set('Host', 'b.localhost');
    expect(other.headers['x-cache-status']).toBe('MISS');
  });

  it('keeps per-user responses apart', async () => {
    const alice = await request(app.http()).get('/api/cached/me').set('X-Test-User', 'alice');
    const bob = await request(app.http()).get('/api/cached/me').set('X-Test-User', 'bob');
    const anonymous = await request(app.http()).get('/api/cached/me');
    expect([alice.body.user, bob.body.user, anonymous.body.user]).toEqual(['alice', 'bob', null]);
    expect([alice, bob, anonymous].map((r) => r.headers['x-cache-status'])).toEqual([
      'MISS',
      'MISS',
      'MISS',
    ]);
    const aliceAgain = await request(app.http()).get('/api/cached/me').set('X-Test-User', 'alice');
    expect(aliceAgain.headers['x-cache-status']).toBe('HIT');
    expect(aliceAgain.body).toEqual(alice.body);
  });

  it('still checks permissions on a hit, and sets Cache-Control from the TTL', async () => {
    const member = await request(app.http()).get('/api/cached/members').set('X-Test-User', 'alice');
    expect(member.status).toBe(200);
    expect(member.headers['cache-control']).toMatch(/^public, max-age=1(19|20)$/);
    const hit = await request(app.http()).get('/api/cached/members').set('X-Test-User', 'bob');
    expect(hit.headers['x-cache-status']).toBe('HIT');
    const anonymous = await request(app.http()).get('/api/cached/members');
    expect([401, 403]).toContain(anonymous.status);
    expect(anonymous.body.members).toBeUndefined();
  });

  it('never caches errors or writes', async () => {
    await request(app.http()).get('/api/items/999').expect(404);
    const again = await request(app.http()).get('/api/items/999').expect(404);
    expect(again.headers['x-cache-status']).toBeUndefined();
    const created = await request(app.http()).post('/api/items').send({ name: 'three', price: 3 });
    expect(created.status).toBe(201);
    expect(created.headers['x-cache-status']).toBeUndefined();
  });

  it('replays a text body as text, with the content type of the miss', async () => {
    const miss = await request(app.http()).get('/api/cached/greeting').expect(200);
    const hit = await request(app.http()).get('/api/cached/greeting').expect(200);
    expect(miss.headers['x-cache-status']).toBe('MISS');
    expect(hit.headers['x-cache-status']).toBe('HIT');
    expect(hit.text).toBe('hello 1');
    expect(hit.text).toBe(miss.text);
    expect(hit.headers['content-type']).toBe(miss.headers['content-type']);
  });

  it('a cached function over HTTP: MISS, HIT, REFRESH, BYPASS and STALE', async () => {
    const get = async (mode = '') =>
      (await request(app.http()).get(`/api/cached/quotes/${adapter}${mode}`).expect(200)).body as {
        value: number;
        status: string;
      };
    expect(await get()).toEqual({ value: 1, status: 'MISS' });
    expect(await get()).toEqual({ value: 1, status: 'HIT' });
    expect(await get('?mode=refresh')).toEqual({ value: 2, status: 'REFRESH' });
    expect(await get()).toEqual({ value: 2, status: 'HIT' });
    expect(await get('?mode=bypass')).toEqual({ value: 3, status: 'BYPASS' });
    expect(await get()).toEqual({ value: 2, status: 'HIT' }); // a bypass writes nothing
    await new Promise((resolve) => setTimeout(resolve, 2100)); // past the 2 s TTL
    expect(await get()).toEqual({ value: 2, status: 'STALE' }); // and one refresh starts
    let after = await get();
    for (let i = 0; i < 50 && after.status !== 'HIT'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      after = await get();
    }
    expect(after).toEqual({ value: 4, status: 'HIT' });
  });

  it('answers HEAD from the same entry', async () => {
    await request(app.http()).get('/api/cached/things/h').expect(200);
    const head = await request(app.http()).head('/api/cached/things/h').expect(200);
    expect(head.headers['x-cache-status']).toBe('HIT');
  });
});
