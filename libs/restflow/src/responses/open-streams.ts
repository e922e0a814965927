import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { StreamingResponse } from './streaming-response';

/** How long the shutdown waits for interrupted streams to close. */
const CLOSE_WAIT_MS = 2000;

/**
 * The streaming responses being sent. At application shutdown (`app.close()`, or SIGTERM with
 * `enableShutdownHooks()`), before the HTTP server stops accepting, it ends every one of them, so
 * that an open event stream never holds `app.close()` up: SSE streams end cleanly, NDJSON
 * streams with a `service_unavailable` error line, JSON arrays by cutting the connection.
 * `RestflowModule` provides it; the streams it starts (or `StreamingResponseInterceptor`) fill it.
 *
 * @example
 * ```ts
 * const streams = app.get(OpenStreams);
 * streams.size; // responses being streamed now
 * ```
 * @publicApi
 */
@Injectable()
export class OpenStreams implements BeforeApplicationShutdown {
  private readonly logger = new Logger('OpenStreams');
  private readonly open = new Set<StreamingResponse>();
  private shuttingDown = false;

  /** How many responses are being streamed. */
  get size(): number {
    return this.open.size;
  }

  /** Tracks `response` until its stream closes; at shutdown, interrupts it at once. */
  track(response: StreamingResponse): void {
    if (this.shuttingDown) {
      response.interrupt();
      return;
    }
    this.open.add(response);
    void response.closed().then(() => this.open.delete(response));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    if (this.open.size === 0) return;
    const responses = [...this.open];
    this.logger.log(`Ending ${responses.length} open stream(s) for the shutdown.`);
    for (const response of responses) {
      response.interrupt();
    }
    // Bounded: a client that reads nothing cannot hold the shutdown up.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(responses.map((response) => response.closed())),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, CLOSE_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
  }
}
