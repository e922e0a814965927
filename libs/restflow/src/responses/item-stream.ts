import { Readable } from 'node:stream';
import { openSource, type StreamFraming, type StreamSource } from './stream-source.types';

/** The longest the stream writes without letting other I/O of the process run. */
const YIELD_AFTER_MS = 10;
/**
 * Item texts waiting to be sent go out together once they reach this many characters (else at
 * the next turn of the event loop): one write to the socket per chunk rather than per item.
 */
const CHUNK_CHARS = 16 * 1024;

/** What the stream asks of its response: error envelopes, logging, cutting the connection. */
export interface ItemStreamHooks {
  /** The envelope of an error that ends the stream after its first byte. */
  envelopeOf(error: unknown): unknown;
  /** The error of a stream ended by the application's shutdown. */
  interruptionError(): Error;
  /** Logs a failure after the first byte (exactly once per stream). */
  logFailure(error: unknown, items: number): void;
  /** Cuts the client's connection; `false` when no response is bound (nothing to cut). */
  abortConnection(): boolean;
  /** The error of a stream read before anyone called `prime()` (no interceptor prepared it). */
  unpreparedError(): Error;
}

/**
 * A byte stream over an iterator of items that pulls items only when its reader wants more:
 * piped into an HTTP response, the next items are read once the socket has taken the last
 * chunk. Items that come without waiting are sent together, up to `CHUNK_CHARS` characters or
 * until the event loop turns (an item that took I/O to come goes out at once, so a live event
 * is not held back). Its high-water mark is 0, so at most one chunk waits here while the
 * response is full.
 *
 * @internal
 */
export class ItemStream extends Readable {
  private readonly abortController = new AbortController();
  private items: Iterator<unknown> | AsyncIterator<unknown> | undefined;
  private pulling = false;
  private wanted = false;
  /** No more pulls: the iterator ended, failed, was closed or interrupted. */
  private finished = false;
  private pushedText = false;
  private bodyEnded = false;
  private count = 0;
  private firstChunk: Promise<void> | undefined;
  private settleFirst: ((error?: unknown) => void) | undefined;
  /**
   * When the stream began working without the event loop having turned (I/O polled, timers
   * run) since; `undefined` once it has turned. Kept across `pump()` calls: the response's
   * `_read()` starts a new one for each item taken, so a per-call measure would never run out.
   */
  private busySince: number | undefined;
  /** Framed text not yet handed to the reader (less than `CHUNK_CHARS`). */
  private pending = '';
  private flushArmed = false;

  constructor(
    private readonly source: StreamSource<unknown>,
    private readonly framing: StreamFraming,
    private readonly hooks: ItemStreamHooks,
  ) {
    super({ highWaterMark: 0 });
  }

  /** Aborts when the client goes away or the application shuts down. */
  get signal(): AbortSignal {
    return this.abortController.signal;
  }

  /** Items framed so far. */
  get itemCount(): number {
    return this.count;
  }

  /** Whether any byte of the body has been produced. */
  get started(): boolean {
    return this.pushedText;
  }

  /**
   * Pulls until the first bytes of the body are ready (or the stream ended empty). Rejects with
   * the error of the iterator (or of encoding the first item): nothing has been sent, so the
   * caller answers with the normal error envelope.
   */
  prime(): Promise<void> {
    if (!this.firstChunk) {
      this.firstChunk = new Promise<void>((resolve, reject) => {
        this.settleFirst = (error?: unknown) => {
          this.settleFirst = undefined;
          if (error === undefined) resolve();
          else reject(asError(error));
        };
      });
      if (this.pushedText || this.bodyEnded) {
        this.settleFirst?.();
      } else {
        this.wanted = true;
        void this.pump();
      }
    }
    return this.firstChunk;
  }

  /**
   * Ends the stream at application shutdown, the way its framing says (a clean end, a last
   * line, or a cut connection). Before the first byte it ends empty and `prime()` resolves.
   */
  interrupt(): void {
    if (this.finished || this.destroyed) return;
    if (this.framing.endsAtShutdown) {
      this.finish();
      this.settleFirst?.();
      this.endBody();
      return;
    }
    const error = this.hooks.interruptionError();
    if (!this.pushedText) {
      this.fail(error);
      return;
    }
    this.finish();
    this.endWithFailure(error);
  }

  override _read(): void {
    if (this.firstChunk === undefined) {
      this.destroy(this.hooks.unpreparedError());
      return;
    }
    this.wanted = true;
    void this.pump();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.pending = '';
    this.finish();
    callback(error);
  }

  private async pump(): Promise<void> {
    if (this.pulling) return;
    this.pulling = true;
    try {
      // `wanted` stays set until a chunk is handed over (see `flush()`).
      while (this.wanted && !this.finished && !this.destroyed) {
        await this.step();
        await this.letEventLoopTurn();
      }
    } finally {
      this.pulling = false;
    }
  }

