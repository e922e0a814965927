import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  AnonRateThrottle,
  EntityTokenBlacklist,
  IsAuthenticatedOrReadOnly,
  JwtAuthModule,
  JWTAuthentication,
  RestflowModule,
  UserRateThrottle,
  withDatabaseTimeouts,
  type DatabaseTimeouts,
} from 'nestjs-restflow';
import { CatalogModule } from './catalog/catalog.module';
import { databaseOptions } from './config/database.config';
import { HealthController } from './health/health.controller';
import { jwtSigningKey } from './config/jwt.config';
import { httpOptions } from './config/http.config';
import { SeedService } from './seed/seed.service';
import { UsersModule } from './users/users.module';
import { UsersProvider } from './users/users.provider';

/** How {@link AppModule.forDatabase} builds the application. */
export interface AppModuleOptions {
  /**
   * Fill an empty database with the demo data on start.
   * @default true
   */
  seed?: boolean;
  /**
   * Requests per client: `anon` for anonymous clients (by IP), `user` for signed-in users.
   * @default { anon: '100/min', user: '1000/min' }
   */
  throttleRates?: { anon: string; user: string };
  /** The HS256 secret of the tokens. @default `JWT_SIGNING_KEY`, see {@link jwtSigningKey} */
  jwtSigningKey?: string;
  /**
   * Query and connection timeouts of the PostgreSQL or MySQL connection (sql.js needs none).
   * @default the library's DEFAULT_DATABASE_TIMEOUTS: queries 5 s, connections 3 s
   */
  databaseTimeouts?: DatabaseTimeouts;
}

/**
 * The catalog API's root module. It has no static imports: build it with
 * {@link AppModule.forDatabase}, which `main.ts` calls with `DATABASE_URL` and end-to-end tests
 * call with `sqljs::memory:`, so that both run exactly the same wiring.
 *
 * @example
 * ```ts
 * const moduleRef = await Test.createTestingModule({
 *   imports: [AppModule.forDatabase('sqljs::memory:')],
 * }).compile();
 * ```
 */
@Module({})
export class AppModule {
  /**
   * The application on the database named by `databaseUrl` (see {@link databaseOptions} for the
   * accepted forms; `undefined` means the sql.js file under `data/`).
   */
  static forDatabase(databaseUrl?: string, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // Built inside Nest's init, so a bad DATABASE_URL is reported like any other boot error.
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            // Every query and connection wait is bounded: a database that is down or frozen
            // answers 503 service_unavailable instead of hanging requests.
            ...withDatabaseTimeouts(databaseOptions(databaseUrl), options.databaseTimeouts),
            // A few retries cover a database container that starts slower than the app, without
            // making a wrong URL hang for the default half minute.
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
        RestflowModule.forRoot({
          globalExceptionFilter: true,
          // Page sizes of the paginated lists: 20 by default, `?page_size=` up to 100.
          pagination: { pageSize: 20, maxPageSize: 100, pageSizeQueryParam: 'page_size' },
          // Bearer access tokens from POST /api/auth/token; users from the users table.
          authentication: {
            defaultAuthenticationClasses: [JWTAuthentication],
            userProvider: UsersProvider,
          },
          // Logouts and rotated refresh tokens are kept in the database (BlacklistedToken), so
          // every instance sees them and they survive restarts; production refuses a
          // process-local blacklist.
          jwt: {
            signingKey: options.jwtSigningKey ?? jwtSigningKey(),
            blacklist: EntityTokenBlacklist,
          },
          // Hosts the API answers and the origin of its links: ALLOWED_HOSTS, PUBLIC_BASE_URL,
          // TRUST_PROXY (see config/http.config.ts); the defaults serve localhost.
          http: httpOptions(),
          // Reading is open; writing needs a user (the viewsets narrow it further).
          permissions: { defaultPermissionClasses: [IsAuthenticatedOrReadOnly] },
          throttling: {
            defaultThrottleClasses: [AnonRateThrottle, UserRateThrottle],
            rates: options.throttleRates ?? { anon: '100/min', user: '1000/min' },
          },
        }),
        // POST /api/auth/token, /api/auth/refresh and /api/auth/blacklist.
        JwtAuthModule.register({ path: 'api/auth' }),
        UsersModule,
        CatalogModule,
      ],
      controllers: [HealthController],
      providers: options.seed === false ? [] : [SeedService],
    };
  }
}
