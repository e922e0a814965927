/** Segments that would walk into prototypes rather than data. */
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Reads a dotted path (`user.id`) off a value: `undefined` as soon as a segment is missing or the
 * value is not an object. An empty path is the value itself.
 *
 * @internal
 */
export function resolvePath(value: unknown, path: string): unknown {
  if (path === '') {
    return value;
  }
  let current = value;
  for (const segment of path.split('.')) {
    if (current === null || (typeof current !== 'object' && typeof current !== 'function')) {
      return undefined;
    }
    if (FORBIDDEN.has(segment)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
