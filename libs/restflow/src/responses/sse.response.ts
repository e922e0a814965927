import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { encodeStreamJson } from './stream-json.util';
import { formatSseComment, formatSseFrame } from './sse-frame.util';
import type { StreamSource } from './stream-source.types';
import type { SSEEvent } from './sse-event.interface';
import { StreamingResponse, type StreamingResponseOptions } from './streaming-response';

/**
 * Options of {@link SSEResponse}.
 *
 * @example
 * ```ts
 * new SSEResponse(events, { heartbeatMs: 15_000 });
 * ```
 * @publicApi
 */
export interface SSEResponseOptions extends StreamingResponseOptions {
  /**
   * Writes a comment line (`: heartbeat`) whenever no event came for this many milliseconds, so
   * that proxies and load balancers keep an idle stream open. A stream whose first event takes
   * longer starts with a heartbeat. `undefined` sends none.
   * @default undefined
   */
  heartbeatMs?: number;
  /** The text of the heartbeat comment (no CR or LF). @default 'heartbeat' */
  heartbeatComment?: string;
}

/**
 * Server-Sent Events (`text/event-stream`, with `Cache-Control: no-cache` and
 * `X-Accel-Buffering: no`): one frame per item. A string item is `{ data: item }`; an
 * {@link SSEEvent} writes `id:`, `event:`, `retry:` and one `data:` line per line of its data (not
 * a string: JSON encoded), ended by a blank line:
 * `{ id: 7, event: 'update', retry: 3000, data: { x: 1 } }` is
 * `id: 7\nevent: update\nretry: 3000\ndata: {"x": 1}\n\n`.
 *
 * If the iterable fails after the first byte, an `error` event carrying the error envelope
 * (`event: error\ndata: {"error": {...}}`) ends the stream, and the error is logged once; before
 * the first byte, the answer is the normal error envelope. An item that is neither a string nor
 * an event, or an `id`/`event`/`retry` with CR or LF, is such an error. At application shutdown
 * the stream ends cleanly (clients reconnect after `retry`). `Last-Event-ID` is the handler's to
 * read.
 *
 * @example
 * ```ts
 * @Get('events')
 * events() {
 *   return new SSEResponse(async function* (signal) {
 *     for await (const change of changes.subscribe(signal)) {
 *       yield { event: 'product', id: change.seq, data: change };
 *     }
 *   }, { heartbeatMs: 15_000 });
 * }
 * ```
 * @publicApi
 */
export class SSEResponse extends StreamingResponse {
  constructor(source: StreamSource<SSEEvent | string>, options: SSEResponseOptions = {}) {
    const encode = options.encode ?? encodeStreamJson;
    const heartbeat = heartbeatOf(options);
    super(
      source,
      {
        item: (value) => formatSseFrame(value, encode),
        end: () => '',
        failure: (envelope) => formatSseFrame({ event: 'error', data: envelope }, encode),
        endsAtShutdown: true,
        heartbeat,
      },
      'text/event-stream',
      options,
      { 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' },
    );
  }
}

function heartbeatOf(
  options: SSEResponseOptions,
): { intervalMs: number; text: string } | undefined {
  const { heartbeatMs, heartbeatComment = 'heartbeat' } = options;
  if (/[\r\n]/.test(heartbeatComment)) {
    throw new RestflowConfigError(
      'SSEResponse.heartbeatComment',
      'SSEResponse heartbeatComment must not contain CR or LF. Fix: use a one-line text.',
    );
  }
  if (heartbeatMs === undefined) {
    return undefined;
  }
  if (!Number.isInteger(heartbeatMs) || heartbeatMs < 10 || heartbeatMs > 2 ** 31 - 1) {
    throw new RestflowConfigError(
      'SSEResponse.heartbeatMs',
      `SSEResponse heartbeatMs is ${String(heartbeatMs)}. Fix: use a whole number of ` +
        'milliseconds of at least 10 (15000 is usual), or leave it out for no heartbeat.',
    );
  }
  return { intervalMs: heartbeatMs, text: formatSseComment(heartbeatComment) };
}
