import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { serializeTransactions } from 'nestjs-restflow';
import { DataSource } from 'typeorm';
import { LedgerEntry } from './fixtures/transactions/ledger-entry.entity';
import { FAILING_PREFIX } from './fixtures/transactions/ledger.viewset';
import {
  TRANSACTIONS_ENTITIES,
  TransactionsModule,
} from './fixtures/transactions/transactions.module';
import { ADAPTERS } from './utils/adapters';
import { useTestApp, useTestDatabase } from './utils/e2e-hooks';

/** Booking name → the legs stored for it. */
async function legsByBooking(dataSource: DataSource): Promise<Map<string, number[]>> {
  const rows = await dataSource.getRepository(LedgerEntry).find({ order: { id: 'ASC' } });
  const legs = new Map<string, number[]>();
  for (const row of rows) {
    legs.set(row.booking, [...(legs.get(row.booking) ?? []), row.leg]);
  }
  return legs;
}

describe('serialized transactions on sql.js', () => {
  const database = useTestDatabase('sqljs');

  describe.each(ADAPTERS)('over %s', (adapterName) => {
    const handle = useTestApp(adapterName, database, (options) => [
      TransactionsModule.forDatabase(options(TRANSACTIONS_ENTITIES)),
    ]);

    it('keeps 50 concurrent creates that await I/O isolated: 49 commit both legs, the failing one leaves nothing', async () => {
      const dataSource = handle.app().get(DataSource);
      const bookings = Array.from({ length: 50 }, (_, index) =>
        index === 17 ? `${FAILING_PREFIX}-${adapterName}` : `b${index}-${adapterName}`,
      );
      const http = handle.http();
      // Started together: each request's transaction awaits a timer between its two writes.
      const responses = await Promise.all(
        bookings.map((booking) => request(http).post('/ledger').send({ booking, leg: 1 })),
      );
      const statuses = new Map(
        bookings.map((booking, index) => [booking, responses[index]?.status]),
      );
      const legs = await legsByBooking(dataSource);
      for (const booking of bookings) {
        if (booking.startsWith(FAILING_PREFIX)) {
          expect([booking, statuses.get(booking)]).toEqual([booking, 409]);
          expect([booking, legs.get(booking)]).toEqual([booking, undefined]);
        } else {
          expect([booking, statuses.get(booking)]).toEqual([booking, 201]);
          expect([booking, legs.get(booking)]).toEqual([booking, [1, 2]]);
        }
      }
    });
  });
});

describe('serializeTransactions() on a bare sql.js DataSource', () => {
  let dataSource: DataSource;

  beforeEach(async () => {
    dataSource = await new DataSource({
      type: 'sqljs',
      entities: TRANSACTIONS_ENTITIES,
      synchronize: true,
    }).initialize();
    expect(serializeTransactions(dataSource)).toBe(true);
  });
  afterEach(() => dataSource.destroy());

  const entries = () => dataSource.getRepository(LedgerEntry);

  it('makes a second DataSource.transaction wait until the first rolls back, keeping its own commit', async () => {
    const order: string[] = [];
    const failing = dataSource
      .transaction(async (manager) => {
        await manager.save(LedgerEntry, { booking: 'a', leg: 1 });
        order.push('a wrote');
        await sleep(30);
        throw new Error('a fails');
      })
      .catch((error: Error) => error.message);
    const committing = dataSource.transaction(async (manager) => {
      order.push('b began');
      await manager.save(LedgerEntry, { booking: 'b', leg: 1 });
    });
    expect(await failing).toBe('a fails');
    await committing;
    expect(order).toEqual(['a wrote', 'b began']);
    expect(await entries().find({ select: { booking: true } })).toEqual([{ booking: 'b' }]);
  });

  it('serializes QueryRunner.startTransaction and keeps other requests’ save() out of an open transaction', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    await runner.manager.save(LedgerEntry, { booking: 'runner', leg: 1 });
    // Another request's plain save() and read wait for the transaction instead of joining it.
    let saved = false;
    const outside = entries()
      .save({ booking: 'outside', leg: 1 })
      .then(() => (saved = true));
    const read = entries().count();
    const second = dataSource.createQueryRunner();
    const secondBegan = second.startTransaction();
    await sleep(30);
    expect(saved).toBe(false);
    await runner.rollbackTransaction();
    await runner.release();
    expect(await read).toBe(0);
    // The second transaction was queued before the save's implicit one: it goes first.
    await secondBegan;
    await second.manager.save(LedgerEntry, { booking: 'second', leg: 1 });
    expect(saved).toBe(false);
    await second.commitTransaction();
    await second.release();
    await outside;
    const stored = await entries().find({ order: { booking: 'ASC' } });
    expect(stored.map((entry) => entry.booking)).toEqual(['outside', 'second']);
  });

  it('lets a transaction callback query through any manager and nest transactions without waiting for itself', async () => {
    await dataSource.transaction(async (manager) => {
      await manager.save(LedgerEntry, { booking: 'outer', leg: 1 });
      // The repository's own manager, not the transaction's: same async context, so it passes
      // (and, sharing the one session, sees the uncommitted row).
      expect(await entries().count()).toBe(1);
      await manager
        .transaction(async (inner) => {
          await inner.save(LedgerEntry, { booking: 'inner', leg: 1 });
          throw new Error('inner fails');
        })
        .catch(() => undefined);
      await dataSource.transaction((again) =>
        again.save(LedgerEntry, { booking: 'again', leg: 1 }),
      );
    });
    const stored = await entries().find({ order: { id: 'ASC' } });
    expect(stored.map((entry) => entry.booking)).toEqual(['outer', 'again']);
  });
});
