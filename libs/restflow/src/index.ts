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
  RESTFLOW_MODULE_OPTIONS,
  RESTFLOW_OPTIONS,
} from './config';
export type { ExceptionsOptions } from './config';

export { resolveRestflowOptions } from './restflow.module-options';
export type {
  ResolvedRestflowOptions,
  RestflowModuleOptions,
  RestflowOptionsSection,
} from './restflow.module-options';
export type { FiltersOptions } from './filters/filters.options';
export type { PaginationOptions } from './pagination/pagination.options';
export type { ParsersOptions } from './parsers/parsers.options';

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

// Database timeouts
export { DEFAULT_DATABASE_TIMEOUTS, withDatabaseTimeouts } from './database';
export type { DatabaseTimeouts } from './database';

// Embedded databases: crash-safe sql.js files, serialized transactions on sql.js and PGlite
export {
  durableSqlJs,
  EmbeddedDatabaseLifecycle,
  flushDurableSqlJs,
  isSingleSessionDataSource,
  serializeTransactions,
} from './database';
export type { DurableSqlJsOptions, SerializeTransactionsOptions } from './database';

// Request parsing
export { MAX_FORM_FIELDS, MediaTypeMiddleware, parseFormBody, parseJsonBody } from './parsers';

// HTTP layer: adapter parity, allowed hosts, link origins, connection draining at shutdown
export {
  answerClientError,
  answerUnmetExpectation,
  configureRestflowHttp,
  ConnectionDrain,
  HostMiddleware,
  requestOrigin,
} from './http';
export type { HttpOptions, RestflowHttpSettings } from './http';

