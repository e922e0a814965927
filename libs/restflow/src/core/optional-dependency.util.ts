import { RestflowConfigError } from '../exceptions/restflow-config.error';

/**
 * Loads an optional peer dependency (`cache-manager`, `keyv`, `@keyv/redis`, ...) at the moment a
 * feature needs it, so that an app that never uses that feature does not have to install it. A
 * missing package fails with a {@link RestflowConfigError} that names the package, the feature
 * that needs it and the command that installs it; any other load error is rethrown as it is.
 *
 * @param packageName the package to load, as it would be written in `require()`.
 * @param feature what needs it, for the message (`"MemoryCacheStore (caching)"`).
 * @param option the option path reported by the error (`"caching.store"`).
 * @example
 * ```ts
 * const { createCache } = loadOptionalDependency<typeof import('cache-manager')>(
 *   'cache-manager',
 *   'MemoryCacheStore (caching)',
 *   'caching.store',
 * );
 * ```
 * @internal
 */
export function loadOptionalDependency<TModule>(
  packageName: string,
  feature: string,
  option: string,
): TModule {
  try {
    // The library is CommonJS: this module's own `require` resolves from where the library is
    // installed (and goes through Jest's module registry in tests).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(packageName) as TModule;
  } catch (error) {
    if (isMissing(error, packageName)) {
      throw new RestflowConfigError(
        option,
        `${feature} needs the package "${packageName}", which is not installed. Fix: ` +
          `npm install ${packageName}` +
          (packageName === 'keyv' ? '@5' : '') +
          ` (an optional peer dependency of nestjs-restflow), or do not use ${feature}.`,
      );
    }
    throw error;
  }
}

/** Whether `error` says that `packageName` itself (not one of its own imports) is missing. */
function isMissing(error: unknown, packageName: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    message.includes(`'${packageName}'`)
  );
}
