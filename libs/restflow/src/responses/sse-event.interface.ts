/**
 * One Server-Sent Event, as an item of an {@link SSEResponse}. Every field is optional; absent
 * fields write no line. A plain string item stands for `{ data: item }`.
 *
 * @example
 * ```ts
 * const event: SSEEvent = { id: 7, event: 'update', retry: 3000, data: { x: 1 } };
 * // id: 7\nevent: update\nretry: 3000\ndata: {"x": 1}\n\n
 * ```
 * @publicApi
 */
export interface SSEEvent {
  /** `id:` line (the client's `Last-Event-ID`). Must not contain CR or LF. */
  id?: string | number;
  /** `event:` line (the event type). Must not contain CR or LF. */
  event?: string;
  /** `retry:` line: the client's reconnection delay in milliseconds. */
  retry?: string | number;
  /**
   * One `data:` line per line of text (CRLF and CR count as LF); anything but a string is JSON
   * encoded first (`null` writes `data: null`).
   */
  data?: unknown;
}
