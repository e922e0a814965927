import { readFileSync, rmSync, statSync } from 'node:fs';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { temporaryFileOf } from './snapshot-file.writer';

const HEADER = 'SQLite format 3\u0000';

/**
 * Reads the SQLite database file at `location` for sql.js, or returns `undefined` when there is
 * none (a new database). A leftover temporary file of a save that was killed is deleted: the
 * database file itself is always the last complete save.
 *
 * @throws {RestflowConfigError} when the file exists but is not a whole SQLite database (empty,
 * another format, cut short, unreadable), naming the file and the fix. The application then never
 * starts on it, so nothing is seeded over it.
 * @internal
 */
export function readSqliteFile(location: string): Uint8Array | undefined {
  rmSync(temporaryFileOf(location), { force: true });
  let size: number;
  try {
    const stats = statSync(location);
    if (!stats.isFile()) {
      refuse(location, 'it is not a regular file');
    }
    size = stats.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    if (error instanceof RestflowConfigError) {
      throw error;
    }
    refuse(location, `it cannot be read (${(error as Error).message})`);
  }
  if (size === 0) {
    refuse(location, 'it is empty (0 bytes)');
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(location);
  } catch (error) {
    refuse(location, `it cannot be read (${(error as Error).message})`);
  }
  const problem = sqliteFileProblem(bytes);
  if (problem) {
    refuse(location, problem);
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Why `bytes` is not a whole SQLite database file, or `undefined` when it looks like one. */
export function sqliteFileProblem(bytes: Uint8Array): string | undefined {
  if (bytes.length < 100 || Buffer.from(bytes.subarray(0, 16)).toString('latin1') !== HEADER) {
    return `it is not an SQLite database (${bytes.length} bytes without the "SQLite format 3" header)`;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    return `its header is damaged (page size ${rawPageSize})`;
  }
  if (bytes.length % pageSize !== 0) {
    return `it is cut short (${bytes.length} bytes is not a whole number of ${pageSize}-byte pages)`;
  }
  // The page count in the header is valid when its "version-valid-for" matches the change counter.
  const pages = view.getUint32(28);
  if (view.getUint32(92) === view.getUint32(24) && pages * pageSize > bytes.length) {
    return `it is cut short (${bytes.length} bytes, the header says ${pages * pageSize})`;
  }
  return undefined;
}

function refuse(location: string, reason: string): never {
  throw new RestflowConfigError(
    'durableSqlJs.location',
    `Refusing to open the sql.js database file "${location}": ${reason}. Nothing was read from ` +
      'it or written over it. Fix: restore the file from a backup, or move it away to start with ' +
      'a new, empty database.',
  );
}
