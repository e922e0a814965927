import { CharField, type CharFieldOptions } from './char.field';
import type { FieldOpenApiSchema } from './field';
import { FieldValidationError } from './field-validation-error';
import { cleanIpv6Address, isValidIpv4, isValidIpv6 } from './ip-address.util';

/**
 * Which addresses {@link IPAddressField} accepts.
 *
 * @example
 * ```ts
 * const protocol: IPAddressProtocol = 'ipv4';
 * ```
 * @publicApi
 */
export type IPAddressProtocol = 'both' | 'ipv4' | 'ipv6';

/**
 * Options of {@link IPAddressField}.
 *
 * @example
 * ```ts
 * const options: IPAddressFieldOptions = { protocol: 'ipv6' };
 * ```
 * @publicApi
 */
export interface IPAddressFieldOptions extends CharFieldOptions {
  /** @default 'both' */
  protocol?: IPAddressProtocol;
}

const PROTOCOL_MESSAGES: Record<IPAddressProtocol, string> = {
  both: 'Enter a valid IPv4 or IPv6 address.',
  ipv4: 'Enter a valid IPv4 address.',
  ipv6: 'Enter a valid IPv6 address.',
};

/**
 * An IP address (DRF's `IPAddressField`, a {@link CharField}). IPv6 input is normalised
 * (`2001:0DB8::0:1` → `2001:db8::1`); with `protocol: 'both'` an IPv4-mapped address is
 * unpacked (`::ffff:10.0.0.1` → `10.0.0.1`).
 *
 * Messages, as DRF gives them: non-strings and malformed IPv6 input (anything with a colon)
 * get `invalid` "Enter a valid IPv4 or IPv6 address." whatever the protocol; otherwise Django's
 * validator for the protocol answers "Enter a valid IPv4 address." or "Enter a valid IPv6
 * address." (or the "IPv4 or IPv6" message for `both`).
 *
 * @example
 * ```ts
 * await new IPAddressField().runValidation('::ffff:10.0.0.1'); // '10.0.0.1'
 * await new IPAddressField({ protocol: 'ipv4' }).runValidation('::1');
 * // throws ['Enter a valid IPv4 address.']
 * ```
 * @publicApi
 */
export class IPAddressField extends CharField {
  static override readonly defaultErrorMessages: Readonly<Record<string, string>> = {
    invalid: 'Enter a valid IPv4 or IPv6 address.',
  };

  readonly protocol: IPAddressProtocol;

  constructor(options: IPAddressFieldOptions = {}) {
    super(options);
    this.protocol = options.protocol ?? 'both';
    const protocol = this.protocol;
    const message = PROTOCOL_MESSAGES[protocol];
    this.validators.push((value) => {
      const valid =
        (protocol !== 'ipv6' && isValidIpv4(value)) || (protocol !== 'ipv4' && isValidIpv6(value));
      if (!valid) throw new FieldValidationError(message);
    });
  }

  /**
   * Normalises IPv6 input (which is not trimmed, as in DRF); IPv4 goes through
   * {@link CharField.toInternalValue}.
   *
   * @example
   * ```ts
   * new IPAddressField().toInternalValue('2001:0db8:0:0:0:0:0:1'); // '2001:db8::1'
   * ```
   */
  override toInternalValue(data: unknown): string {
    if (typeof data !== 'string') this.fail('invalid', { value: data });
    if (data.includes(':') && this.protocol !== 'ipv4') {
      const cleaned = cleanIpv6Address(data, this.protocol === 'both');
      if (cleaned === undefined) this.fail('invalid', { value: data });
      return cleaned;
    }
    return super.toInternalValue(data);
  }

  protected override schema(): FieldOpenApiSchema {
    const schema = super.schema();
    if (this.protocol !== 'both') schema.format = this.protocol;
    return schema;
  }
}
