import type { ResponseObject, SchemaObject } from '@nestjs/swagger';
import { ErrorCode } from '../exceptions/error-code';
import { refTo } from './schema-components';

/** The component name of the error envelope. @internal */
export const ERROR_ENVELOPE_COMPONENT = 'ErrorEnvelope';

/**
 * The schema of `{ "error": { "code", "message", "details" } }`, with `code` one of the 13
 * error codes.
 *
 * @internal
 */
export function errorEnvelopeSchema(): SchemaObject {
  return {
    type: 'object',
    description: 'The error envelope every error response has.',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'details'],
        properties: {
          code: { type: 'string', enum: Object.values(ErrorCode) },
          message: { type: 'string' },
          details: {
            type: 'object',
            additionalProperties: true,
            description:
              'Field errors of a validation_error (`{ "name": ["This field is required."] }`), ' +
              'otherwise extra information or `{}`.',
          },
        },
      },
    },
  };
}

/** The HTTP statuses an operation can answer with an error envelope. @internal */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429;

const DESCRIPTIONS: Readonly<Record<ErrorStatus, string>> = {
  400: 'The input is invalid: `validation_error` (with field errors in `details`) or `parse_error`.',
  401: 'No valid credentials: `not_authenticated` or `authentication_failed`.',
  403: 'The permissions refuse the request: `permission_denied`.',
  404: 'No such object or page: `not_found`.',
  409: 'The write conflicts with the data (a unique value taken, a row still referenced): `conflict`.',
  413: 'The body is larger than the limit: `parse_error`.',
  415: 'The body has a media type this operation does not accept: `unsupported_media_type`.',
  429: 'Too many requests: `throttled` (see the `Retry-After` header).',
};

/** A typical body of each status, shown by Swagger UI instead of a made-up one. */
const EXAMPLES: Readonly<Record<ErrorStatus, [ErrorCode, string, Record<string, unknown>]>> = {
  400: [
    ErrorCode.VALIDATION_ERROR,
    'Request validation failed.',
    { name: ['This field is required.'] },
  ],
  401: [ErrorCode.NOT_AUTHENTICATED, 'Authentication credentials were not provided.', {}],
  403: [ErrorCode.PERMISSION_DENIED, 'You do not have permission to perform this action.', {}],
  404: [ErrorCode.NOT_FOUND, 'Not found.', {}],
  409: [ErrorCode.CONFLICT, 'The request conflicts with the current state of the resource.', {}],
  413: [ErrorCode.PARSE_ERROR, 'Request body is too large: the limit is 1048576 bytes.', {}],
  415: [ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Unsupported media type "text/plain" in request.', {}],
  429: [
    ErrorCode.THROTTLED,
    'Request was throttled. Expected available in 13 seconds.',
    { retry_after_seconds: 13 },
  ],
};

/** The response of one error status, referring to the shared envelope. @internal */
export function errorResponse(status: ErrorStatus): ResponseObject {
  const [code, message, details] = EXAMPLES[status];
  const response: ResponseObject = {
    description: DESCRIPTIONS[status],
    content: {
      'application/json': {
        schema: refTo(ERROR_ENVELOPE_COMPONENT),
        example: { error: { code, message, details } },
      },
    },
  };
  if (status === 429) {
    response.headers = {
      'Retry-After': {
        description: 'Seconds to wait before the next request.',
        schema: { type: 'integer' },
      },
    };
  }
  return response;
}
