import { Logger } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DataSource, DataSourceOptions } from 'typeorm';
import type { SqljsDataSourceOptions } from 'typeorm/driver/sqljs/SqljsDataSourceOptions';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { SnapshotFileWriter } from './snapshot-file.writer';
import { withSessionLock } from './serialize-transactions.util';
import { readSqliteFile } from './sqlite-file.util';

/**
 * Options of {@link durableSqlJs}: TypeORM's sql.js options, with the file handled for you.
 *
 * @example
 * ```ts
 * const options: DurableSqlJsOptions = { location: 'data/app.sqlite', entities, synchronize: true };
 * TypeOrmModule.forRootAsync({ useFactory: () => durableSqlJs(options) });
 * ```
 * @publicApi
 */
export interface DurableSqlJsOptions extends Omit<
  SqljsDataSourceOptions,
  'type' | 'location' | 'database' | 'autoSave' | 'autoSaveCallback' | 'useLocalForage'
> {
  /**
   * The database file, absolute or relative to the working directory. Created (with its folder)
   * on the first save when missing.
   */
  location: string;
}

const WRITER = Symbol('restflow:durable-sql-js-writer');
const OWN_OPTIONS = ['database', 'autoSave', 'autoSaveCallback', 'useLocalForage'] as const;

/**
 * TypeORM options for a sql.js database kept in a file that survives crashes, for
 * `TypeOrmModule.forRoot()` or `new DataSource()`. Use it instead of
 * `{ type: 'sqljs', location, autoSave: true }`, whose saves rewrite the file in place and can
 * leave it empty when the process is killed mid-save.
 *
 * - Every save writes a temporary file (`<location>.tmp`), flushes it to disk and renames it over
 *   the database file, so the file is always the last complete save. Saves run one at a time in
 *   commit order; saves that pile up are coalesced into one of the latest snapshot.
 * - A write is on disk once the save that follows it completes (within milliseconds): a crash
 *   loses at most the writes since the last completed save. With `RestflowModule` imported and
 *   `app.enableShutdownHooks()`, a clean shutdown saves after the HTTP server has finished its
 *   requests, so no acknowledged write is lost.
 * - On start, a file that is not a whole SQLite database (empty, another format, cut short) is
 *   refused with a {@link RestflowConfigError} naming it, before anything is read or seeded. A
 *   leftover temporary file is deleted.
 *
 * The file is read when this function is called. Two processes must not share one file.
 *
 * @throws {RestflowConfigError} for an unusable file (see above) or a TypeORM sql.js option this
 * helper sets itself (`database`, `autoSave`, `autoSaveCallback`, `useLocalForage`).
 * @example
 * ```ts
 * TypeOrmModule.forRootAsync({
 *   useFactory: () => durableSqlJs({ location: 'data/app.sqlite', entities, synchronize: true }),
 * });
 * // A damaged file stops the boot:
 * // RestflowConfigError: Refusing to open the sql.js database file "/srv/data/app.sqlite": it is
 * // empty (0 bytes). Nothing was read from it or written over it. Fix: restore the file from a
 * // backup, or move it away to start with a new, empty database.
 * ```
 * @publicApi
 */
export function durableSqlJs(options: DurableSqlJsOptions): SqljsDataSourceOptions {
  const { location: given, ...rest } = options;
  if (typeof given !== 'string' || given.trim() === '') {
    throw new RestflowConfigError(
      'durableSqlJs.location',
      `durableSqlJs() needs "location", the database file; got ${JSON.stringify(given)}. ` +
        'Fix: pass a path such as "data/app.sqlite".',
    );
  }
  for (const name of OWN_OPTIONS) {
    if (name in rest) {
      throw new RestflowConfigError(
        `durableSqlJs.${name}`,
        `durableSqlJs() sets the sql.js option "${name}" itself. Fix: remove it.`,
      );
    }
  }
  const location = resolve(given);
  const database = readSqliteFile(location);
  mkdirSync(dirname(location), { recursive: true });
  const logger = new Logger('DurableSqlJs');
  const writer = new SnapshotFileWriter(location, (error) =>
    logger.error(
      `Could not save the database to "${location}"; retrying with the next write: ${String(error)}`,
    ),
  );
  // TypeORM calls it (and awaits it) after every write outside a transaction and after every
  // commit, with a fresh export: queueing it keeps commit order without holding the commit.
  const autoSaveCallback = (snapshot: Uint8Array) => writer.save(snapshot);
  Object.defineProperty(autoSaveCallback, WRITER, { value: writer });
  return { ...rest, type: 'sqljs', database, autoSave: true, autoSaveCallback };
}

/**
 * The file writer behind options made by {@link durableSqlJs}, or `undefined` for other options.
 *
 * @internal
 */
export function durableSqlJsWriterOf(
  options: DataSourceOptions,
): Pick<SnapshotFileWriter, 'flush' | 'location' | 'save'> | undefined {
  if (options.type !== 'sqljs') {
    return undefined;
  }
  const callback = options.autoSaveCallback as { [WRITER]?: SnapshotFileWriter } | undefined;
  return callback?.[WRITER];
}

/**
 * Saves the current state of a {@link durableSqlJs} data source and waits until it is on disk;
 * does nothing for other data sources. It takes a fresh snapshot while no transaction is open
 * (the data source must still be initialised for that), then waits for the saves in progress.
 * `RestflowModule` calls it on application shutdown and before the data source is destroyed;
 * call it yourself before exiting when you run the data source outside Nest.
 *
 * @example
 * ```ts
 * await flushDurableSqlJs(dataSource);
 * await dataSource.destroy();
 * ```
 * @publicApi
 */
export async function flushDurableSqlJs(dataSource: DataSource): Promise<void> {
  const writer = durableSqlJsWriterOf(dataSource.options);
  if (!writer) {
    return;
  }
  if (dataSource.isInitialized) {
    const driver = dataSource.driver as unknown as { export(): Uint8Array };
    // Holding the session lock: sql.js cannot export in the middle of a write transaction.
    await withSessionLock(dataSource, () => {
      writer.save(driver.export());
      return Promise.resolve();
    });
  }
  await writer.flush();
}
