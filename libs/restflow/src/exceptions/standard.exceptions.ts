/**
 * One exception class per {@link ErrorCode}, named after DRF's exceptions. Each is an
 * {@link APIException}, so it takes an optional message or {@link APIExceptionOptions}.
 */
import { HttpStatus } from '@nestjs/common';
import { APIException, type APIExceptionOptions, type ErrorDetails } from './api.exception';
import { ErrorCode } from './error-code';

/**
 * 401 `not_authenticated`: the request carries no credentials and the action needs them.
 * Pass the challenge as a header so clients know how to authenticate.
 *
 * @example
 * ```ts
 * throw new NotAuthenticated({ headers: { 'WWW-Authenticate': 'Bearer realm="api"' } });
 * ```
 * @publicApi
 */
export class NotAuthenticated extends APIException {
  static override code: string = ErrorCode.NOT_AUTHENTICATED;
  static override status: number = HttpStatus.UNAUTHORIZED;
  static override defaultMessage = 'Authentication credentials were not provided.';
}

/**
 * 401 `authentication_failed`: credentials were sent but are wrong, expired or revoked.
 *
 * @example
 * ```ts
 * throw new AuthenticationFailed('Token is expired.');
 * ```
 * @publicApi
 */
export class AuthenticationFailed extends APIException {
  static override code: string = ErrorCode.AUTHENTICATION_FAILED;
  static override status: number = HttpStatus.UNAUTHORIZED;
  static override defaultMessage = 'Incorrect authentication credentials.';
}

/**
 * 403 `permission_denied`: the caller is known but may not perform the action.
 *
 * @example
 * ```ts
 * throw new PermissionDenied('Only the author may edit a review.');
 * ```
 * @publicApi
 */
export class PermissionDenied extends APIException {
  static override code: string = ErrorCode.PERMISSION_DENIED;
  static override status: number = HttpStatus.FORBIDDEN;
  static override defaultMessage = 'You do not have permission to perform this action.';
}

/**
 * 400 `validation_error`: the input is well-formed but invalid. `details` maps each field to its
 * messages (`{ "name": ["This field is required."] }`), nested objects for nested input and
 * `non_field_errors` for errors that concern the whole object.
 *
 * @example
 * ```ts
 * throw new ValidationFailed({ details: { email: ['Enter a valid email address.'] } });
 * ```
 * @publicApi
 */
export class ValidationFailed extends APIException {
  static override code: string = ErrorCode.VALIDATION_ERROR;
  static override status: number = HttpStatus.BAD_REQUEST;
  static override defaultMessage = 'Request validation failed.';
}

/**
 * 400 `parse_error`: the request body cannot be read (malformed JSON, for example). Also sent
 * with status 413 when the body is larger than the server accepts.
 *
 * @example
 * ```ts
 * throw new ParseError('Malformed CSV on line 3.');
 * ```
 * @publicApi
 */
export class ParseError extends APIException {
  static override code: string = ErrorCode.PARSE_ERROR;
  static override status: number = HttpStatus.BAD_REQUEST;
  static override defaultMessage = 'Malformed request.';
}

/**
 * 404 `not_found`: no resource at this URL.
 *
 * @example
 * ```ts
 * throw new NotFound('No product with this slug.');
 * ```
 * @publicApi
 */
export class NotFound extends APIException {
  static override code: string = ErrorCode.NOT_FOUND;
  static override status: number = HttpStatus.NOT_FOUND;
  static override defaultMessage = 'Not found.';
}

/**
 * 405 `method_not_allowed`, with the `Allow` header listing the methods the URL serves.
 *
 * @example
 * ```ts
 * throw new MethodNotAllowed('PUT', ['GET', 'HEAD', 'POST']);
 * // 405, Allow: GET, HEAD, POST, {"error":{"code":"method_not_allowed","message":"Method \"PUT\" not allowed.",...}}
 * ```
 * @publicApi
 */
export class MethodNotAllowed extends APIException {
  static override code: string = ErrorCode.METHOD_NOT_ALLOWED;
  static override status: number = HttpStatus.METHOD_NOT_ALLOWED;
  static override defaultMessage = 'Method not allowed.';

  constructor(method: string, allowed: readonly string[], options: APIExceptionOptions = {}) {
    super({
      message: `Method "${method.toUpperCase()}" not allowed.`,
      ...options,
      headers: { Allow: allowed.join(', '), ...options.headers },
    });
  }
}

