import type { CacheRuntime } from './cache-runtime';

/**
 * Which runtime serves which cached function: a provider instance is bound to the runtime of
 * the app that created it (at boot); plain `cacheResult` functions use the runtime of the most
 * recently booted app that is still running.
 *
 * @internal
 */
export class CacheRuntimeRegistry {
  private static readonly byInstance = new WeakMap<object, CacheRuntime>();
  private static readonly running: CacheRuntime[] = [];

  static bindInstance(instance: object, runtime: CacheRuntime): void {
    this.byInstance.set(instance, runtime);
  }

  static start(runtime: CacheRuntime): void {
    this.running.push(runtime);
  }

  static stop(runtime: CacheRuntime): void {
    const index = this.running.lastIndexOf(runtime);
    if (index !== -1) this.running.splice(index, 1);
  }

  /** The runtime of `instance`, else the process default; `undefined` before any app boots. */
  static resolve(instance: unknown): CacheRuntime | undefined {
    if (typeof instance === 'object' && instance !== null) {
      const bound = this.byInstance.get(instance);
      if (bound) return bound;
    }
    return this.running[this.running.length - 1];
  }
}
