import type { OptionRule } from '../config/option-rules';

/**
 * How the API learns its own address: which `Host` headers it answers, and the origin of the
 * absolute links it builds (pagination `next` / `previous`, the API root).
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({
 *   http: {
 *     allowedHosts: ['api.example.com', '.internal.example.com'],
 *     publicBaseUrl: 'https://api.example.com',
 *     trustProxy: true, // a reverse proxy sets X-Forwarded-Host and X-Forwarded-Proto
 *   },
 * });
 * ```
 * @publicApi
 */
export interface HttpOptions {
  /**
   * Host names the API answers (Django's `ALLOWED_HOSTS`), without ports. `'.example.com'`
   * matches `example.com` and every subdomain of it; `'*'` matches any host (it turns the check
   * off: only for an app behind a proxy that already checks `Host`). A request whose `Host`
   * (or trusted `X-Forwarded-Host`) is missing or not listed gets 400 `parse_error` before any
   * handler runs. The host of `publicBaseUrl` is always allowed.
   * @default ['.localhost', '127.0.0.1', '[::1]']
   */
  allowedHosts?: string[];
  /**
   * The origin of every absolute link, such as `'https://api.example.com'` (a path prefix like
   * `'https://example.com/shop'` is kept, for an app mounted below a path by its proxy). `null`
   * builds links from the request's checked `Host` and scheme.
   * @default null
   */
  publicBaseUrl?: string | null;
  /**
   * Whether the peer is a reverse proxy whose `X-Forwarded-Host` and `X-Forwarded-Proto` describe
   * what the client used. Only the last value of each header is read (the one the nearest proxy
   * wrote), and the forwarded host must still be in `allowedHosts`. Leave it off when clients
   * reach the app directly: they could then pick the links' host. The client address for
   * throttling is a separate setting, `throttling.numProxies`.
   * @default false
   */
  trustProxy?: boolean;
}

const HOST_PATTERN =
  /^(\*|\.?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*|\[[0-9a-f:.]+\])$/i;

/** `https://api.example.com[/prefix]` without a trailing slash, or `undefined` when invalid. */
function acceptBaseUrl(value: unknown): string | null | undefined {
  if (value === null) {
    return null;
  }
  if (typeof value !== 'string' || !URL.canParse(value)) {
    return undefined;
  }
  const url = new URL(value);
  const valid =
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === '';
  return valid ? `${url.origin}${url.pathname.replace(/\/+$/, '')}` : undefined;
}

/**
 * Rules of the `http` section.
 *
 * @example
 * ```ts
 * HTTP_OPTION_RULES.publicBaseUrl.accept('https://api.example.com/'); // 'https://api.example.com'
 * ```
 * @internal
 */
export const HTTP_OPTION_RULES = {
  allowedHosts: {
    default: Object.freeze(['.localhost', '127.0.0.1', '[::1]']),
    expected:
      'a non-empty list of host names without ports, such as ["api.example.com", ".example.com"]',
    fix: 'list each host name the API is reached by, without scheme or port ("api.example.com"); a leading dot (".example.com") also allows subdomains, and "*" allows any host.',
    accept(value: unknown): readonly string[] | undefined {
      if (!Array.isArray(value) || value.length === 0) {
        return undefined;
      }
      if (!value.every((host) => typeof host === 'string' && HOST_PATTERN.test(host))) {
        return undefined;
      }
      return Object.freeze([...new Set((value as string[]).map((host) => host.toLowerCase()))]);
    },
  } satisfies OptionRule<readonly string[]>,
  publicBaseUrl: {
    default: null,
    expected: 'null or an absolute http(s) URL without query, fragment or credentials',
    fix: 'use the address clients reach the API at, e.g. "https://api.example.com", or null to build links from the Host header.',
    accept: acceptBaseUrl,
  } satisfies OptionRule<string | null>,
  trustProxy: {
    default: false,
    expected: 'true or false',
    fix: 'use true only when a reverse proxy in front of the app sets X-Forwarded-Host and X-Forwarded-Proto, false otherwise.',
    accept: (value: unknown) => (typeof value === 'boolean' ? value : undefined),
  } satisfies OptionRule<boolean>,
};
