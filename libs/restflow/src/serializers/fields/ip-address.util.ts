/**
 * IP address checks and IPv6 normalisation with the results of Python's `ipaddress` module and
 * Django's `clean_ipv6_address` (lower-case, leading zeros dropped, the longest run of zero
 * groups written `::`, IPv4-mapped addresses in dotted form).
 *
 * @internal
 */
import { isIPv4, isIPv6 } from 'node:net';

/**
 * Whether `value` is a dotted IPv4 address; leading zeros are refused, as by Python 3.9.5+.
 *
 * @example
 * ```ts
 * isValidIpv4('10.0.0.1'); // true
 * isValidIpv4('010.0.0.1'); // false
 * ```
 * @internal
 */
export function isValidIpv4(value: string): boolean {
  return isIPv4(value);
}

/**
 * Whether `value` is an IPv6 address (a `%zone` suffix is allowed, as by Python).
 *
 * @example
 * ```ts
 * isValidIpv6('2001:db8::1'); // true
 * ```
 * @internal
 */
export function isValidIpv6(value: string): boolean {
  return isIPv6(value);
}

function hextetsOf(address: string): number[] {
  let text = address.split('%')[0] ?? '';
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = last.split('.').map(Number);
    tail.push((a << 8) | b, (c << 8) | d);
    // Keep `::` when the IPv4 part follows it, else drop the single separating colon.
    text = text.slice(0, lastColon + 1);
    if (!text.endsWith('::')) text = text.slice(0, -1);
  }
  const [head = '', rest] = text.split('::');
  const parse = (part: string): number[] =>
    part === '' ? [] : part.split(':').map((group) => parseInt(group, 16));
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  const missing = 8 - left.length - right.length - tail.length;
  return [
    ...left,
    ...new Array<number>(rest === undefined ? 0 : missing).fill(0),
    ...right,
    ...tail,
  ];
}

/** Python's `_compress_hextets`: the longest run (two or more, first wins) of zeros → `::`. */
function compress(hextets: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 0;
  let start = -1;
  let length = 0;
  hextets.forEach((hextet, index) => {
    if (hextet === 0) {
      if (start === -1) start = index;
      length++;
      if (length > bestLength) {
        bestLength = length;
        bestStart = start;
      }
    } else {
      start = -1;
      length = 0;
    }
  });
  const groups = hextets.map((hextet) => hextet.toString(16));
  if (bestLength < 2) return groups.join(':');
  const before = groups.slice(0, bestStart).join(':');
  const after = groups.slice(bestStart + bestLength).join(':');
  return `${before}::${after}`;
}

/**
 * Django's `clean_ipv6_address`: the normalised form of a valid IPv6 address, or `undefined`.
 * With `unpackIpv4`, an IPv4-mapped address (`::ffff:a.b.c.d`) becomes `a.b.c.d`.
 *
 * @example
 * ```ts
 * cleanIpv6Address('2001:0DB8:0:0:0:0:2:1', false); // '2001:db8::2:1'
 * cleanIpv6Address('::ffff:10.0.0.1', true); // '10.0.0.1'
 * ```
 * @internal
 */
export function cleanIpv6Address(value: string, unpackIpv4: boolean): string | undefined {
  if (!isIPv6(value)) return undefined;
  const hextets = hextetsOf(value);
  const isMapped = hextets.slice(0, 5).every((hextet) => hextet === 0) && hextets[5] === 0xffff;
  if (isMapped) {
    const high = hextets[6] ?? 0;
    const low = hextets[7] ?? 0;
    const ipv4 = [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
    return unpackIpv4 ? ipv4 : `::ffff:${ipv4}`;
  }
  return compress(hextets);
}
