/**
 * What the response cache stores: the status, the body (JSON data) and the headers the handler
 * set, plus the entity tag of the body.
 *
 * @internal
 */
export interface CachedResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string | string[]>>;
  readonly etag: string;
}