/**
 * 415 `unsupported_media_type`: the body's `Content-Type` is not one the server parses.
 *
 * @example
 * ```ts
 * throw new UnsupportedMediaType('text/csv');
 * // {"error":{"code":"unsupported_media_type","message":"Unsupported media type \"text/csv\" in request.",...}}
 * ```
 * @publicApi
 */
export class UnsupportedMediaType extends APIException {
  static override code: string = ErrorCode.UNSUPPORTED_MEDIA_TYPE;
  static override status: number = HttpStatus.UNSUPPORTED_MEDIA_TYPE;
  static override defaultMessage = 'Unsupported media type in request.';

  constructor(mediaType?: string, options: APIExceptionOptions = {}) {
    super({
      message: mediaType ? `Unsupported media type "${mediaType}" in request.` : undefined,
      ...options,
    });
  }
}

/**
 * 406 `not_acceptable`: the server cannot produce what the `Accept` header asks for.
 *
 * @example
 * ```ts
 * throw new NotAcceptable();
 * ```
 * @publicApi
 */
export class NotAcceptable extends APIException {
  static override code: string = ErrorCode.NOT_ACCEPTABLE;
  static override status: number = HttpStatus.NOT_ACCEPTABLE;
  static override defaultMessage = 'Could not satisfy the request Accept header.';
}

/**
 * 429 `throttled`. With a wait (seconds, rounded up) it sets `Retry-After` and
 * `details.retry_after_seconds` and says when to come back.
 *
 * @example
 * ```ts
 * throw new Throttled(12.7);
 * // 429, Retry-After: 13,
 * // {"error":{"code":"throttled","message":"Request was throttled. Expected available in 13 seconds.","details":{"retry_after_seconds":13}}}
 * ```
 * @publicApi
 */
export class Throttled extends APIException {
  static override code: string = ErrorCode.THROTTLED;
  static override status: number = HttpStatus.TOO_MANY_REQUESTS;
  static override defaultMessage = 'Request was throttled.';

  /** Whole seconds until the client may retry, or `null` when unknown. */
  readonly wait: number | null;

  constructor(wait?: number | null, options: APIExceptionOptions = {}) {
    const seconds = wait === undefined || wait === null ? null : Math.max(0, Math.ceil(wait));
    const retry: { details: ErrorDetails; headers: Record<string, string> } | undefined =
      seconds === null
        ? undefined
        : {
            details: { retry_after_seconds: seconds },
            headers: { 'Retry-After': String(seconds) },
          };
    const base = options.message ?? Throttled.defaultMessage;
    super({
      ...options,
      message:
        seconds === null
          ? base
          : `${base} Expected available in ${seconds} second${seconds === 1 ? '' : 's'}.`,
      details: { ...retry?.details, ...options.details },
      headers: { ...retry?.headers, ...options.headers },
    });
    this.wait = seconds;
  }
}

/**
 * 409 `conflict`: the request clashes with the current state, such as a duplicate unique value
 * or a row still referenced by others.
 *
 * @example
 * ```ts
 * throw new Conflict({ message: 'This slug is taken.', details: { fields: ['slug'] } });
 * ```
 * @publicApi
 */
export class Conflict extends APIException {
  static override code: string = ErrorCode.CONFLICT;
  static override status: number = HttpStatus.CONFLICT;
  static override defaultMessage = 'The request conflicts with the current state of the resource.';
}

/**
 * 500 `internal_error`. The filter sends only the generic message; the cause is logged.
 *
 * @example
 * ```ts
 * throw new InternalError({ cause: error });
 * ```
 * @publicApi
 */
export class InternalError extends APIException {
  static override code: string = ErrorCode.INTERNAL_ERROR;
  static override status: number = HttpStatus.INTERNAL_SERVER_ERROR;
  static override defaultMessage = 'A server error occurred.';
}

/**
 * 503 `service_unavailable`: a dependency is down or the server is overloaded.
 *
 * @example
 * ```ts
 * throw new ServiceUnavailable({ headers: { 'Retry-After': '30' } });
 * ```
 * @publicApi
 */
export class ServiceUnavailable extends APIException {
  static override code: string = ErrorCode.SERVICE_UNAVAILABLE;
  static override status: number = HttpStatus.SERVICE_UNAVAILABLE;
  static override defaultMessage = 'Service temporarily unavailable, try again later.';
}
