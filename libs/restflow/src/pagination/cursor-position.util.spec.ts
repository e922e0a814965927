import type { EntityMetadata } from 'typeorm';
import {
  decodeCursor,
  decodeKeyValue,
  encodeCursor,
  encodeKeyValue,
  INVALID,
} from './cursor-position.util';
import { keyColumnType, type KeyColumnType } from '../core/column-type.util';

type ColumnMetadata = EntityMetadata['columns'][number];

const column = (type: unknown, unsigned = false) => ({ type, unsigned }) as ColumnMetadata;
const INT: KeyColumnType = { kind: 'integer', range: [-(2n ** 31n), 2n ** 31n - 1n] };
const DATETIME: KeyColumnType = { kind: 'datetime' };
const UUID: KeyColumnType = { kind: 'uuid' };
const DATE: KeyColumnType = { kind: 'date' };
const DECIMAL: KeyColumnType = { kind: 'decimal' };
const BOOLEAN: KeyColumnType = { kind: 'boolean' };

describe('keyColumnType', () => {
  it('bounds integers by their declared type, except on SQLite', () => {
    expect(keyColumnType(column('int'), 'int', 'mysql')).toEqual({
      kind: 'integer',
      range: [-(2n ** 31n), 2n ** 31n - 1n],
      integerText: false,
    });
    expect(keyColumnType(column('int', true), 'int', 'mysql')?.range).toEqual([0n, 2n ** 32n - 1n]);
    expect(keyColumnType(column('int'), 'integer', 'sqljs')?.range).toEqual([
      -(2n ** 63n),
      2n ** 63n - 1n,
    ]);
    expect(keyColumnType(column('bigint'), 'bigint', 'postgres')?.integerText).toBe(true);
  });

  it('knows booleans that MySQL stores as tinyint', () => {
    expect(keyColumnType(column(Boolean), 'tinyint', 'mysql')).toEqual({ kind: 'boolean' });
  });

  it('rejects types a cursor cannot hold', () => {
    expect(keyColumnType(column('json'), 'json', 'postgres')).toBeNull();
    expect(keyColumnType(column('blob'), 'blob', 'sqljs')).toBeNull();
  });
});

describe('encodeKeyValue and decodeKeyValue', () => {
  it('round-trips a date-time through its ISO form', () => {
    const date = new Date('2024-03-01T10:00:00.250Z');
    const encoded = encodeKeyValue(DATETIME, date);
    expect(encoded).toBe('2024-03-01T10:00:00.250Z');
    expect(decodeKeyValue(DATETIME, encoded)).toEqual(date);
  });

  it('cannot encode a missing value or an invalid date', () => {
    expect(encodeKeyValue(INT, undefined)).toBeUndefined();
    expect(encodeKeyValue(INT, null)).toBeUndefined();
    expect(encodeKeyValue(DATETIME, new Date(NaN))).toBeUndefined();
  });

  it.each([
    [INT, 2 ** 31],
    [INT, '5'],
    [INT, 1.5],
    [DATETIME, '2024-03-01'],
    [DATETIME, '2024-13-01T00:00:00.000Z'],
    [UUID, 'not-a-uuid'],
    [DATE, '2023-02-29'],
    [DECIMAL, '1e5'],
    [BOOLEAN, 1],
  ])('rejects %j with %j', (type, value) => {
    expect(decodeKeyValue(type, value)).toBe(INVALID);
  });

  it('accepts 64-bit integers as text within their range', () => {
    const big: KeyColumnType = {
      kind: 'integer',
      range: [-(2n ** 63n), 2n ** 63n - 1n],
      integerText: true,
    };
    expect(decodeKeyValue(big, '9223372036854775807')).toBe('9223372036854775807');
    expect(decodeKeyValue(big, '9223372036854775808')).toBe(INVALID);
  });
});

describe('encodeCursor and decodeCursor', () => {
  it('round-trips a position and its direction', () => {
    const token = encodeCursor({ v: '2024-03-01T10:00:00.250Z', k: 4 }, true, false);
    expect(token).toMatch(/^[\w-]+$/);
    expect(decodeCursor(token, DATETIME, INT)).toEqual({
      value: new Date('2024-03-01T10:00:00.250Z'),
      key: 4,
      reverse: true,
      inclusive: false,
    });
  });

  it('omits the value when the ordering is the primary key', () => {
    const token = encodeCursor({ k: 4 }, false, true);
    expect(JSON.parse(Buffer.from(token, 'base64url').toString())).toEqual({ k: 4, i: true });
    expect(decodeCursor(token, null, INT)).toEqual({
      value: undefined,
      key: 4,
      reverse: false,
      inclusive: true,
    });
  });

  it('accepts only the canonical spelling of a token', () => {
    const token = encodeCursor({ k: 4 }, false, false);
    expect(decodeCursor(`${token}=`, null, INT)).toBeNull();
    // The last character carries unused bits: another character decodes to the same bytes.
    const last = token.charCodeAt(token.length - 1);
    const sibling = token.slice(0, -1) + String.fromCharCode(last + 1);
    expect(Buffer.from(sibling, 'base64url')).toEqual(Buffer.from(token, 'base64url'));
    expect(decodeCursor(sibling, null, INT)).toBeNull();
  });

  it('rejects invalid UTF-8 and oversized tokens', () => {
    expect(decodeCursor(Buffer.from([0xff, 0xfe]).toString('base64url'), null, INT)).toBeNull();
    expect(decodeCursor('A'.repeat(4096), null, INT)).toBeNull();
  });
});
