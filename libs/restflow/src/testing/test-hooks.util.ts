/** The hooks of the test runner, as Jest (and Vitest with `globals: true`) define them. */
interface TestHooks {
  beforeAll(fn: () => unknown, timeout?: number): void;
  afterAll(fn: () => unknown, timeout?: number): void;
  beforeEach(fn: () => unknown, timeout?: number): void;
  afterEach(fn: () => unknown, timeout?: number): void;
}

/**
 * The runner's global hooks; fails with the fix when they are missing (called outside a test
 * file, or Vitest without `globals`).
 *
 * @example
 * ```ts
 * testHooks('useTransactionalTests').beforeEach(() => begin());
 * ```
 * @internal
 */
export function testHooks(helper: string): TestHooks {
  const hooks = globalThis as unknown as Partial<TestHooks>;
  if (
    typeof hooks.beforeAll !== 'function' ||
    typeof hooks.afterAll !== 'function' ||
    typeof hooks.beforeEach !== 'function' ||
    typeof hooks.afterEach !== 'function'
  ) {
    throw new Error(
      `${helper}() needs the test runner's global hooks (beforeAll, afterEach, ...). Fix: call ` +
        `it at the top of a describe block in a Jest test file (or Vitest with globals: true).`,
    );
  }
  return hooks as TestHooks;
}
