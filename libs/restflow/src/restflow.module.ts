import {
  Module,
  RequestMethod,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ProviderInstances } from './core/provider-instances';
import { optionsProviders, optionsTokens } from './config/options.providers';
import { resolveRestflowOptions, RESTFLOW_OPTION_SECTIONS } from './restflow.module-options';
import { RestflowExceptionFilter } from './exceptions/restflow-exception.filter';
import { FilterSetDialectCheck } from './filters/filter-set-dialect.check';
import { ThrottleRatesCheck } from './throttling/throttle-rates.check';
import { LookupRouteCheck } from './views/lookup-route.check';
import { QuerysetEntitiesCheck } from './views/queryset-entities.check';
import { AuthenticatorsCheck } from './authentication/authenticators.check';
import { PermissionInstancesCheck } from './permissions/permission-instances.check';
import { SerializerFieldsCheck } from './serializers/serializer-fields.check';
import { DetailRoutes } from './relations/detail-routes';
import { RelationPlansCheck } from './relations/relation-plans.check';
import { MediaTypeMiddleware } from './parsers/media-type.middleware';
import { HostMiddleware } from './http/host.middleware';
import { RequestChecksMiddleware } from './http/request-checks.middleware';
import { ConnectionDrain } from './http/connection-drain';
import { EmbeddedDatabaseLifecycle } from './database/embedded-database.lifecycle';
import { cachingProviders } from './caching/runtime/caching.providers';
import { CachingLifecycle } from './caching/runtime/caching.lifecycle';
import { CacheRuntime } from './caching/runtime/cache-runtime';
import { CacheStore } from './caching/stores/cache-store';
import { ResponseCacheInterceptor } from './caching/responses/response-cache.interceptor';
import { ResponseCacheRoutes } from './caching/responses/response-cache-routes';
import { OpenStreams } from './responses/open-streams';
import { StreamingReplies } from './responses/streaming-replies';
import { RestflowConfigurableModule, RESTFLOW_OPTIONS_TYPE } from './restflow.module-definition';

/**
 * The library's dynamic module. Import it once in the root module with `forRoot(options)` or
 * `forRootAsync({ imports, inject, useFactory | useClass })`; options are resolved and validated
 * once at boot, and each subsystem reads its own section.
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [
 *     TypeOrmModule.forRoot({ type: 'sqljs', autoLoadEntities: true, synchronize: true }),
 *     RestflowModule.forRoot({ globalExceptionFilter: true }),
 *   ],
 * })
 * export class AppModule {}
 *
 * // or, with configuration from elsewhere:
 * RestflowModule.forRootAsync({
 *   imports: [ConfigModule],
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({ parsers: { mediaTypes: config.get('MEDIA_TYPES') } }),
 *   globalExceptionFilter: true,
 * });
 * ```
 * @publicApi
 */
@Module({
  // DiscoveryModule is re-exported for ApiRoot(), which lists the app's viewsets.
  imports: [DiscoveryModule],
  providers: [
    ...optionsProviders(RESTFLOW_OPTION_SECTIONS, resolveRestflowOptions),
    RestflowExceptionFilter,
    HostMiddleware,
    MediaTypeMiddleware,
    RequestChecksMiddleware,
    // Keep-alive connections close at shutdown once their requests are answered.
    ConnectionDrain,
    ProviderInstances,
    // A queryset entity the DataSource does not know stops app.init() (before the checks that
    // read entity metadata, so the message names the missing registration).
    QuerysetEntitiesCheck,
    FilterSetDialectCheck,
    ThrottleRatesCheck,
    // Detail actions whose route lacks the lookup parameter stop app.init().
    LookupRouteCheck,
    // Authenticators and permissions created at boot: a dependency no module provides stops
    // app.init() (throttles are created by ThrottleRatesCheck).
    AuthenticatorsCheck,
    PermissionInstancesCheck,
    // Serializer fields built at boot: an unmappable relation or nested write stops app.init().
    SerializerFieldsCheck,
    DetailRoutes,
    RelationPlansCheck,
    // Serialized transactions on sql.js/PGlite; the final save of durableSqlJs() files.
    EmbeddedDatabaseLifecycle,
    // The cache store, its fail-open runtime, and their start and stop.
    ...cachingProviders,
    CachingLifecycle,
    // On the controllers that cache something only (configure() decides, before the routes).
    ResponseCacheInterceptor,
    ResponseCacheRoutes,
    // Streaming responses: headers, first bytes before the head, ended at shutdown (started
    // where the adapter sends a result, not by a global interceptor that every route would pay).
    OpenStreams,
    StreamingReplies,
  ],
  exports: [
    ...optionsTokens(RESTFLOW_OPTION_SECTIONS),
    RestflowExceptionFilter,
    DiscoveryModule,
    ProviderInstances,
    CacheStore,
    CacheRuntime,
    OpenStreams,
  ],
})
export class RestflowModule extends RestflowConfigurableModule implements NestModule {
  constructor(private readonly responseCacheRoutes: ResponseCacheRoutes) {
    super();
  }

  /** Registers the module with `options` (all optional: `forRoot()` uses every default). */
  static override forRoot(options: typeof RESTFLOW_OPTIONS_TYPE = {}): DynamicModule {
    return super.forRoot(options);
  }

  /** Runs after the controllers are created and before Nest registers their routes. */
  configure(consumer: MiddlewareConsumer): void {
    this.responseCacheRoutes.apply();
    // The Host check, then the media type check: one middleware hop for both.
    consumer
      .apply(RequestChecksMiddleware)
      .forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
