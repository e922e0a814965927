/**
 * A token that cannot be trusted: malformed, badly signed, expired, issued for someone else, of
 * the wrong type. The message is the reason as PyJWT words it ("Token has expired.",
 * "Signature verification failed", "Not enough segments", ...); the JWT authenticator and the
 * token endpoints turn it into a 401 `authentication_failed` whose `details.code` is `code`.
 *
 * @example
 * ```ts
 * try {
 *   tokens.verify(RefreshToken, raw);
 * } catch (error) {
 *   if (error instanceof TokenError) console.log(error.message); // "Token has expired."
 * }
 * ```
 * @publicApi
 */
export class TokenError extends Error {
  constructor(
    message: string,
    /** DRF's sub-code of the failure. */
    readonly code = 'invalid_token',
  ) {
    super(message || 'Token is invalid.');
    this.name = 'TokenError';
  }
}
