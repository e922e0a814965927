import { EntityNotFoundError, QueryFailedError, type DataSource } from 'typeorm';
import type { APIException } from './api.exception';
import { isDatabaseUnavailableError } from './database-unavailable';
import { Conflict, NotFound, ServiceUnavailable, ValidationFailed } from './standard.exceptions';

/** The message of a 503 for a database that is down or too slow: no driver internals. */
const DATABASE_UNAVAILABLE = 'The database is not available.';

/** The parts of pg, mysql2 and sql.js driver errors that identify a constraint violation. */
interface DriverError {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
  detail?: unknown;
  table?: unknown;
}

type Violation = {
  kind: 'unique' | 'missing-reference' | 'still-referenced' | 'foreign-key';
  table?: string;
  columns?: string[];
  key?: string;
};

/**
 * The message of a 400 for a value the database refused as input (a safety net: serializers and
 * filter sets validate values before they reach SQL).
 */
const DATABASE_REFUSED_VALUE = 'A value does not fit its database column.';

/**
 * PostgreSQL data exceptions (SQLSTATE class 22) caused by a value: invalid text for the type
 * (22P02: `'abc'` for an integer), a number out of range (22003), a bad date/time (22007,
 * 22008), a string too long (22001), a byte the encoding cannot hold (22021: NUL, 22P05).
 */
const POSTGRES_REFUSED_VALUE = new Set([
  '22P02',
  '22003',
  '22007',
  '22008',
  '22001',
  '22021',
  '22P05',
]);
/**
 * MySQL/MariaDB (strict mode) refusing a value: incorrect value for the column (1366), out of
 * range (1264), incorrect date/time (1292), data too long (1406), data truncated (1265).
 */
const MYSQL_REFUSED_VALUE = new Set([1366, 1264, 1292, 1406, 1265]);

const MYSQL_DUPLICATE = 1062;
const MYSQL_MISSING_REFERENCE = [1216, 1452];
const MYSQL_STILL_REFERENCED = [1217, 1451];

/**
 * Maps TypeORM and driver failures to envelope exceptions: `EntityNotFoundError` becomes 404,
 * unique and foreign-key violations become 409 `conflict` on SQLite (sql.js), PostgreSQL (pg,
 * PGlite) and MySQL/MariaDB, a value the database refuses as input (PostgreSQL's `22P02`
 * invalid text representation, `22003` out of range, ...; MySQL/MariaDB's strict-mode 1366,
 * 1264, ...) becomes 400 `validation_error` ({@link DATABASE_REFUSED_VALUE} under the non-field
 * key; the driver error is the logged cause only), and a database that refuses, drops or times out connections or
 * queries becomes 503 `service_unavailable` ("The database is not available.", the driver error
 * kept as the logged cause only). Returns `undefined` for anything else, which is a server fault.
 *
 * @param dataSource used, when given, to name the entity and fields in the message.
 * @internal
 */
export function toDatabaseException(
  error: unknown,
  dataSource?: DataSource,
): APIException | undefined {
  if (error instanceof EntityNotFoundError) {
    return new NotFound({ cause: error });
  }
  if (isDatabaseUnavailableError(error)) {
    return new ServiceUnavailable({ message: DATABASE_UNAVAILABLE, cause: error });
  }
  if (!(error instanceof QueryFailedError)) {
    return undefined;
  }
  const driverError = (error.driverError ?? {}) as DriverError;
  if (
    (typeof driverError.code === 'string' && POSTGRES_REFUSED_VALUE.has(driverError.code)) ||
    (typeof driverError.errno === 'number' && MYSQL_REFUSED_VALUE.has(driverError.errno))
  ) {
    return new ValidationFailed({ message: DATABASE_REFUSED_VALUE, cause: error });
  }
  const violation = classify(driverError);
  if (!violation) {
    return undefined;
  }
  const target = describeTarget(violation, dataSource);
  const details = target.fields.length ? { fields: target.fields } : {};
  return new Conflict({ message: conflictMessage(violation, target), details, cause: error });
}

