/**
 * What a column holds, read from TypeORM metadata and the driver's type name: the one place the
 * library classifies columns (cursor positions, route lookups, serializer bounds).
 */
import type { DataSource, EntityMetadata } from 'typeorm';
import { KeyedCache } from './keyed-cache.util';

type ColumnMetadata = EntityMetadata['columns'][number];

/**
 * What a column holds, as far as keys and cursors care.
 *
 * @example
 * ```ts
 * const kind: KeyKind = 'datetime';
 * ```
 */
export type KeyKind =
  | 'integer'
  | 'float'
  | 'decimal'
  | 'boolean'
  | 'datetime'
  | 'date'
  | 'time'
  | 'uuid'
  | 'string'
  | 'enum';

/**
 * A column a cursor can point into: its kind and, for integers, the range of its type.
 *
 * @example
 * ```ts
 * const int4: KeyColumnType = { kind: 'integer', range: [-(2n ** 31n), 2n ** 31n - 1n] };
 * ```
 */
export interface KeyColumnType {
  readonly kind: KeyKind;
  readonly range?: readonly [bigint, bigint];
  /** 64-bit integers arrive as strings from most drivers, so a cursor may hold them as text. */
  readonly integerText?: boolean;
}

const INTEGER_BITS: Readonly<Record<string, number>> = {
  tinyint: 8,
  smallint: 16,
  int2: 16,
  smallserial: 16,
  mediumint: 24,
  int: 32,
  integer: 32,
  int4: 32,
  serial: 32,
  bigint: 64,
  int8: 64,
  int64: 64,
  bigserial: 64,
  'unsigned big int': 64,
};

const KINDS: Readonly<Record<string, KeyKind>> = {
  float: 'float',
  double: 'float',
  'double precision': 'float',
  real: 'float',
  float4: 'float',
  float8: 'float',
  decimal: 'decimal',
  dec: 'decimal',
  numeric: 'decimal',
  fixed: 'decimal',
  number: 'decimal',
  boolean: 'boolean',
  bool: 'boolean',
  datetime: 'datetime',
  datetime2: 'datetime',
  datetimeoffset: 'datetime',
  smalldatetime: 'datetime',
  timestamp: 'datetime',
  timestamptz: 'datetime',
  'timestamp with time zone': 'datetime',
  'timestamp without time zone': 'datetime',
  'timestamp with local time zone': 'datetime',
  date: 'date',
  time: 'time',
  timetz: 'time',
  'time with time zone': 'time',
  'time without time zone': 'time',
  uuid: 'uuid',
  uniqueidentifier: 'uuid',
  varchar: 'string',
  'character varying': 'string',
  char: 'string',
  character: 'string',
  nchar: 'string',
  'national char': 'string',
  nvarchar: 'string',
  'national varchar': 'string',
  'varying character': 'string',
  'native character': 'string',
  varchar2: 'string',
  nvarchar2: 'string',
  text: 'string',
  tinytext: 'string',
  mediumtext: 'string',
  longtext: 'string',
  ntext: 'string',
  citext: 'string',
  clob: 'string',
  nclob: 'string',
  string: 'string',
  enum: 'enum',
  'simple-enum': 'enum',
};

const SQLITE_DRIVERS = new Set([
  'sqlite',
  'better-sqlite3',
  'sqljs',
  'capacitor',
  'cordova',
  'react-native',
  'nativescript',
  'expo',
]);

/**
 * The cursor type of a column whose driver type is `type` (`driver.normalizeType(column)`), or
 * `null` when a cursor cannot point into it (JSON, binary, arrays, geometry, ...).
 *
 * @example
 * ```ts
 * keyColumnType(column, dataSource.driver.normalizeType(column), dataSource.options.type);
 * // { kind: 'integer', range: [-2147483648n, 2147483647n], integerText: false }
 * ```
 */
export function keyColumnType(
  column: ColumnMetadata,
  type: string,
  driver: string,
): KeyColumnType | null {
  // MySQL stores booleans as tinyint but TypeORM hydrates them as booleans.
  if (column.type === Boolean || column.type === 'boolean' || column.type === 'bool') {
    return { kind: 'boolean' };
  }
  const normalized = type.toLowerCase();
  const declaredBits = INTEGER_BITS[normalized];
  if (declaredBits !== undefined) {
    // SQLite's INTEGER is 64 bits whatever the declared type.
    const bits = SQLITE_DRIVERS.has(driver) ? 64 : declaredBits;
    return {
      kind: 'integer',
      range: integerRange(bits, column.unsigned),
      integerText: declaredBits === 64,
    };
  }
  const kind = KINDS[normalized];
  return kind === undefined ? null : { kind };
}

/** Per column and data source: {@link keyColumnTypeOf}'s answer. */
const KEY_TYPES = new KeyedCache<ColumnMetadata, DataSource, KeyColumnType | null>();

/**
 * {@link keyColumnType} of `column` as `dataSource` stores it, worked out once per column and data
 * source (cursor pages and detail lookups ask on every request).
 *
 * @example
 * ```ts
 * keyColumnTypeOf(dataSource, metadata.findColumnWithPropertyPath('id')!)?.kind; // 'integer'
 * ```
 */
export function keyColumnTypeOf(
  dataSource: DataSource,
  column: ColumnMetadata,
): KeyColumnType | null {
  return KEY_TYPES.get(column, dataSource, () =>
    keyColumnType(column, dataSource.driver.normalizeType(column), dataSource.options.type),
  );
}

/**
 * Whether `driver` (a DataSource `type`) belongs to the SQLite family.
 *
 * @example
 * ```ts
 * isSqliteDriver('sqljs'); // true
 * ```
 */
export function isSqliteDriver(driver: string): boolean {
  return SQLITE_DRIVERS.has(driver);
}

function integerRange(bits: number, unsigned: boolean): readonly [bigint, bigint] {
  const size = BigInt(bits);
  return unsigned ? [0n, (1n << size) - 1n] : [-(1n << (size - 1n)), (1n << (size - 1n)) - 1n];
}

/**
 * The range of a declared integer type (`int`, `smallint`, `bigint`, ...), as numbers within
 * JavaScript's safe range, or `undefined` for a type that is not an integer type. Unlike
 * {@link keyColumnType} it ignores SQLite's 64-bit storage: it is the portable bound.
 *
 * @example
 * ```ts
 * declaredIntegerRange('int', false); // [-2147483648, 2147483647]
 * ```
 */
export function declaredIntegerRange(
  type: string,
  unsigned: boolean,
): readonly [number, number] | undefined {
  const bits = INTEGER_BITS[type.toLowerCase()];
  if (bits === undefined) return undefined;
  const [low, high] = integerRange(bits, unsigned);
  const safe = (value: bigint): number =>
    Math.min(Math.max(Number(value), Number.MIN_SAFE_INTEGER), Number.MAX_SAFE_INTEGER);
  return [safe(low), safe(high)];
}
