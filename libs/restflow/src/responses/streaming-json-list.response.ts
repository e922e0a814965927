import { encodeStreamJson } from './stream-json.util';
import type { StreamSource } from './stream-source.types';
import { StreamingResponse, type StreamingResponseOptions } from './streaming-response';

/**
 * One JSON array (`application/json`), written element by element: `[`, the first item, then
 * `,` and the next item for each further one, then `]`; an empty iterable is `[]`. Items are
 * read one at a time, as the client reads.
 *
 * If the iterable fails after the first byte, the array is left open and the connection is cut
 * (the client sees an incomplete body, never a shorter valid list); the error is logged once.
 * Before the first byte, the answer is the normal error envelope with its status. A shutdown of
 * the application mid-stream cuts it the same way. (drf-restflow closes the array with `]` on an
 * error, which makes a truncated list look complete; this port does not.)
 *
 * @example
 * ```ts
 * @Get('all')
 * all() {
 *   return new StreamingJSONListResponse(iterateQuery(this.products.createQueryBuilder('p')));
 * }
 * // [{"id": 1, "name": "Desk"},{"id": 2, "name": "Lamp"}]
 * ```
 * @publicApi
 */
export class StreamingJSONListResponse extends StreamingResponse {
  constructor(source: StreamSource<unknown>, options: StreamingResponseOptions = {}) {
    const encode = options.encode ?? encodeStreamJson;
    super(
      source,
      {
        item: (value, index) => `${index === 0 ? '[' : ','}${encode(value)}`,
        end: (count) => (count === 0 ? '[]' : ']'),
        failure: () => null,
      },
      'application/json',
      options,
    );
  }
}
