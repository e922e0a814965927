export { APIException } from './api.exception';
export type { APIExceptionOptions, ErrorDetails, ErrorEnvelope } from './api.exception';
export { ERROR_CODE_STATUS, ErrorCode } from './error-code';
export { fastifyFrameworkErrors } from './fastify-framework-errors';
export { RestflowConfigError } from './restflow-config.error';
export { RestflowExceptionFilter } from './restflow-exception.filter';
export {
  AuthenticationFailed,
  Conflict,
  InternalError,
  MethodNotAllowed,
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
export { toValidationDetails, validationExceptionFactory } from './validation-details';
