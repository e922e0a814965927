import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { serializeTransactions, ServiceUnavailable } from 'nestjs-restflow';
import { DataSource } from 'typeorm';
import { LedgerEntry } from './fixtures/transactions/ledger-entry.entity';
import { FAILING_PREFIX } from './fixtures/transactions/ledger.viewset';
import {
  TRANSACTIONS_ENTITIES,
  TransactionsModule,
} from './fixtures/transactions/transactions.module';
import { ADAPTERS, createTestApp } from './utils/adapters';
import { useTestApp, useTestDatabase } from './utils/e2e-hooks';
import {
  createPostgresTestDatabase,
  postgresTestDatabases,
  type PostgresTestDatabase,
} from './utils/pglite';

/** Booking name → the legs stored for it. */
async function legsByBooking(dataSource: DataSource): Promise<Map<string, number[]>> {
  const rows = await dataSource.getRepository(LedgerEntry).find({ order: { id: 'ASC' } });
  const legs = new Map<string, number[]>();
  for (const row of rows) {
    legs.set(row.booking, [...(legs.get(row.booking) ?? []), row.leg]);
  }
  return legs;
}

/**
 * 50 concurrent creates whose `performCreate` writes a leg, awaits a timer inside the transaction
 * and writes the second leg; the 18th throws after its first leg.
 */
async function createFiftyBookings(app: INestApplication, label: string): Promise<void> {
  const dataSource = app.get(DataSource);
  const bookings = Array.from({ length: 50 }, (_, index) =>
    index === 17 ? `${FAILING_PREFIX}-${label}` : `b${index}-${label}`,
  );
  const http = app.getHttpServer() as Parameters<typeof request>[0];
  const responses = await Promise.all(
    bookings.map((booking) => request(http).post('/ledger').send({ booking, leg: 1 })),
  );
  const statuses = new Map(bookings.map((booking, index) => [booking, responses[index]?.status]));
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
}

describe('serialized transactions on sql.js', () => {
  const database = useTestDatabase('sqljs');

  describe.each(ADAPTERS)('over %s', (adapterName) => {
    const handle = useTestApp(adapterName, database, (options) => [
      TransactionsModule.forDatabase(options(TRANSACTIONS_ENTITIES)),
    ]);

    it('keeps 50 concurrent creates that await I/O isolated: 49 commit both legs, the failing one leaves nothing', () =>
      createFiftyBookings(handle.app(), adapterName));
  });
});

// PGlite in `npm test` (one session, serialized by the library); PostgreSQL in test:services.
describe.each(postgresTestDatabases())('serialized transactions on %s', (databaseName) => {
  let database: PostgresTestDatabase | undefined;
  // PGlite's initdb takes seconds, more on a busy machine.
  beforeAll(async () => {
    database = await createPostgresTestDatabase(databaseName);
  });
  afterAll(() => database?.drop());

  describe.each(ADAPTERS)('over %s', (adapterName) => {
    let app: INestApplication | undefined;
    beforeAll(async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [TransactionsModule.forDatabase(database!.options(TRANSACTIONS_ENTITIES))],
      }).compile();
      app = await createTestApp(moduleRef, adapterName);
    }, 120_000);
    afterAll(() => app?.close());

    it('keeps 50 concurrent creates that await I/O isolated: 49 commit both legs, the failing one leaves nothing', () =>
      createFiftyBookings(app!, `${databaseName}-${adapterName}`));
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

describe('serializeTransactions() wait bound', () => {
  it('fails a query that waits longer than lockTimeoutMs with 503 service_unavailable; the open transaction commits', async () => {
    const dataSource = await new DataSource({
      type: 'sqljs',
      entities: TRANSACTIONS_ENTITIES,
      synchronize: true,
    }).initialize();
    try {
      expect(serializeTransactions(dataSource, { lockTimeoutMs: 50 })).toBe(true);
      const entries = dataSource.getRepository(LedgerEntry);
      const slow = dataSource.transaction(async (manager) => {
        await manager.save(LedgerEntry, { booking: 'slow', leg: 1 });
        await sleep(200);
      });
      await sleep(5);
      const waited = await entries.count().catch((error: unknown) => error);
      expect(waited).toBeInstanceOf(ServiceUnavailable);
      expect((waited as ServiceUnavailable).getStatus()).toBe(503);
      await slow;
      expect(await entries.count()).toBe(1);
    } finally {
      await dataSource.destroy();
    }
  });

  it('refuses a lockTimeoutMs that is not a positive integer, naming it', () => {
    const dataSource = new DataSource({ type: 'sqljs' });
    expect(() => serializeTransactions(dataSource, { lockTimeoutMs: 0 })).toThrow(
      'serializeTransactions() option "lockTimeoutMs" is 0. Fix: use a positive whole number',
    );
  });
});
