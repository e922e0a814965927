/**
 * What the response cache stores: the status, the body and the headers the handler set, plus
 * the entity tag and `Last-Modified` of the body. An object or array body is stored as its JSON
 * text (`json`), serialized once when it is stored and sent as it is on every hit; any other
 * body (a string, a number) is stored as it is (`body`), so that the adapter answers it as it
 * did the first time.
 *
 * @internal
 */
export interface CachedResponse {
  readonly status: number;
  /** The body of a response that was not sent as JSON. */
  readonly body?: unknown;
  /** The JSON text of an object or array body. */
  readonly json?: string;
  readonly headers: Readonly<Record<string, string | string[]>>;
  readonly etag: string;
  /** `Last-Modified`, from `cachedAt`. */
  readonly lastModified?: string;
}
