/**
 * Exact decimal arithmetic on digit strings, enough for DRF's `DecimalField`: parsing with
 * Python's `Decimal(str)` grammar, `as_tuple()`-style digits and exponent, `quantize` with the
 * `decimal` module's rounding modes, comparison and `'{:f}'` formatting. No floating point.
 *
 * @internal
 */

/**
 * A finite decimal: `(-1)^negative × digits × 10^exponent`, `digits` without leading zeros
 * (`'0'` for zero), like Python's `Decimal.as_tuple()`. Negative zero is kept, as Python does.
 *
 * @example
 * ```ts
 * const twelveFifty: DecimalValue = { negative: false, digits: '1250', exponent: -2 };
 * ```
 * @internal
 */
export interface DecimalValue {
  negative: boolean;
  digits: string;
  exponent: number;
}

/**
 * Python's `decimal` rounding modes, as DRF's `rounding` argument takes them.
 *
 * @example
 * ```ts
 * const rounding: DecimalRounding = 'ROUND_HALF_UP';
 * ```
 * @publicApi
 */
export type DecimalRounding =
  | 'ROUND_CEILING'
  | 'ROUND_DOWN'
  | 'ROUND_FLOOR'
  | 'ROUND_HALF_DOWN'
  | 'ROUND_HALF_EVEN'
  | 'ROUND_HALF_UP'
  | 'ROUND_UP'
  | 'ROUND_05UP';

// Python's Decimal grammar for finite numbers; `_` may group digits (PEP 515).
const DIGITS = '\\d(?:_?\\d)*';
const DECIMAL_PATTERN = new RegExp(
  `^([+-])?(?:(${DIGITS})(?:\\.(${DIGITS})?)?|\\.(${DIGITS}))(?:[eE]([+-]?${DIGITS}))?$`,
);

function stripLeadingZeros(digits: string): string {
  const stripped = digits.replace(/^0+/, '');
  return stripped === '' ? '0' : stripped;
}

/**
 * Parses a finite decimal written like Python's `Decimal('…')` accepts it (no surrounding
 * whitespace: strip first). `NaN`, `Infinity` and anything else give `undefined`.
 *
 * @example
 * ```ts
 * parseDecimal('-12.50'); // { negative: true, digits: '1250', exponent: -2 }
 * parseDecimal('1e2'); // { negative: false, digits: '1', exponent: 2 }
 * ```
 * @internal
 */
export function parseDecimal(text: string): DecimalValue | undefined {
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) return undefined;
  const [, sign, whole, fraction, onlyFraction, exponentText] = match;
  const integerPart = (whole ?? '').replaceAll('_', '');
  const fractionPart = (fraction ?? onlyFraction ?? '').replaceAll('_', '');
  const exponent = Number((exponentText ?? '0').replaceAll('_', '')) - fractionPart.length;
  if (!Number.isSafeInteger(exponent)) return undefined;
  return {
    negative: sign === '-',
    digits: stripLeadingZeros(integerPart + fractionPart),
    exponent,
  };
}

/**
 * DRF's digit counts for `max_digits` / `decimal_places` checks (`validate_precision`):
 * `0.001234` has 6 digits, all of them decimal places.
 *
 * @example
 * ```ts
 * precisionOf(parseDecimal('123.45')!); // { total: 5, whole: 3, decimalPlaces: 2 }
 * ```
 * @internal
 */
export function precisionOf(value: DecimalValue): {
  total: number;
  whole: number;
  decimalPlaces: number;
} {
  const { digits, exponent } = value;
  if (exponent >= 0) {
    const total = digits.length + exponent;
    return { total, whole: total, decimalPlaces: 0 };
  }
  if (digits.length > -exponent) {
    return { total: digits.length, whole: digits.length + exponent, decimalPlaces: -exponent };
  }
  return { total: -exponent, whole: 0, decimalPlaces: -exponent };
}

function addOne(digits: string): string {
  const chars = digits.split('');
  for (let index = chars.length - 1; index >= 0; index--) {
    if (chars[index] !== '9') {
      chars[index] = String(Number(chars[index]) + 1);
      return chars.join('');
    }
    chars[index] = '0';
  }
  return `1${chars.join('')}`;
}

