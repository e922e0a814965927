import type { KeyColumnType } from '../core/column-type.util';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?$/;
const DATETIME =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const BOOLEANS: Readonly<Record<string, boolean>> = { true: true, false: false, 1: true, 0: false };

/**
 * A route value (`/items/:id`) as a key of the lookup column, or `undefined` when it cannot name
 * a row, decided without the database so that the answer is 404, never a driver error (500):
 * a NUL character (PostgreSQL refuses it in text, and no serializer stores it), a value outside
 * the column's type (`abc` for an integer, `2024-02-30` for a date, `1e400` for a float, a value
 * not among an enum's) or beyond an integer column's range.
 *
 * @example
 * ```ts
 * lookupValue({ kind: 'integer', range: [-(2n ** 31n), 2n ** 31n - 1n] }, '12', undefined); // 12
 * lookupValue({ kind: 'date' }, '2024-02-30', undefined); // undefined
 * ```
 * @internal
 */
export function lookupValue(
  type: KeyColumnType | null,
  raw: string | undefined,
  enumValues: readonly (string | number)[] | undefined,
): unknown {
  if (raw === undefined || raw === '' || raw.includes('\0')) return undefined;
  switch (type?.kind) {
    case 'integer': {
      if (!/^-?\d{1,20}$/.test(raw)) return undefined;
      const value = BigInt(raw);
      if (type.range && (value < type.range[0] || value > type.range[1])) return undefined;
      // Beyond 2^53 the key is bound as text, which every driver compares exactly.
      return Number.isSafeInteger(Number(raw)) ? Number(raw) : raw;
    }
    case 'uuid':
      return UUID.test(raw) ? raw : undefined;
    case 'enum':
      return !enumValues?.length || enumValues.some((value) => String(value) === raw)
        ? raw
        : undefined;
    case 'float':
      return NUMBER.test(raw) && Number.isFinite(Number(raw)) ? raw : undefined;
    case 'decimal':
      return DECIMAL.test(raw) ? raw : undefined;
    case 'boolean':
      return BOOLEANS[raw.toLowerCase()];
    case 'date':
      return isDate(raw) ? raw : undefined;
    case 'time':
      return isTime(raw) ? raw : undefined;
    case 'datetime': {
      const match = DATETIME.exec(raw);
      return match && isDate(match[1]!) && isTime(match[2]!) ? raw : undefined;
    }
    default:
      return raw;
  }
}

function isDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

function isTime(text: string): boolean {
  const match = TIME.exec(text);
  if (!match) return false;
  const [hours, minutes, seconds = 0] = match.slice(1, 4).map((part) => Number(part ?? 0));
  return hours! <= 23 && minutes! <= 59 && seconds <= 59;
}