function classify(driverError: DriverError): Violation | undefined {
  const message = typeof driverError.message === 'string' ? driverError.message : '';
  const detail = typeof driverError.detail === 'string' ? driverError.detail : '';
  const table = typeof driverError.table === 'string' ? driverError.table : undefined;
  // PostgreSQL and PGlite: SQLSTATE codes, columns in `detail`.
  if (driverError.code === '23505') {
    return { kind: 'unique', table, columns: keyColumns(detail) };
  }
  if (driverError.code === '23503') {
    const kind = /still referenced/.test(detail) ? 'still-referenced' : 'missing-reference';
    return { kind, table, columns: kind === 'missing-reference' ? keyColumns(detail) : [] };
  }
  // MySQL and MariaDB: errno, the unique key's name in the message.
  if (driverError.errno === MYSQL_DUPLICATE) {
    const key = /for key '(?:[^'.]+\.)?([^']+)'/.exec(message)?.[1];
    return { kind: 'unique', key };
  }
  if (typeof driverError.errno === 'number') {
    const foreign = /CONSTRAINT `[^`]+` FOREIGN KEY \(([^)]+)\)/.exec(message);
    const columns = foreign?.[1]?.split(',').map((column) => column.trim().replace(/`/g, ''));
    const tableName = /fails \(`[^`]+`\.`([^`]+)`/.exec(message)?.[1];
    if (MYSQL_MISSING_REFERENCE.includes(driverError.errno)) {
      return { kind: 'missing-reference', table: tableName, columns };
    }
    if (MYSQL_STILL_REFERENCED.includes(driverError.errno)) {
      return { kind: 'still-referenced' };
    }
  }
  // SQLite: only the message says what failed.
  const unique = /UNIQUE constraint failed: (.+)$/.exec(message);
  if (unique?.[1]) {
    const qualified = unique[1].split(',').map((column) => column.trim());
    return {
      kind: 'unique',
      table: qualified[0]?.split('.')[0],
      columns: qualified.map((column) => column.split('.').pop() ?? column),
    };
  }
  if (/FOREIGN KEY constraint failed/.test(message)) {
    return { kind: 'foreign-key' };
  }
  return undefined;
}

function keyColumns(detail: string): string[] {
  const columns = /^Key \((.+?)\)=/.exec(detail)?.[1];
  return columns ? columns.split(',').map((column) => column.trim().replace(/"/g, '')) : [];
}

interface Target {
  entity?: string;
  fields: string[];
}

/** Translates table and column names into the entity and property names the API speaks. */
function describeTarget(violation: Violation, dataSource: DataSource | undefined): Target {
  const metadatas = dataSource?.isInitialized ? dataSource.entityMetadatas : [];
  let metadata = metadatas.find((candidate) => candidate.tableName === violation.table);
  let columns = violation.columns ?? [];
  if (violation.key) {
    for (const candidate of metadatas) {
      const constraint = [...candidate.uniques, ...candidate.indices].find(
        (entry) => entry.name === violation.key,
      );
      if (constraint) {
        metadata = candidate;
        columns = constraint.columns.map((column) => column.databaseName);
        break;
      }
    }
  }
  const fields = columns.map(
    (column) =>
      metadata?.columns.find((candidate) => candidate.databaseName === column)?.propertyPath ??
      column,
  );
  return { entity: metadata?.name, fields };
}

function conflictMessage(violation: Violation, target: Target): string {
  switch (violation.kind) {
    case 'unique': {
      const subject = target.entity ? target.entity.toLowerCase() : 'resource';
      return target.fields.length
        ? `A ${subject} with this ${target.fields.join(' and ')} already exists.`
        : `A ${subject} with these values already exists.`;
    }
    case 'missing-reference':
      return 'A referenced resource does not exist.';
    case 'still-referenced':
      return 'The resource is still referenced by other resources.';
    case 'foreign-key':
      return 'The change breaks a reference between resources.';
  }
}
