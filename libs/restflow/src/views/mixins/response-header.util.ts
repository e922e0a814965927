/** Sets a header on an Express response or a Fastify reply (both have `header()`). @internal */
export function setResponseHeader(response: unknown, name: string, value: string): void {
  (response as { header(name: string, value: string): unknown }).header(name, value);
}
