import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { DataSource } from 'typeorm';
import { APIException } from './api.exception';
import { toDatabaseException } from './database-errors';
import {
  Conflict,
  InternalError,
  NotAcceptable,
  NotAuthenticated,
  NotFound,
  ParseError,
  PermissionDenied,
  ServiceUnavailable,
  Throttled,
  UnsupportedMediaType,
  ValidationFailed,
} from './standard.exceptions';
import { detailsFromPipeMessages } from './validation-details';

/**
 * What the normaliser needs to know about the failed request.
 *
 * @internal
 */
export interface NormalizeContext {
  /** Key for messages that concern the whole body. */
  nonFieldErrorsKey: string;
  /** The request's `Content-Type`, named in 415 messages. */
  contentType?: string;
  /** The adapter's body limit for this route in bytes, when the adapter knows it. */
  bodyLimit?: number;
  /** Resolves entity and field names in conflict messages. */
  dataSource?: DataSource;
}

/** Nest exception statuses that map onto one of the stable codes. */
const EXCEPTION_BY_STATUS: Partial<Record<number, typeof APIException>> = {
  [HttpStatus.BAD_REQUEST]: ValidationFailed,
  [HttpStatus.UNAUTHORIZED]: NotAuthenticated,
  [HttpStatus.FORBIDDEN]: PermissionDenied,
  [HttpStatus.NOT_FOUND]: NotFound,
  [HttpStatus.NOT_ACCEPTABLE]: NotAcceptable,
  [HttpStatus.CONFLICT]: Conflict,
  [HttpStatus.GONE]: NotFound,
  [HttpStatus.UNPROCESSABLE_ENTITY]: ValidationFailed,
  [HttpStatus.SERVICE_UNAVAILABLE]: ServiceUnavailable,
};

/**
 * Normalises anything thrown into an {@link APIException}, the single input of the envelope:
 *
 * - an `APIException` is kept as it is, but a `ValidationFailed` with only a message gets the
 *   message as `details.non_field_errors` (DRF's `ValidationError('message')`);
 * - TypeORM's `EntityNotFoundError` and constraint violations become 404 and 409;
 * - body-parser and Fastify errors become `parse_error` (400, or 413 for a body over the limit;
 *   also a client that disconnected mid-body)
 *   and `unsupported_media_type` (415);
 * - Nest's `HttpException`s keep their status and message, with the code of their status
 *   (`ValidationPipe` messages become per-field `validation_error` details);
 * - anything else becomes a generic 500 `internal_error` whose cause is the original error.
 *
 * @internal
 */
export function toAPIException(exception: unknown, context: NormalizeContext): APIException {
  if (exception instanceof ValidationFailed) {
    return withNonFieldErrors(exception, context.nonFieldErrorsKey);
  }
  if (exception instanceof APIException) {
    return exception;
  }
  if (isClientAbort(exception)) {
    // Fastify passes on Node's "aborted" error of a client that left mid-body: a client problem,
    // answered (to nobody) as on Express and not logged. Checked before the database errors,
    // whose connection failures share its ECONNRESET code.
    return new ParseError({
      cause: exception,
      message: 'Request body could not be read completely.',
    });
  }
  const database = toDatabaseException(exception, context.dataSource);
  if (database) {
    // A refused value says its message under the non-field key, as ValidationFailed('...') does.
    return database instanceof ValidationFailed
      ? withNonFieldErrors(database, context.nonFieldErrorsKey)
      : database;
  }
  if (exception instanceof HttpException) {
    return fromBodyError(exception, context) ?? fromHttpException(exception, context);
  }
  return new InternalError({ cause: exception });
}

/**
 * DRF's `ValidationError('message')`: a `ValidationFailed` with a message of its own and no
 * details says `Request validation failed.` with the message under the non-field key, as the
 * same error thrown in a serializer hook does.
 */
