import { Module, type DynamicModule } from '@nestjs/common';
import { View } from '../../views/view.decorator';
import { JwtAuthController } from './jwt-auth.controller';
import { TokenService } from './token.service';

/**
 * Options of {@link JwtAuthModule.register}.
 *
 * @example
 * ```ts
 * JwtAuthModule.register({ path: 'api/auth' });
 * ```
 * @publicApi
 */
export interface JwtAuthModuleOptions {
  /** Where the endpoints are mounted: `<path>/token`, `<path>/refresh`, `<path>/blacklist`. @default 'auth' */
  path?: string;
}

/**
 * Mounts the token endpoints ({@link JwtAuthController}) and provides {@link TokenService} to the
 * whole app, in one line. Needs `RestflowModule.forRoot()` with `jwt.signingKey` and
 * `authentication.userProvider`, and the restflow exception filter for the envelope (405 with
 * `Allow: POST` for other methods). Register it once.
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [
 *     TypeOrmModule.forRoot({ ... }),
 *     RestflowModule.forRoot({
 *       authentication: { defaultAuthenticationClasses: [JWTAuthentication], userProvider: UsersProvider },
 *       jwt: { signingKey: process.env.JWT_SIGNING_KEY },
 *       globalExceptionFilter: true,
 *     }),
 *     JwtAuthModule.register({ path: 'api/auth' }), // POST /api/auth/token, /refresh, /blacklist
 *   ],
 *   providers: [UsersProvider],
 * })
 * export class AppModule {}
 * ```
 * @publicApi
 */
@Module({})
export class JwtAuthModule {
  static register(options: JwtAuthModuleOptions = {}): DynamicModule {
    const path = options.path ?? 'auth';
    // A fresh subclass per registration carries its own @Controller path; the routes, guards and
    // handlers are inherited.
    class Endpoints extends JwtAuthController {}
    Object.defineProperty(Endpoints, 'name', { value: 'JwtAuthController' });
    View(path)(Endpoints);
    return {
      module: JwtAuthModule,
      global: true,
      controllers: [Endpoints],
      providers: [TokenService],
      exports: [TokenService],
    };
  }
}
