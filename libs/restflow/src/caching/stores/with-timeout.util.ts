/**
 * The rejection of a cache store operation that did not finish in time.
 *
 * @example
 * ```ts
 * // CacheStoreTimeoutError: The redis cache store did not answer get within 500 ms.
 * ```
 * @publicApi
 */
export class CacheStoreTimeoutError extends Error {
  constructor(store: string, operation: string, timeoutMs: number) {
    super(`The ${store} cache store did not answer ${operation} within ${timeoutMs} ms.`);
    this.name = 'CacheStoreTimeoutError';
  }
}

/**
 * `promise`, or a {@link CacheStoreTimeoutError} after `timeoutMs`.
 *
 * @internal
 */
export function withTimeout<TValue>(
  promise: Promise<TValue>,
  timeoutMs: number,
  store: string,
  operation: string,
): Promise<TValue> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new CacheStoreTimeoutError(store, operation, timeoutMs)),
      timeoutMs,
    );
    timer.unref();
  });
  // A late rejection of the operation is already reported by the timeout.
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