function withNonFieldErrors(error: ValidationFailed, nonFieldErrorsKey: string): APIException {
  const ownMessage = error.message !== ValidationFailed.defaultMessage;
  if (!ownMessage || Object.keys(error.details).length > 0) {
    return error;
  }
  return new ValidationFailed({
    code: error.code,
    status: error.getStatus(),
    headers: { ...error.headers },
    details: { [nonFieldErrorsKey]: [error.message] },
    cause: error,
  });
}

/**
 * Node's error for a request whose client disconnected before its body was complete. Checked by
 * shape: Node creates it, so under Jest it is not an instance of the test realm's `Error`.
 */
function isClientAbort(exception: unknown): boolean {
  const error = exception as { code?: unknown; message?: unknown } | null;
  return (
    typeof error === 'object' &&
    error !== null &&
    error.code === 'ECONNRESET' &&
    error.message === 'aborted'
  );
}

/** Errors the adapters raise while reading the body, which Nest wraps with `cause`. */
function fromBodyError(exception: HttpException, context: NormalizeContext) {
  const cause = exception.cause as
    { type?: unknown; code?: unknown; limit?: unknown; message?: unknown } | undefined;
  if (!cause || typeof cause !== 'object') {
    return undefined;
  }
  const reason = [cause.type, cause.code].find((value) => typeof value === 'string') ?? '';
  const causeMessage = typeof cause.message === 'string' ? cause.message : '';
  const options = { cause: exception };
  switch (reason) {
    case 'entity.parse.failed':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ParseError({ ...options, message: `JSON parse error - ${causeMessage}` });
    case 'entity.too.large':
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const limit = typeof cause.limit === 'number' ? cause.limit : context.bodyLimit;
      const message = limit
        ? `Request body is too large: the limit is ${limit} bytes.`
        : 'Request body is too large.';
      return new ParseError({ ...options, message, status: HttpStatus.PAYLOAD_TOO_LARGE });
    }
    case 'encoding.unsupported':
    case 'charset.unsupported':
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new UnsupportedMediaType(context.contentType, options);
    case 'request.aborted':
    case 'request.size.invalid':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ParseError({ ...options, message: 'Request body could not be read completely.' });
  }
  if (cause instanceof URIError || reason === 'FST_ERR_BAD_URL') {
    return new ParseError({ ...options, message: 'Malformed request URL.' });
  }
  return undefined;
}

function fromHttpException(exception: HttpException, context: NormalizeContext): APIException {
  const status = exception.getStatus();
  const options = { cause: exception };
  if (status === HttpStatus.INTERNAL_SERVER_ERROR) {
    return new InternalError(options);
  }
  const message = messageOf(exception.getResponse());
  if (Array.isArray(message)) {
    // ValidationPipe's default exceptionFactory: a list of messages.
    const details = detailsFromPipeMessages(message, context.nonFieldErrorsKey);
    return new ValidationFailed({ ...options, status, details });
  }
  // A bare `new ForbiddenException()` carries only the status text: use our default instead.
  const ownMessage = message && message !== STATUS_CODES[status] ? message : undefined;
  const known = EXCEPTION_BY_STATUS[status];
  if (status === HttpStatus.TOO_MANY_REQUESTS) {
    return new Throttled(null, { ...options, message: ownMessage });
  }
  if (status === HttpStatus.UNSUPPORTED_MEDIA_TYPE) {
    return new UnsupportedMediaType(context.contentType, { ...options, message: ownMessage });
  }
  if (known) {
    return new known({ ...options, status, message: ownMessage });
  }
  // Statuses outside the stable set keep a code derived from their name ("im_a_teapot").
  const name = STATUS_CODES[status] ?? 'Error';
  return new APIException({
    ...options,
    status,
    code: name
      .toLowerCase()
      .replace(/'/g, '')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, ''),
    message: ownMessage ?? `${name}.`,
  });
}

function messageOf(response: string | object): string | string[] | undefined {
  if (typeof response === 'string') {
    return response;
  }
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') {
    return message;
  }
  if (Array.isArray(message) && message.every((entry) => typeof entry === 'string')) {
    return message;
  }
  return undefined;
}
