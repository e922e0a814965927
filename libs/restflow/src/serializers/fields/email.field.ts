import { domainToASCII } from 'node:url';
import { CharField, type CharFieldOptions } from './char.field';
import type { FieldOpenApiSchema } from './field';
import { FieldValidationError } from './field-validation-error';
import { isValidIpv4, isValidIpv6 } from './ip-address.util';

// Django's EmailValidator, rewritten: a dot-atom or quoted local part, then a domain name, the
// `localhost` allow-list entry, an IDN domain (checked in its ASCII form) or a [literal] address.
// RFC 5322 quoted local parts may hold control characters, hence the escapes below.
const USER_PATTERN =
  // eslint-disable-next-line no-control-regex
  /^[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(?:\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*$|^"(?:[\x01-\x08\x0b\x0c\x0e-\x1f!#-[\]-\x7f]|\\[\x01-\x09\x0b\x0c\x0e-\x7f])*"$/i;
const DOMAIN_PATTERN = /^(?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\.)+[A-Z0-9-]{2,63}(?<!-)$/i;
const LITERAL_PATTERN = /^\[([A-F0-9:.]+)\]$/i;
const DOMAIN_ALLOWLIST = ['localhost'];

function isValidDomainPart(domain: string): boolean {
  if (DOMAIN_PATTERN.test(domain)) return true;
  const literal = LITERAL_PATTERN.exec(domain)?.[1];
  return literal !== undefined && (isValidIpv4(literal) || isValidIpv6(literal));
}

/**
 * Django's `EmailValidator` with its default allow-list (`localhost`).
 *
 * @example
 * ```ts
 * isValidEmail('ada@example.com'); // true
 * ```
 * @internal
 */
export function isValidEmail(value: string): boolean {
  const at = value.lastIndexOf('@');
  if (!value || at === -1 || value.length > 320) return false;
  const user = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (!USER_PATTERN.test(user)) return false;
  if (DOMAIN_ALLOWLIST.includes(domain) || isValidDomainPart(domain)) return true;
  const ascii = domainToASCII(domain);
  return ascii !== '' && ascii !== domain && isValidDomainPart(ascii);
}

/**
 * An email address (DRF's `EmailField`): a {@link CharField} plus Django's email validator.
 * Message: `invalid` "Enter a valid email address." (also for non-string input).
 *
 * @example
 * ```ts
 * await new EmailField().runValidation(' ada@example.com '); // 'ada@example.com'
 * await new EmailField().runValidation('ada@'); // throws ['Enter a valid email address.']
 * ```
 * @publicApi
 */
export class EmailField extends CharField {
  static override readonly defaultErrorMessages: Readonly<Record<string, string>> = {
    invalid: 'Enter a valid email address.',
  };

  constructor(options: CharFieldOptions = {}) {
    super(options);
    const message = this.message('invalid');
    this.validators.push((value) => {
      if (!isValidEmail(value)) throw new FieldValidationError(message);
    });
  }

  protected override schema(): FieldOpenApiSchema {
    return { ...super.schema(), format: 'email' };
  }
}
