import { CharField, type CharFieldOptions } from './char.field';
import type { FieldOpenApiSchema } from './field';
import { FieldValidationError } from './field-validation-error';
import { codePointLength } from './python-format.util';
import { isValidIpv6 } from './ip-address.util';

// Django's URLValidator, rewritten. `UL` is its "Unicode letters" range.
const UL = '\u00a1-\uffff';
const IPV4 =
  '(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)(?:\\.(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)){3}';
const IPV6 = '\\[[0-9a-f:.]+\\]';
const HOSTNAME = `[a-z${UL}0-9](?:[a-z${UL}0-9-]{0,61}[a-z${UL}0-9])?`;
const DOMAIN = `(?:\\.(?!-)[a-z${UL}0-9-]{1,63}(?<!-))*`;
const TLD = `\\.(?!-)(?:[a-z${UL}-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?`;
const HOST = `(?:${HOSTNAME}${DOMAIN}${TLD}|localhost)`;
const URL_PATTERN = new RegExp(
  '^(?:[a-z0-9.+-]*)://' + // scheme, checked separately
    '(?:[^\\s:@/]+(?::[^\\s:@/]*)?@)?' + // user:password@
    `(?:${IPV4}|${IPV6}|${HOST})` +
    '(?::[0-9]{1,5})?' + // port
    '(?:[/?#][^\\s]*)?' + // path, query, fragment
    '$',
  'i',
);
const MAX_URL_LENGTH = 2048;
const UNSAFE_CHARACTERS = /[\t\r\n]/;

/** The host name of an URL's authority, as Python's `urlsplit(url).hostname` reads it. */
function hostnameOf(url: string): string {
  const afterScheme = url.slice(url.indexOf('://') + 3);
  const authority = afterScheme.split(/[/?#]/, 1)[0] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  return host.split(':', 1)[0] ?? '';
}

/**
 * Django's `URLValidator` for the given schemes.
 *
 * @example
 * ```ts
 * isValidUrl('https://example.com/a?b=1', ['http', 'https']); // true
 * ```
 * @internal
 */
export function isValidUrl(value: string, schemes: readonly string[]): boolean {
  if (codePointLength(value) > MAX_URL_LENGTH || UNSAFE_CHARACTERS.test(value)) return false;
  const scheme = (value.split('://', 1)[0] ?? '').toLowerCase();
  if (!schemes.includes(scheme) || !URL_PATTERN.test(value)) return false;
  const bracketed = /^[^:]*:\/\/(?:[^/?#]*@)?\[(.+)\](?::[0-9]{1,5})?(?:[/?#]|$)/.exec(value)?.[1];
  if (bracketed !== undefined && !isValidIpv6(bracketed)) return false;
  const hostname = hostnameOf(value);
  return hostname !== '' && hostname.length <= 253;
}

/**
 * Options of {@link URLField}.
 *
 * @example
 * ```ts
 * const options: URLFieldOptions = { schemes: ['https'] };
 * ```
 * @publicApi
 */
export interface URLFieldOptions extends CharFieldOptions {
  /** Accepted schemes, lower-case. @default ['http', 'https', 'ftp', 'ftps'] */
  schemes?: readonly string[];
}

/**
 * An absolute URL (DRF's `URLField`): a {@link CharField} plus Django's URL validator, which
 * wants a scheme from `schemes` and a host (domain name, `localhost`, IPv4 or `[IPv6]`).
 * Message: `invalid` "Enter a valid URL.".
 *
 * @example
 * ```ts
 * await new URLField().runValidation('https://example.com/x'); // 'https://example.com/x'
 * await new URLField().runValidation('example.com'); // throws ['Enter a valid URL.']
 * ```
 * @publicApi
 */
export class URLField extends CharField {
  static override readonly defaultErrorMessages: Readonly<Record<string, string>> = {
    invalid: 'Enter a valid URL.',
  };

  readonly schemes: readonly string[];

  constructor(options: URLFieldOptions = {}) {
    super(options);
    this.schemes = options.schemes ?? ['http', 'https', 'ftp', 'ftps'];
    const message = this.message('invalid');
    this.validators.push((value) => {
      if (!isValidUrl(value, this.schemes)) throw new FieldValidationError(message);
    });
  }

  protected override schema(): FieldOpenApiSchema {
    return { ...super.schema(), format: 'uri' };
  }
}