  /**
   * Waits for one turn of the event loop once the stream has worked for `YIELD_AFTER_MS`
   * without one. An iterator that never waits for I/O (sql.js, PGlite, an array) feeding a
   * socket whose kernel buffers still take bytes would otherwise keep the event loop to itself
   * until those buffers are full: no other request, and not even this client's disconnect,
   * would be seen (seconds of rows on a fast machine).
   */
  private async letEventLoopTurn(): Promise<void> {
    const now = Date.now();
    if (this.busySince === undefined) {
      this.busySince = now;
      // Runs after the next poll for I/O: from then on, the loop has turned.
      setImmediate(() => {
        this.busySince = undefined;
      });
      return;
    }
    if (now - this.busySince >= YIELD_AFTER_MS) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Pulls one item and writes its text; on the end or an error, finishes the body. */
  private async step(): Promise<void> {
    let result: IteratorResult<unknown>;
    let text: string;
    try {
      this.items ??= openSource(this.source, this.abortController.signal);
      result = await this.nextWithHeartbeat(this.items);
      if (this.finished || this.destroyed) return;
      text = result.done ? '' : this.framing.item(result.value, this.count);
    } catch (error) {
      if (this.finished || this.destroyed) return;
      this.fail(error);
      return;
    }
    if (result.done) {
      // The iterator is done: no return() is due.
      this.items = undefined;
      this.finished = true;
      this.write(this.framing.end(this.count));
      this.endBody();
      this.settleFirst?.();
      return;
    }
    this.count += 1;
    this.write(text);
    this.settleFirst?.();
  }

  /** `iterator.next()`, writing heartbeat texts while it is pending and the reader is idle. */
  private async nextWithHeartbeat(
    iterator: Iterator<unknown> | AsyncIterator<unknown>,
  ): Promise<IteratorResult<unknown>> {
    const heartbeat = this.framing.heartbeat;
    if (!heartbeat) {
      return iterator.next();
    }
    const timer = setInterval(() => {
      if (this.finished || this.destroyed || this.readableLength > 0 || this.pending !== '') {
        return;
      }
      this.write(heartbeat.text);
      this.settleFirst?.();
    }, heartbeat.intervalMs);
    try {
      return await iterator.next();
    } finally {
      clearInterval(timer);
    }
  }

  private fail(error: unknown): void {
    // A failed iterator is done: no return() is due.
    this.items = undefined;
    this.finish();
    if (!this.pushedText && this.settleFirst) {
      // Nothing sent yet and someone waits for the start: they answer with the envelope.
      this.settleFirst(error);
      this.destroy();
      return;
    }
    if (!this.pushedText) {
      // Read without prime(): no interceptor prepared this response. The adapter answers.
      this.destroy(asError(error));
      return;
    }
    this.hooks.logFailure(error, this.count);
    this.endWithFailure(error);
  }

  /**
   * Ends a body already begun the way its framing ends a failure: a last text (NDJSON's error
   * line, SSE's `error` event) and a clean end, or a cut connection (a JSON array).
   */
  private endWithFailure(error: unknown): void {
    const text = this.framing.failure(this.hooks.envelopeOf(error));
    if (text === null) {
      this.cut(error);
      return;
    }
    this.write(text);
    this.endBody();
  }

  /** Cuts the connection so that the client cannot take the body for complete. */
  private cut(error: unknown): void {
    this.flush();
    if (!this.hooks.abortConnection()) {
      this.destroy(asError(error));
    }
  }

  /** Stops pulling and closes the iterator (its `finally` blocks run, connections go back). */
  private finish(): void {
    if (this.finished && this.items === undefined) return;
    this.finished = true;
    this.abortController.abort();
    const iterator = this.items;
    this.items = undefined;
    if (iterator?.return) {
      // Not awaited: an async generator runs return() only after a pending next() settles.
      Promise.resolve()
        .then(() => iterator.return?.())
        .catch((error: unknown) => this.hooks.logFailure(error, this.count));
    }
  }

  /** Adds text to the chunk being gathered; a full chunk is handed over at once. */
  private write(text: string): void {
    if (text === '' || this.destroyed || this.bodyEnded) return;
    this.pushedText = true;
    this.pending += text;
    if (this.pending.length >= CHUNK_CHARS) {
      this.flush();
    } else if (!this.flushArmed) {
      // The rest goes once the event loop turns: after the items that came without waiting.
      this.flushArmed = true;
      setImmediate(() => {
        this.flushArmed = false;
        this.flush();
      });
    }
  }

  /** Hands the gathered text to the reader; the next pull waits for it to want more. */
  private flush(): void {
    if (this.pending === '' || this.destroyed) return;
    const text = this.pending;
    this.pending = '';
    this.wanted = false;
    this.push(text, 'utf8');
  }

  private endBody(): void {
    if (this.destroyed || this.bodyEnded) return;
    this.flush();
    this.bodyEnded = true;
    this.push(null);
  }
}

function asError(error: unknown): Error {
  return error instanceof Error
    ? error
    : new Error('The stream failed with a value that is not an Error.', { cause: error });
}
