import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { durableSqlJs, flushDurableSqlJs } from './durable-sql-js';
import { SnapshotFileWriter } from './snapshot-file.writer';
import { readSqliteFile, sqliteFileProblem } from './sqlite-file.util';

describe('durable sql.js files', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'restflow-durable-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  /** A real SQLite file made by sql.js through durableSqlJs(), with one table and `rows` rows. */
  async function makeDatabase(location: string, rows: number): Promise<Buffer> {
    const dataSource = await new DataSource(durableSqlJs({ location })).initialize();
    await dataSource.query('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    for (let index = 0; index < rows; index += 1) {
      await dataSource.query('INSERT INTO t (v) VALUES (?)', ['x'.repeat(200)]);
    }
    await flushDurableSqlJs(dataSource);
    await dataSource.destroy();
    return readFileSync(location);
  }

  it('saves every write and reopens the file with its rows', async () => {
    const location = join(folder, 'nested', 'db.sqlite');
    await makeDatabase(location, 30);
    const reopened = await new DataSource(durableSqlJs({ location })).initialize();
    expect(await reopened.query('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 30 }]);
    await reopened.destroy();
    expect(existsSync(`${location}.tmp`)).toBe(false);
  });

  it('writes the latest of coalesced snapshots last', async () => {
    const location = join(folder, 'snapshots.bin');
    const writer = new SnapshotFileWriter(location, () => undefined);
    for (let index = 0; index < 50; index += 1) {
      writer.save(new Uint8Array([index]));
    }
    await writer.flush();
    expect([...readFileSync(location)]).toEqual([49]);
  });

  it('reports a failed save, keeps the snapshot, and writes it once the save can succeed', async () => {
    const location = join(folder, 'missing', 'snapshot.bin');
    const errors: unknown[] = [];
    const writer = new SnapshotFileWriter(location, (error) => errors.push(error));
    writer.save(new Uint8Array([7]));
    await expect(writer.flush()).rejects.toThrow(/ENOENT/);
    expect(errors.length).toBeGreaterThan(0);
    mkdirSync(join(folder, 'missing'));
    await writer.flush();
    expect([...readFileSync(location)]).toEqual([7]);
  });

  it('deletes a leftover temporary file and reads the last complete save', async () => {
    const location = join(folder, 'db.sqlite');
    const saved = await makeDatabase(location, 3);
    writeFileSync(`${location}.tmp`, saved.subarray(0, 100));
    expect(Buffer.from(readSqliteFile(location) ?? [])).toEqual(saved);
    expect(existsSync(`${location}.tmp`)).toBe(false);
  });

  it('tells a damaged file apart from a whole one', async () => {
    const saved = await makeDatabase(join(folder, 'db.sqlite'), 40);
    expect(saved.length).toBeGreaterThan(4096);
    expect(sqliteFileProblem(saved)).toBeUndefined();
    expect(sqliteFileProblem(new Uint8Array())).toMatch(/not an SQLite database \(0 bytes/);
    expect(sqliteFileProblem(Buffer.from('hello'))).toMatch(/not an SQLite database/);
    expect(sqliteFileProblem(saved.subarray(0, saved.length - 100))).toMatch(/cut short/);
    expect(sqliteFileProblem(saved.subarray(0, 4096))).toMatch(/the header says/);
  });

  it('refuses to open an empty file, naming it, and leaves it as it was', () => {
    const location = join(folder, 'empty.sqlite');
    writeFileSync(location, '');
    expect(() => durableSqlJs({ location })).toThrow(RestflowConfigError);
    expect(() => durableSqlJs({ location })).toThrow(
      `Refusing to open the sql.js database file "${location}": it is empty (0 bytes).`,
    );
    expect(readFileSync(location).length).toBe(0);
  });

  it('refuses the sql.js options it sets itself', () => {
    const location = join(folder, 'db.sqlite');
    expect(() => durableSqlJs({ location, autoSave: false } as never)).toThrow(
      'durableSqlJs() sets the sql.js option "autoSave" itself. Fix: remove it.',
    );
    expect(() => durableSqlJs({ location: ' ' })).toThrow(/needs "location"/);
  });
});
