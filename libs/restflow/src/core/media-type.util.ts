/**
 * The media type of a `Content-Type` header, lower-cased and without parameters
 * (`application/json; charset=utf-8` → `application/json`), or `''` when there is none.
 *
 * @example
 * ```ts
 * mediaTypeOf('Application/JSON; charset=utf-8'); // 'application/json'
 * ```
 * @internal
 */
export function mediaTypeOf(header: string | undefined): string {
  return header?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
}
