import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { InjectRestflowOptions } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { recordRequestOrigin } from '../core/request-origin.util';
import { ParseError } from '../exceptions/standard.exceptions';
import { isAllowedHost, parseHost } from './allowed-host.util';

type HttpSettings = ResolvedRestflowOptions['http'];

/**
 * Checks the `Host` header of every request against `http.allowedHosts` and records the origin
 * that absolute links of the request use (see `requestOrigin()`). A missing or unlisted host is
 * answered with 400 `parse_error` before any handler runs, as Django answers `DisallowedHost`:
 * otherwise a client sending `Host: evil.example` would get pagination links to
 * `http://evil.example/...`, which caches and password-reset mails can spread.
 * `RestflowModule` applies it to every route.
 *
 * @example
 * ```ts
 * // curl -H 'Host: evil.example' http://localhost:3000/api/products
 * // 400 {"error":{"code":"parse_error","message":"Invalid Host header \"evil.example\".","details":{}}}
 * ```
 * @publicApi
 */
@Injectable()
export class HostMiddleware implements NestMiddleware<IncomingMessage> {
  protected readonly logger = new Logger('HostMiddleware');
  private readonly allowedHosts: readonly string[];
  private lastAllowed: { readonly header: string; readonly host: string } | undefined;

  constructor(@InjectRestflowOptions('http') private readonly options: HttpSettings) {
    const base = options.publicBaseUrl ? parseHost(new URL(options.publicBaseUrl).host) : undefined;
    this.allowedHosts = base ? [...options.allowedHosts, base.domain] : options.allowedHosts;
  }

  use(request: IncomingMessage, _response: unknown, next: () => void): void {
    this.check(request);
    next();
  }

  /**
   * The check itself: throws the 400 for a missing or unlisted host, otherwise records the
   * request's origin. `RestflowModule` runs it with the media type check in one middleware.
   */
  check(request: IncomingMessage): void {
    const forwardedHost = this.options.trustProxy
      ? lastValue(request.headers['x-forwarded-host'])
      : undefined;
    const header = forwardedHost ?? request.headers.host;
    if (!header) {
      throw new ParseError('Invalid Host header: the request has none.');
    }
    const host = this.allowedHost(header);
    recordRequestOrigin(
      request,
      this.options.publicBaseUrl ?? `${this.schemeOf(request)}://${host}`,
    );
  }

  /**
   * The host of an allowed `Host` value, as links use it (lower-cased); throws the 400 for
   * another. The last allowed value is remembered: requests nearly always send the same one.
   */
  private allowedHost(header: string): string {
    if (header === this.lastAllowed?.header) return this.lastAllowed.host;
    const parsed = parseHost(header);
    if (!parsed || !isAllowedHost(parsed.domain, this.allowedHosts)) {
      const shown = header.length > 100 ? `${header.slice(0, 100)}...` : header;
      this.logger.warn(
        `Refused Host header "${shown}". If the API is reached by this name, add it to RestflowModule option http.allowedHosts.`,
      );
      throw new ParseError(`Invalid Host header ${JSON.stringify(shown)}.`);
    }
    this.lastAllowed = { header, host: parsed.host };
    return parsed.host;
  }

  /** `https` on a TLS socket or, from a trusted proxy, the last `X-Forwarded-Proto`. */
  private schemeOf(request: IncomingMessage): string {
    const forwarded = this.options.trustProxy
      ? lastValue(request.headers['x-forwarded-proto'])?.toLowerCase()
      : undefined;
    if (forwarded === 'http' || forwarded === 'https') {
      return forwarded;
    }
    return (request.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http';
  }
}

/** The last comma-separated value of a header: the one the nearest proxy wrote. */
function lastValue(header: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(header) ? header.join(',') : header;
  const value = joined?.split(',').pop()?.trim();
  return value || undefined;
}
