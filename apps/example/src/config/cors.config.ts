import type { INestApplication } from '@nestjs/common';

/**
 * Cross-origin requests stay refused (no CORS headers) unless `CORS_ORIGINS` lists the browser
 * origins allowed to call the API, comma-separated, e.g.
 * `CORS_ORIGINS=https://shop.example.com,http://localhost:5173`. Each must be a bare origin
 * (scheme, host, optional port); `*` is refused, so that a typo cannot open the API to every site.
 *
 * @returns the allowed origins (empty: CORS stays off).
 * @throws {Error} naming `CORS_ORIGINS` and the bad entry.
 */
export function corsOrigins(environment: NodeJS.ProcessEnv = process.env): string[] {
  const entries = (environment.CORS_ORIGINS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of entries) {
    const valid =
      URL.canParse(entry) &&
      /^https?:$/.test(new URL(entry).protocol) &&
      new URL(entry).origin === entry;
    if (!valid) {
      throw new Error(
        `CORS_ORIGINS has "${entry}", which is not an origin. Use scheme://host[:port] without a path or trailing slash, e.g. https://shop.example.com.`,
      );
    }
  }
  return entries;
}

/**
 * Enables CORS for the origins of {@link corsOrigins}, or leaves it off. `main.ts` calls it; so do
 * the tests, with their own environment.
 *
 * @example
 * ```ts
 * enableCorsFromEnvironment(app, { CORS_ORIGINS: 'https://shop.example.com' });
 * ```
 */
export function enableCorsFromEnvironment(
  app: INestApplication,
  environment: NodeJS.ProcessEnv = process.env,
): void {
  const origins = corsOrigins(environment);
  if (origins.length > 0) {
    app.enableCors({ origin: origins });
  }
}
