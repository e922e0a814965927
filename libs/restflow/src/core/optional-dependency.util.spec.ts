import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { loadOptionalDependency } from './optional-dependency.util';

describe('loadOptionalDependency', () => {
  it('loads an installed package', () => {
    const { createCache } = loadOptionalDependency<typeof import('cache-manager')>(
      'cache-manager',
      'MemoryCacheStore (caching)',
      'caching.store',
    );
    expect(typeof createCache).toBe('function');
  });

  it('names the missing package, the feature and the install command', () => {
    let caught: unknown;
    try {
      loadOptionalDependency('restflow-not-installed-package', 'RedisCacheStore', 'caching.store');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RestflowConfigError);
    expect((caught as RestflowConfigError).option).toBe('caching.store');
    expect((caught as Error).message).toBe(
      'RedisCacheStore needs the package "restflow-not-installed-package", which is not ' +
        'installed. Fix: npm install restflow-not-installed-package (an optional peer ' +
        'dependency of nestjs-restflow), or do not use RedisCacheStore.',
    );
  });
});
