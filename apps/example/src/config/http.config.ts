import type { HttpOptions } from 'nestjs-restflow';

/**
 * The `http` options of the example app from the environment:
 *
 * - `ALLOWED_HOSTS`: comma-separated host names the API answers (`.example.com` allows
 *   subdomains); unset keeps the library default (`localhost`, its subdomains, `127.0.0.1`,
 *   `[::1]`);
 * - `PUBLIC_BASE_URL`: the origin of every absolute link, e.g. `https://api.example.com`;
 * - `TRUST_PROXY=true`: read `X-Forwarded-Host` / `-Proto` from the reverse proxy in front.
 *
 * Values are passed to `RestflowModule.forRoot()` as they are, so a wrong one fails the boot with
 * the library's message naming the option.
 */
export function httpOptions(environment: NodeJS.ProcessEnv = process.env): HttpOptions {
  const options: HttpOptions = {};
  const hosts = environment.ALLOWED_HOSTS?.split(',')
    .map((host) => host.trim())
    .filter((host) => host !== '');
  if (hosts?.length) {
    options.allowedHosts = hosts;
  }
  if (environment.PUBLIC_BASE_URL) {
    options.publicBaseUrl = environment.PUBLIC_BASE_URL;
  }
  if (environment.TRUST_PROXY) {
    const trust = environment.TRUST_PROXY.trim().toLowerCase();
    if (trust !== 'true' && trust !== 'false') {
      throw new Error(`TRUST_PROXY is "${environment.TRUST_PROXY}": use true or false.`);
    }
    options.trustProxy = trust === 'true';
  }
  return options;
}
