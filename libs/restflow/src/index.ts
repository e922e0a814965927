/**
 * nestjs-restflow: the public API. Everything here is exported by name; anything not listed is
 * internal and may change without notice.
 */

// Module
export { RestflowModule } from './restflow.module';

// Configuration
export {
  getRestflowOptionsToken,
  InjectRestflowOptions,
  resolveRestflowOptions,
  RESTFLOW_MODULE_OPTIONS,
  RESTFLOW_OPTIONS,
} from './config';
export type {
  ExceptionsOptions,
  ParsersOptions,
  ReservedOptions,
  ResolvedRestflowOptions,
  RestflowModuleOptions,
  RestflowOptionsSection,
} from './config';

// Errors and the envelope
export {
  APIException,
  AuthenticationFailed,
  Conflict,
  ERROR_CODE_STATUS,
  ErrorCode,
  fastifyFrameworkErrors,
  InternalError,
  MethodNotAllowed,
  NotAcceptable,
  NotAuthenticated,
  NotFound,
  ParseError,
  PermissionDenied,
  RestflowConfigError,
  RestflowExceptionFilter,
  ServiceUnavailable,
  Throttled,
  toValidationDetails,
  UnsupportedMediaType,
  ValidationFailed,
  validationExceptionFactory,
} from './exceptions';
export type { APIExceptionOptions, ErrorDetails, ErrorEnvelope } from './exceptions';

// Request parsing
export { MediaTypeMiddleware } from './parsers';

// Serializers
export {
  BooleanField,
  CharField,
  ChoiceField,
  DateField,
  DateTimeField,
  DecimalField,
  DurationField,
  EmailField,
  EMPTY,
  Field,
  fieldForType,
  FieldValidationError,
  FloatField,
  InlineSerializer,
  IntegerField,
  IPAddressField,
  JSONField,
  ListField,
  ListSerializer,
  ModelSerializer,
  MultipleChoiceField,
  NestedField,
  PrimaryKeyRelatedField,
  SerializedBody,
  Serializer,
  SerializerField,
  SerializerFieldMap,
  SerializerMethodField,
  SerializerPipe,
  SKIP,
  TimeField,
  URLField,
  UUIDField,
} from './serializers';
export type {
  CharFieldOptions,
  ChoiceFieldOptions,
  Choices,
  ChoiceValue,
  DecimalFieldOptions,
  DecimalRounding,
  DurationFieldOptions,
  FieldDeclaration,
  FieldErrorDetail,
  FieldFactory,
  FieldKind,
  FieldOpenApi,
  FieldOpenApiSchema,
  FieldOptions,
  FieldTypeOptions,
  FieldValidator,
  FloatFieldOptions,
  InlineFieldSpec,
  InlineSerializerOptions,
  InstanceOf,
  IntegerFieldOptions,
  IPAddressFieldOptions,
  IPAddressProtocol,
  IsValidOptions,
  JSONFieldOptions,
  ListFieldOptions,
  ModelSerializerMeta,
  MultipleChoiceFieldOptions,
  NestedFieldOptions,
  PrimaryKeyRelatedFieldOptions,
  SerializerClass,
  SerializerContext,
  SerializerMethod,
  SerializerMethodFieldOptions,
  SerializerOptions,
  SerializerPipeOptions,
  URLFieldOptions,
  UUIDFieldOptions,
  UUIDFormat,
  ValidatedData,
} from './serializers';
