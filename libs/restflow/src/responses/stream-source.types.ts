/**
 * What a streaming response reads its items from: any sync or async iterable (an array, a
 * generator, a database iteration), or a function that receives an `AbortSignal` and returns
 * one. The signal aborts when the client goes away or the application shuts down; a generator
 * that waits for something open-ended (a message, a timer) should stop waiting then, because
 * `return()` of an async generator cannot interrupt an `await` in progress.
 *
 * @example
 * ```ts
 * const source: StreamSource<Tick> = async function* (signal) {
 *   while (!signal.aborted) yield await nextTick(signal);
 * };
 * ```
 * @publicApi
 */
export type StreamSource<TItem> =
  | Iterable<TItem>
  | AsyncIterable<TItem>
  | ((signal: AbortSignal) => Iterable<TItem> | AsyncIterable<TItem>);

/**
 * How a response type writes its items, its end and its failures.
 *
 * @internal
 */
export interface StreamFraming {
  /** The text of item number `index` (0-based). May throw (an item that cannot be encoded). */
  item(value: unknown, index: number): string;
  /** The text after the last of `count` items. */
  end(count: number): string;
  /**
   * The last text of a stream that fails after its first byte (also at shutdown), or `null` to
   * cut the connection so the client sees an incomplete response.
   */
  failure(envelope: unknown): string | null;
  /** At shutdown the stream just ends (SSE: the client reconnects), rather than failing. */
  endsAtShutdown?: boolean;
  /** A text to write when no item came for `intervalMs` (SSE comments). */
  heartbeat?: { intervalMs: number; text: string };
}

/** Opens the iterator of a source, passing the signal to a function source. @internal */
export function openSource<TItem>(
  source: StreamSource<TItem>,
  signal: AbortSignal,
): Iterator<TItem> | AsyncIterator<TItem> {
  const iterable = typeof source === 'function' ? source(signal) : source;
  if (isAsyncIterable(iterable)) {
    return iterable[Symbol.asyncIterator]();
  }
  if (isIterable(iterable)) {
    return iterable[Symbol.iterator]();
  }
  throw new TypeError(
    'A streaming response needs an iterable or async iterable of items (or a function that ' +
      `returns one); the source gave ${iterable === null ? 'null' : typeof iterable}.`,
  );
}

/** Checks a source when the response is built, so a wrong one fails in the handler. @internal */
export function assertSource(source: unknown): void {
  if (typeof source !== 'function' && !isAsyncIterable(source) && !isIterable(source)) {
    throw new TypeError(
      'A streaming response needs an iterable or async iterable of items (or a function that ' +
        `returns one), not ${source === null ? 'null' : typeof source}.`,
    );
  }
  if (typeof source === 'string') {
    throw new TypeError(
      'A streaming response needs an iterable of items, not a string (which would stream ' +
        'one character per item). Fix: wrap it in an array.',
    );
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function'
  );
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'string') &&
    value !== null &&
    typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function'
  );
}
