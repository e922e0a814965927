import { HttpException, HttpStatus } from '@nestjs/common';
import { ErrorCode } from './error-code';

/**
 * Free-form, JSON-serialisable data that explains an error: per-field messages for
 * `validation_error`, `retry_after_seconds` for `throttled`, anything a subclass needs.
 *
 * @example
 * ```ts
 * const details: ErrorDetails = { name: ['This field is required.'] };
 * ```
 * @publicApi
 */
export type ErrorDetails = Record<string, unknown>;

/**
 * The body every failure is rendered as by {@link RestflowExceptionFilter}.
 *
 * @example
 * ```json
 * { "error": { "code": "not_found", "message": "Not found.", "details": {} } }
 * ```
 * @publicApi
 */
export interface ErrorEnvelope {
  error: {
    code: string;
    message: string;
    details: ErrorDetails;
  };
}

/**
 * What one {@link APIException} carries besides its class defaults.
 *
 * @example
 * ```ts
 * throw new ProductLocked({ details: { lockedBy: 7 } });
 * ```
 * @publicApi
 */
export interface APIExceptionOptions {
  /** Overrides the class's `defaultMessage`. */
  message?: string;
  /** Sent as `error.details`. @default {} */
  details?: ErrorDetails;
  /** Overrides the class's `code`. */
  code?: string;
  /** Overrides the class's `status`. */
  status?: number;
  /** Response headers that belong to this error (`WWW-Authenticate`, `Retry-After`, `Allow`). */
  headers?: Record<string, string>;
  /** The underlying error, kept for logs; never sent. */
  cause?: unknown;
}

/**
 * Base class of every error the library renders, and the class your own errors extend. The
 * class-level `code`, `status` and `defaultMessage` play the role of DRF's `code`, `status_code`
 * and `default_detail`; each instance may override them and add `details` and `headers`.
 *
 * It extends Nest's `HttpException`, so a Nest app without {@link RestflowExceptionFilter} still
 * answers with the right status.
 *
 * @example
 * ```ts
 * export class ProductLocked extends APIException {
 *   static override code = ErrorCode.CONFLICT;
 *   static override status = HttpStatus.CONFLICT;
 *   static override defaultMessage = 'The product is locked for editing.';
 * }
 *
 * throw new ProductLocked({ details: { lockedBy: user.id } });
 * // 409 {"error":{"code":"conflict","message":"The product is locked for editing.","details":{"lockedBy":7}}}
 * ```
 * @publicApi
 */
export class APIException extends HttpException {
  /** Error code sent when the instance does not override it. */
  static code: string = ErrorCode.INTERNAL_ERROR;
  /** HTTP status sent when the instance does not override it. */
  static status: number = HttpStatus.INTERNAL_SERVER_ERROR;
  /** Message sent when the instance does not give one. */
  static defaultMessage = 'A server error occurred.';

  /** The envelope's `code`. */
  readonly code: string;
  /** The envelope's `details`. */
  readonly details: ErrorDetails;
  /** Headers the exception filter sets on the error response. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(messageOrOptions?: string | APIExceptionOptions) {
    const options =
      typeof messageOrOptions === 'string'
        ? { message: messageOrOptions }
        : (messageOrOptions ?? {});
    const defaults = new.target;
    const message = options.message ?? defaults.defaultMessage;
    super(message, options.status ?? defaults.status, { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? defaults.code;
    this.details = options.details ?? {};
    this.headers = Object.freeze({ ...options.headers });
  }

  /** The response body of this error. */
  toEnvelope(): ErrorEnvelope {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}
