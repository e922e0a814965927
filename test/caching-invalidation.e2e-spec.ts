import request from 'supertest';
import { DataSource } from 'typeorm';
import { cachedMethod, drainBackgroundInvalidations } from 'nestjs-restflow';
import { ADAPTERS } from './utils/adapters';
import { testDatabases } from './utils/databases';
import { useTestApp, useTestDatabase } from './utils/e2e-hooks';
import { CachedItem } from './fixtures/caching/cached-item.entity';
import { CachedItemService } from './fixtures/caching/cached-item.service';
import {
  DispatchedItemService,
  RecordingDispatcher,
} from './fixtures/caching/dispatched-item.service';
import { CACHING_ENTITIES, CachingModule } from './fixtures/caching/caching.module';

describe.each(ADAPTERS)('cache invalidation (%s)', (adapter) => {
  const database = useTestDatabase('sqljs');
  const app = useTestApp(adapter, database, (options) => [
    CachingModule.forDatabase(options(CACHING_ENTITIES)),
  ]);
  // Listening once, every request has the same Host: cached responses are keyed by the origin.
  beforeAll(() => app.app().listen(0, '127.0.0.1'));
  const items = () => app.app().get(DataSource).getRepository(CachedItem);
  const service = () => app.app().get(CachedItemService);

  beforeAll(async () => {
    await items().save([
      { name: 'one', price: 10 },
      { name: 'two', price: 20, status: 'published' },
      { name: 'three', price: 30 },
    ]);
  });

  it('an update through the API makes the next GET a MISS with the new data', async () => {
    await request(app.http()).get('/api/items/1').expect(200);
    expect((await request(app.http()).get('/api/items/1')).headers['x-cache-status']).toBe('HIT');
    await request(app.http()).patch('/api/items/1').send({ name: 'uno' }).expect(200);
    const after = await request(app.http()).get('/api/items/1').expect(200);
    expect(after.headers['x-cache-status']).toBe('MISS');
    expect(after.body.name).toBe('uno');
  });

  it('a rolled-back update leaves the cache intact', async () => {
    expect((await service().detail(3))?.name).toBe('three');
    await expect(
      app
        .app()
        .get(DataSource)
        .transaction(async (manager) => {
          const item = await manager.findOneByOrFail(CachedItem, { id: 3 });
          item.name = 'rolled back';
          await manager.save(item);
          throw new Error('abort');
        }),
    ).rejects.toThrow('abort');
    expect((await service().detail(3))?.name).toBe('three');
    await request(app.http()).get('/api/items/3').expect(200);
    expect((await request(app.http()).get('/api/items/3')).headers['x-cache-status']).toBe('HIT');
  });

  it('a committed transaction invalidates after its commit', async () => {
    expect((await service().detail(3))?.name).toBe('three');
    await app
      .app()
      .get(DataSource)
      .transaction(async (manager) => {
        const item = await manager.findOneByOrFail(CachedItem, { id: 3 });
        item.name = 'tres';
        await manager.save(item);
      });
    expect((await service().detail(3))?.name).toBe('tres');
  });

  it('watchFields: only a change of a watched field invalidates', async () => {
    expect(await service().price(2)).toBe(20);
    const item = await items().findOneByOrFail({ id: 2 });
    item.name = 'two renamed';
    await items().save(item);
    await items().update({ id: 2 }, { price: 21 });
    // the query-builder update above invalidates the whole function (no entity loaded)
    expect(await service().price(2)).toBe(21);
    const [, hit] = await cachedMethod(service(), 'price').getWithMetadata(2);
    expect(hit?.cacheStatus).toBe('HIT');
    const again = await items().findOneByOrFail({ id: 2 });
    again.name = 'two again';
    await items().save(again);
    expect((await cachedMethod(service(), 'price').getWithMetadata(2))[1]?.cacheStatus).toBe('HIT');
    again.price = 22;
    await items().save(again);
    expect(await cachedMethod(service(), 'price').getWithMetadata(2)).toEqual([
      22,
      expect.objectContaining({ cacheStatus: 'MISS' }),
    ]);
  });

  it('invalidateWhen: drafts do not invalidate, other statuses do', async () => {
    expect(await service().name(1)).toBe('uno');
    const draft = await items().findOneByOrFail({ id: 1 });
    draft.name = 'draft rename';
    await items().save(draft);
    expect(await service().name(1)).toBe('uno');
    draft.status = 'published';
    draft.name = 'published name';
    await items().save(draft);
    expect(await service().name(1)).toBe('published name');
  });

  it('inserts invalidate rules with triggerOnCreate only; removes invalidate', async () => {
    expect(await service().count()).toBe(3);
    await request(app.http()).get('/api/items').expect(200);
    await items().save({ name: 'four', price: 40 });
    expect(await service().count()).toBe(4);
    expect((await request(app.http()).get('/api/items')).headers['x-cache-status']).toBe('MISS');
    expect((await service().detail(4))?.name).toBe('four');
    await request(app.http()).delete('/api/items/4').expect(204);
    expect(await service().detail(4)).toBeNull();
    expect(await service().count()).toBe(3);
  });

  it('rewarm recomputes in the background instead of deleting', async () => {
    expect(await service().summary(3)).toBe('tres:30');
    const item = await items().findOneByOrFail({ id: 3 });
    item.price = 33;
    await items().save(item);
    await drainBackgroundInvalidations();
    const [value, meta] = await cachedMethod(service(), 'summary').getWithMetadata(3);
    expect([value, meta?.cacheStatus]).toEqual(['tres:33', 'HIT']);
  });

  it('runs a rule through a custom dispatcher registered by name, with its config', async () => {
    const audit = cachedMethod(app.app().get(DispatchedItemService), 'audit');
    RecordingDispatcher.jobs.length = 0;
    await audit(1);
    expect((await audit.getWithMetadata(1))[1]?.cacheStatus).toBe('HIT');
    const item = await items().findOneByOrFail({ id: 1 });
    item.status = 'audited';
    await items().save(item);
    expect(RecordingDispatcher.jobs).toEqual([
      {
        job: expect.objectContaining({
          targetId: 'DispatchedItemService.audit',
          action: 'delete',
          values: { itemId: 1 },
          change: 'update',
        }) as unknown,
        config: { tag: 'audit' },
      },
    ]);
    const [value, meta] = await audit.getWithMetadata(1);
    expect([value, meta?.cacheStatus]).toEqual(['audited', 'MISS']);
  });

  it('raiseException: the error of the work reaches the writer, after the commit', async () => {
    const item = await items().findOneByOrFail({ id: 2 });
    item.status = 'explode';
    await expect(items().save(item)).rejects.toThrow('the invalidation failed');
    expect((await items().findOneByOrFail({ id: 2 })).status).toBe('explode');
    // Committed inside a transaction too: the commit stands, and then the writer hears it.
    await expect(
      app
        .app()
        .get(DataSource)
        .transaction(async (manager) => {
          await manager.save(CachedItem, { id: 2, name: 'dos', price: 20, status: 'explode' });
        }),
    ).rejects.toThrow('the invalidation failed');
    expect((await items().findOneByOrFail({ id: 2 })).name).toBe('dos');
  });
});

// On a server database a create through the API is one INSERT without a transaction: its
// invalidations must run as they do after a commit.
describe.each(testDatabases())('cache invalidation of an API create on %s', (databaseName) => {
  const database = useTestDatabase(databaseName);
  describe.each(ADAPTERS)('over %s', (adapter) => {
    const app = useTestApp(adapter, database, (options) => [
      CachingModule.forDatabase(options(CACHING_ENTITIES)),
    ]);
    beforeAll(() => app.app().listen(0, '127.0.0.1'));

    it('a POST makes the next GET of the list a MISS that shows the new row', async () => {
      await request(app.http()).get('/api/items').expect(200);
      expect((await request(app.http()).get('/api/items')).headers['x-cache-status']).toBe('HIT');
      const created = await request(app.http())
        .post('/api/items')
        .send({ name: 'new', price: 5 })
        .expect(201);
      const after = await request(app.http()).get('/api/items').expect(200);
      expect(after.headers['x-cache-status']).toBe('MISS');
      expect(JSON.stringify(after.body)).toContain(`"id":${created.body.id}`);
    });
  });
});
