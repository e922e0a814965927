/**
 * The HTTP methods that only read (DRF's `SAFE_METHODS`), upper-case.
 *
 * @example
 * ```ts
 * const readOnly = SAFE_METHODS.includes(request.method.toUpperCase());
 * ```
 * @publicApi
 */
export const SAFE_METHODS: readonly string[] = Object.freeze(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether the request only reads (`GET`, `HEAD` or `OPTIONS`).
 *
 * @example
 * ```ts
 * hasObjectPermission(request: RestflowRequest, _view: unknown, post: Post) {
 *   return isSafeMethod(request) || post.authorId === (request.user as User).id;
 * }
 * ```
 * @publicApi
 */
export function isSafeMethod(request: { readonly method: string }): boolean {
  return SAFE_METHODS.includes(request.method.toUpperCase());
}
