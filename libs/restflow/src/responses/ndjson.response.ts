import { encodeStreamJson } from './stream-json.util';
import type { StreamSource } from './stream-source.types';
import { StreamingResponse, type StreamingResponseOptions } from './streaming-response';

/**
 * Newline-delimited JSON (`application/x-ndjson`): each item as one line of JSON followed by
 * `\n`; an empty iterable is an empty body. Items are read one at a time, as the client reads,
 * so a whole table streams in constant memory.
 *
 * If the iterable fails after the first line, a last line `{"error": {"code", "message",
 * "details"}}` ends the body (a clean end, so a client must check the last line) and the error is
 * logged once. Before the first line, the answer is the normal error envelope with its status.
 * A shutdown of the application mid-stream ends it the same way, with `service_unavailable`.
 *
 * @example
 * ```ts
 * @Get('export')
 * export(@Req() request: RestflowRequest) {
 *   return new NDJSONResponse([{ id: 1 }, { id: 2 }]);
 * }
 * // {"id": 1}\n{"id": 2}\n
 * ```
 * @publicApi
 */
export class NDJSONResponse extends StreamingResponse {
  constructor(source: StreamSource<unknown>, options: StreamingResponseOptions = {}) {
    const encode = options.encode ?? encodeStreamJson;
    super(
      source,
      {
        item: (value) => `${encode(value)}\n`,
        end: () => '',
        failure: (envelope) => `${encode(envelope)}\n`,
      },
      'application/x-ndjson',
      options,
    );
  }
}