function roundsAway(
  rounding: DecimalRounding,
  negative: boolean,
  kept: string,
  dropped: string,
): boolean {
  const nonZero = /[1-9]/.test(dropped);
  if (!nonZero) return false;
  const first = Number(dropped.charAt(0));
  const beyondHalf = first > 5 || (first === 5 && /[1-9]/.test(dropped.slice(1)));
  const exactlyHalf = first === 5 && !/[1-9]/.test(dropped.slice(1));
  const lastKept = Number(kept.charAt(kept.length - 1) || '0');
  switch (rounding) {
    case 'ROUND_DOWN':
      return false;
    case 'ROUND_UP':
      return true;
    case 'ROUND_CEILING':
      return !negative;
    case 'ROUND_FLOOR':
      return negative;
    case 'ROUND_HALF_UP':
      return first >= 5;
    case 'ROUND_HALF_DOWN':
      return beyondHalf;
    case 'ROUND_HALF_EVEN':
      return beyondHalf || (exactlyHalf && lastKept % 2 === 1);
    case 'ROUND_05UP':
      return lastKept === 0 || lastKept === 5;
  }
}

/**
 * Python's `value.quantize(Decimal('.1') ** places, rounding=…)`: exactly `places` decimal
 * places, padding with zeros or rounding.
 *
 * @example
 * ```ts
 * formatDecimal(quantizeDecimal(parseDecimal('2.675')!, 2, 'ROUND_HALF_EVEN')); // '2.68'
 * ```
 * @internal
 */
export function quantizeDecimal(
  value: DecimalValue,
  places: number,
  rounding: DecimalRounding,
): DecimalValue {
  const target = -places;
  const { negative, digits, exponent } = value;
  if (exponent >= target) {
    const padded = digits === '0' ? '0' : digits + '0'.repeat(exponent - target);
    return { negative, digits: padded, exponent: target };
  }
  const drop = target - exponent;
  const kept = drop >= digits.length ? '' : digits.slice(0, digits.length - drop);
  const dropped = drop >= digits.length ? digits.padStart(drop, '0') : digits.slice(-drop);
  const rounded = roundsAway(rounding, negative, kept, dropped) ? addOne(kept || '0') : kept;
  return { negative, digits: stripLeadingZeros(rounded), exponent: target };
}

/**
 * Python's `Decimal.normalize()` as far as `'{:f}'` can tell: trailing fraction zeros go.
 *
 * @example
 * ```ts
 * formatDecimal(normalizeDecimal(parseDecimal('10.500')!)); // '10.5'
 * ```
 * @internal
 */
export function normalizeDecimal(value: DecimalValue): DecimalValue {
  if (value.digits === '0') return { ...value, exponent: 0 };
  let { digits, exponent } = value;
  while (exponent < 0 && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    exponent++;
  }
  return { ...value, digits, exponent };
}

/**
 * Python's `'{:f}'.format(value)`: plain notation, no exponent, sign kept on negative zero.
 *
 * @example
 * ```ts
 * formatDecimal({ negative: false, digits: '5', exponent: -3 }); // '0.005'
 * ```
 * @internal
 */
export function formatDecimal(value: DecimalValue): string {
  const { negative, digits, exponent } = value;
  let body: string;
  if (exponent >= 0) {
    body = digits === '0' ? '0' : digits + '0'.repeat(exponent);
  } else {
    const point = digits.length + exponent;
    body =
      point > 0
        ? `${digits.slice(0, point)}.${digits.slice(point)}`
        : `0.${'0'.repeat(-point)}${digits}`;
  }
  return negative ? `-${body}` : body;
}

/**
 * Compares two decimals by value (`-0` equals `0`).
 *
 * @example
 * ```ts
 * compareDecimal(parseDecimal('1.50')!, parseDecimal('1.5')!); // 0
 * ```
 * @internal
 */
export function compareDecimal(a: DecimalValue, b: DecimalValue): number {
  const aZero = a.digits === '0';
  const bZero = b.digits === '0';
  if (aZero && bZero) return 0;
  const aSign = aZero ? 0 : a.negative ? -1 : 1;
  const bSign = bZero ? 0 : b.negative ? -1 : 1;
  if (aSign !== bSign) return aSign < bSign ? -1 : 1;
  const magnitude = compareMagnitude(a, b);
  return aSign < 0 ? -magnitude : magnitude;
}

function compareMagnitude(a: DecimalValue, b: DecimalValue): number {
  // Compare the position of the leading digit first, then the digits themselves.
  const aLead = a.digits.length + a.exponent;
  const bLead = b.digits.length + b.exponent;
  if (aLead !== bLead) return aLead < bLead ? -1 : 1;
  const length = Math.max(a.digits.length, b.digits.length);
  const aDigits = a.digits.padEnd(length, '0');
  const bDigits = b.digits.padEnd(length, '0');
  return aDigits === bDigits ? 0 : aDigits < bDigits ? -1 : 1;
}