// Serializers
export {
  BooleanField,
  CharField,
  ChoiceField,
  databaseValidator,
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
  ManyRelatedField,
  ModelSerializer,
  MultipleChoiceField,
  NestedField,
  PrimaryKeyRelatedField,
  SerializedBody,
  Serializer,
  SerializerField,
  SerializerFieldMap,
  SerializerFieldsCheck,
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
  ManyRelatedFieldOptions,
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

// Core: the request type and per-action settings
export { ActionConfig, resolveActionConfig } from './core';
export type { FilterBackend, QuerysetSource, RestflowRequest } from './core';
export type { ActionConfigOptions } from './restflow.action-config';

// Views, viewsets and pagination
export {
  Action,
  ApiRoot,
  APIView,
  CreateAPIView,
  CreateModelMixin,
  DestroyAPIView,
  DestroyModelMixin,
  GenericAPIView,
  GenericViewSet,
  ListAPIView,
  ListCreateAPIView,
  ListModelMixin,
  LookupRouteCheck,
  ModelViewSet,
  ReadOnlyModelViewSet,
  RetrieveAPIView,
  RetrieveDestroyAPIView,
  RetrieveModelMixin,
  RetrieveUpdateAPIView,
  RetrieveUpdateDestroyAPIView,
  UpdateAPIView,
  UpdateModelMixin,
  View,
  ViewSet,
  VIEWSET_METADATA,
  ViewSetBase,
} from './views';
export type {
  ActionOptions,
  CreateActions,
  DestroyActions,
  EntityOf,
  FieldMetadata,
  GenericViewClass,
  GetSerializerOptions,
  ListActions,
  MixinOptions,
  ModelActionName,
  ModelViewClass,
  ModelViewSetClass,
  RetrieveActions,
  SerializerDirection,
  UpdateActions,
  ViewClass,
  ViewMetadata,
  ViewSetMetadata,
  WithActions,
} from './views';
export {
  CursorPagination,
  FastPageNumberPagination,
  LimitOffsetPagination,
  PageNumberPagination,
  pageLink,
  readQueryParam,
} from './pagination';
export type {
  Page,
  PaginationDefaults,
  Paginator,
  PaginatorClass,
  QueryChanges,
} from './pagination';

// Filter sets
export {
  ApiFilterSetQuery,
  ARRAY_LOOKUPS,
  assertFilterSetDialect,
  Filter,
  FilterQuery,
  FilterSet,
  FilterSetBackend,
  FILTER_INPUT_LIMITS,
  FilterSetDialectCheck,
  filterSetOpenApiParameters,
  FilterSetPipe,
  InlineFilterSet,
  LOOKUP_CATEGORIES,
  POSTGRES_LOOKUPS,
  readQueryParams,
} from './filters';
export type {
  ArrayLookup,
  FilterByCondition,
  FilterByFunction,
  FilterKind,
  FilterMethod,
  FilterOptions,
  FilterSetClass,
  FilterSetInput,
  FilterSetMeta,
  FilterSetOpenApiParameter,
  FilterSetOpenApiSchema,
  FilterSetOperator,
  FilterSetOptions,
  FilterSetProcessor,
  FilterSetView,
  InlineFilterSetOptions,
  PostgresLookup,
  RawQueryParams,
} from './filters';

// Authentication
export {
  AnonymousUser,
  ANONYMOUS_USER,
  AuthenticationGuard,
  AuthToken,
  BasicAuthentication,
  createAuthToken,
  hashPassword,
  isAuthenticatedUser,
  notAuthenticated,
  RemoteUserAuthentication,
  revokeAuthToken,
  revokeUserAuthTokens,
  SessionAuthentication,
  TokenAuthentication,
  verifyPassword,
  withAuthenticationChallenge,
} from './authentication';
export type {
  AuthenticationOptions,
  AuthenticationResult,
  Authenticator,
  AuthenticatorClass,
  AuthTokenStore,
  HttpSession,
  PasswordHashOptions,
  UserProvider,
} from './authentication';

// Permissions
export {
  allOf,
  AllowAny,
  anyOf,
  BasePermission,
  checkObjectPermissions,
  checkPermissions,
  CombinedPermission,
  IsAdminUser,
  IsAuthenticated,
  IsAuthenticatedOrReadOnly,
  isSafeMethod,
  not,
  permissionRefusal,
  PermissionsGuard,
  SAFE_METHODS,
} from './permissions';
export type { Permission, PermissionSpec, PermissionsOptions } from './permissions';

// JSON Web Tokens
export {
  AccessToken,
  BlacklistedToken,
  CacheTokenBlacklist,
  checkJwtOptions,
  EntityTokenBlacklist,
  JWT_ALGORITHMS,
  JWTAuthentication,
  JwtAuthController,
  JwtAuthModule,
  JwtToken,
  RedisTokenBlacklist,
  RefreshToken,
  TokenBlacklist,
  TokenError,
  TokenObtainSerializer,
  TokenRefreshSerializer,
  TokenService,
} from './authentication';
export type {
  AccessTokenAuthentication,
  JwtAlgorithm,
  JwtAuthModuleOptions,
  JwtOptions,
  JwtPayload,
  JwtTokenClass,
  RedisTokenBlacklistClient,
  RedisTokenBlacklistOptions,
  RefreshResult,
  TokenPair,
} from './authentication';

// Throttling
export {
  AnonRateThrottle,
  clientIp,
  MemoryThrottleStore,
  parseRate,
  RedisThrottleStore,
  RedisThrottleTimeoutError,
  ScopedRateThrottle,
  SimpleRateThrottle,
  ThrottleGuard,
  ThrottleRatesCheck,
  UserRateThrottle,
} from './throttling';
export type {
  MemoryThrottleStoreOptions,
  RedisThrottleClient,
  RedisThrottleStoreOptions,
  Throttle,
  ThrottleClass,
  ThrottleDecision,
  ThrottleHit,
  ThrottleRate,
  ThrottleStore,
  ThrottleStoreFailure,
  ThrottlingOptions,
} from './throttling';

// Streaming responses: JSON arrays, NDJSON and Server-Sent Events from iterables; database iteration
export {
  encodeStreamJson,
  iterateQuery,
  NDJSONResponse,
  OpenStreams,
  SSEResponse,
  StreamingJSONListResponse,
  StreamingResponse,
  StreamingResponseInterceptor,
} from './responses';
export type {
  IterateQueryOptions,
  SSEEvent,
  SSEResponseOptions,
  StreamingResponseOptions,
  StreamJsonEncoder,
  StreamSource,
} from './responses';

// OpenAPI: the document built at boot, Swagger UI, per-action overrides
export { OpenApiOperation, RestflowOpenApi } from './openapi';
export type {
  OpenApiAuthenticator,
  OpenApiOperationOptions,
  OpenApiPaginator,
  OpenApiSecurityScheme,
  RestflowOpenApiOptions,
} from './openapi';

// Caching: keys, cached functions and responses, stores, invalidation rules, dispatchers
export {
  ArgsKeyField,
  BackgroundDispatcher,
  BullMqInvalidationQueue,
  CACHE_MISSING,
  CacheKeyField,
  CacheResponse,
  CacheResult,
  CacheStatus,
  CacheStore,
  CacheStoreTimeoutError,
  ConstantKeyField,
  DefaultKeyConstructor,
  Dispatcher,
  EntitySchemaKeyField,
  InlineDispatcher,
  InlineKeyConstructor,
  InvalidationRule,
  KeyConstructor,
  KeyvCacheStore,
  MemoryCacheStore,
  PathParamsKeyField,
  QueryParamsKeyField,
  RedisCacheStore,
  RequestOriginKeyField,
  RequestUserKeyField,
  RequestValueKeyField,
  ResponseCacheInterceptor,
  ResponseKeyConstructor,
  SerializerShapeKeyField,
  cacheResult,
  cachedMethod,
  drainBackgroundInvalidations,
} from './caching';
export type {
  ArgsKeyFieldOptions,
  AsyncMethodName,
  BuiltCacheKey,
  BullMqInvalidationQueueOptions,
  CacheEntry,
  CacheMetadata,
  CacheResponseOptions,
  CacheResultOptions,
  CachedFunction,
  CachingOptions,
  DispatcherClass,
  EntityChange,
  InvalidationContext,
  InvalidationJob,
  InvalidationRuleOptions,
  InvalidationTarget,
  Invalidator,
  KeyCall,
  KeyConstructorClass,
  KeyConstructorMeta,
  KeyFieldOptions,
  KeyvCacheStoreOptions,
  MemoryCacheStoreOptions,
  RedisCacheStoreOptions,
  RequestKeyFieldOptions,
} from './caching';

// Relations: loading derived from response serializers, PostFetch
export {
  DetailRoutes,
  HyperlinkedManyRelatedField,
  HyperlinkedModelSerializer,
  HyperlinkedRelatedField,
  PostFetch,
  PostFetchInterceptor,
  PostFetches,
  RelationPlansCheck,
  joinToOneRelations,
  loadRelations,
  loadToManyRelations,
  relationPlan,
} from './relations';
export type {
  HyperlinkedManyRelatedFieldOptions,
  HyperlinkedRelatedFieldOptions,
  PostFetchOptions,
  RelationPlan,
  RelationPlanNode,
} from './relations';
