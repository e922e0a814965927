import { HttpStatus } from '@nestjs/common';

/**
 * The stable, machine-readable codes of the error envelope
 * `{ "error": { "code", "message", "details" } }`. Clients switch on these strings; they never
 * change between versions.
 *
 * @example
 * ```ts
 * if (body.error.code === ErrorCode.THROTTLED) retryLater(body.error.details.retry_after_seconds);
 * ```
 * @publicApi
 */
export const ErrorCode = {
  NOT_AUTHENTICATED: 'not_authenticated',
  AUTHENTICATION_FAILED: 'authentication_failed',
  PERMISSION_DENIED: 'permission_denied',
  VALIDATION_ERROR: 'validation_error',
  PARSE_ERROR: 'parse_error',
  NOT_FOUND: 'not_found',
  METHOD_NOT_ALLOWED: 'method_not_allowed',
  UNSUPPORTED_MEDIA_TYPE: 'unsupported_media_type',
  NOT_ACCEPTABLE: 'not_acceptable',
  THROTTLED: 'throttled',
  CONFLICT: 'conflict',
  INTERNAL_ERROR: 'internal_error',
  SERVICE_UNAVAILABLE: 'service_unavailable',
} as const;

/**
 * One of the {@link ErrorCode} values.
 *
 * @example
 * ```ts
 * const code: ErrorCode = ErrorCode.CONFLICT; // 'conflict'
 * ```
 * @publicApi
 */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The HTTP status each code is sent with unless an exception overrides it (a request body that is
 * too large is a `parse_error` sent as 413, for example).
 *
 * @example
 * ```ts
 * ERROR_CODE_STATUS[ErrorCode.NOT_FOUND]; // 404
 * ```
 * @publicApi
 */
export const ERROR_CODE_STATUS: Readonly<Record<ErrorCode, HttpStatus>> = Object.freeze({
  not_authenticated: HttpStatus.UNAUTHORIZED,
  authentication_failed: HttpStatus.UNAUTHORIZED,
  permission_denied: HttpStatus.FORBIDDEN,
  validation_error: HttpStatus.BAD_REQUEST,
  parse_error: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  method_not_allowed: HttpStatus.METHOD_NOT_ALLOWED,
  unsupported_media_type: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  not_acceptable: HttpStatus.NOT_ACCEPTABLE,
  throttled: HttpStatus.TOO_MANY_REQUESTS,
  conflict: HttpStatus.CONFLICT,
  internal_error: HttpStatus.INTERNAL_SERVER_ERROR,
  service_unavailable: HttpStatus.SERVICE_UNAVAILABLE,
});
