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

  private static readonly instances = new WeakMap<CacheRuntime, Map<object, object>>();

  /** Binds `instance` (whose cached methods are `targets`) to the runtime of its app. */
  static bindInstance(instance: object, runtime: CacheRuntime, targets: readonly object[]): void {
    this.byInstance.set(instance, runtime);
    let byTarget = this.instances.get(runtime);
    if (!byTarget) {
      byTarget = new Map();
      this.instances.set(runtime, byTarget);
    }
    for (const target of targets) byTarget.set(target, instance);
  }

  /** The instance of `runtime`'s app that owns the cached method `target`, if any. */
  static instanceOf(target: object, runtime: CacheRuntime): object | undefined {
    return this.instances.get(runtime)?.get(target);
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
