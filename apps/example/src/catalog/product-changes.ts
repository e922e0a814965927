import { Injectable, type OnApplicationShutdown } from '@nestjs/common';

/** What happened to a product, as `GET /api/events` announces it. */
export interface ProductChange {
  /** Increasing number of the change in this process (the SSE `id`). */
  seq: number;
  type: 'created' | 'updated' | 'deleted';
  id: number;
  name?: string;
}

/** Changes one subscriber may have unread before it is dropped (a client that stopped reading). */
const MAX_PENDING = 1000;

/**
 * An in-process bus of product changes: the product viewset's perform hooks publish, each
 * `GET /api/events` stream subscribes. One process only; several instances would need a shared
 * channel (Redis pub/sub, ...).
 */
@Injectable()
export class ProductChanges implements OnApplicationShutdown {
  private seq = 0;
  private readonly subscribers = new Set<Subscriber>();

  /** Announces a change to every subscriber. */
  publish(change: Omit<ProductChange, 'seq'>): void {
    this.seq += 1;
    for (const subscriber of this.subscribers) {
      subscriber.offer({ ...change, seq: this.seq });
    }
  }

  /** How many streams listen now. */
  get listeners(): number {
    return this.subscribers.size;
  }

  /**
   * The changes from now on, until `signal` aborts (the client left, the app shuts down): an
   * async iterator whose pending `next()` settles at once on abort or `return()`.
   */
  subscribe(signal: AbortSignal): AsyncIterableIterator<ProductChange> {
    const subscriber = new Subscriber(() => this.subscribers.delete(subscriber));
    this.subscribers.add(subscriber);
    if (signal.aborted) subscriber.close();
    else signal.addEventListener('abort', () => subscriber.close(), { once: true });
    return subscriber;
  }

  onApplicationShutdown(): void {
    for (const subscriber of this.subscribers) subscriber.close();
  }
}

class Subscriber implements AsyncIterableIterator<ProductChange> {
  private readonly pending: ProductChange[] = [];
  private waiting: ((result: IteratorResult<ProductChange>) => void) | undefined;
  private failed: Error | undefined;
  private closed = false;

  constructor(private readonly onClose: () => void) {}

  offer(change: ProductChange): void {
    if (this.closed) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: change, done: false });
      return;
    }
    if (this.pending.length >= MAX_PENDING) {
      // Never buffer without bound: the stream ends with an error event instead.
      this.failed = new Error(`The event stream fell more than ${MAX_PENDING} changes behind.`);
      this.close();
      return;
    }
    this.pending.push(change);
  }

  next(): Promise<IteratorResult<ProductChange>> {
    const change = this.pending.shift();
    if (change) return Promise.resolve({ value: change, done: false });
    if (this.failed) return Promise.reject(this.failed);
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<ProductChange>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    // A failed stream still hands over what is pending, then its error; a closed one stops.
    if (!this.failed) this.pending.length = 0;
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve?.({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ProductChange> {
    return this;
  }
}
