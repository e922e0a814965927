/**
 * Parsing and matching of `Host` header values against `http.allowedHosts`, as Django's
 * `split_domain_port` and `validate_host` do.
 */

/** A host name or a bracketed IPv6 literal, then an optional port (Django's host pattern). */
const HOST_HEADER = /^([a-z0-9.\-_]+|\[[a-f0-9]*:[a-f0-9.:]+\])(?::(\d{1,5}))?$/;

/** A `Host` value split into its lower-cased domain (no trailing dot) and port. @internal */
export interface ParsedHost {
  /** `api.example.com`, or `[::1]` for an IPv6 literal. */
  readonly domain: string;
  /** `api.example.com:8443`: the value as links use it (lower-cased). */
  readonly host: string;
}

/**
 * Splits a `Host` header value, or returns `undefined` when it is not a valid one.
 *
 * @example
 * ```ts
 * parseHost('API.example.com.:8443'); // { domain: 'api.example.com', host: 'api.example.com.:8443' }
 * parseHost('evil.example/x'); // undefined
 * ```
 * @internal
 */
export function parseHost(value: string): ParsedHost | undefined {
  const host = value.toLowerCase();
  const match = HOST_HEADER.exec(host);
  if (!match?.[1]) {
    return undefined;
  }
  const domain = match[1].endsWith('.') ? match[1].slice(0, -1) : match[1];
  return domain === '' ? undefined : { domain, host };
}

/**
 * Whether `domain` (from {@link parseHost}) is allowed by one of `patterns`: an exact name, a
 * leading-dot pattern (`.example.com` matches `example.com` and `a.example.com`), or `*`.
 *
 * @example
 * ```ts
 * isAllowedHost('shop.example.com', ['.example.com']); // true
 * isAllowedHost('badexample.com', ['.example.com']); // false
 * ```
 * @internal
 */
export function isAllowedHost(domain: string, patterns: readonly string[]): boolean {
  return patterns.some(
    (pattern) =>
      pattern === '*' ||
      pattern === domain ||
      (pattern.startsWith('.') && (domain.endsWith(pattern) || domain === pattern.slice(1))),
  );
}
