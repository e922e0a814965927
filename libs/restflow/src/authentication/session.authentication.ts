import { Injectable } from '@nestjs/common';
import { InjectRestflowOptions } from '../config/options.providers';
import type { ResolvedRestflowOptions } from '../config/restflow-options.interface';
import { ProviderInstances } from '../core/provider-instances';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { PermissionDenied } from '../exceptions/standard.exceptions';
import type { RestflowRequest } from '../core/restflow-request.interface';
import type { AuthenticationResult, Authenticator } from './authenticator.interface';
import { headerValue } from './authorization-header.util';
import { csrfTokenMatches, isCsrfSecret, maskCsrfSecret, newCsrfSecret } from './csrf-token.util';
import { resolveUserProvider } from './user-provider.util';

/** Methods that never change state, so never need a CSRF token (Django's list). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/**
 * The session as express-session and @fastify/session both expose it on `request.session`:
 * data as plain properties, and `regenerate(callback)` to start a new session under a new id.
 *
 * @example
 * ```ts
 * const session = (request as RestflowRequest & { session: HttpSession }).session;
 * session.theme = 'dark';
 * ```
 * @publicApi
 */
export interface HttpSession {
  [key: string]: unknown;
  regenerate(callback: (error?: unknown) => void): unknown;
}

/** A request as the session middleware leaves it. */
type SessionRequest = RestflowRequest & { session?: HttpSession | null };

/**
 * Session authentication (DRF's `SessionAuthentication`): the user whose id the server-side
 * session holds (under `authentication.sessionUserKey`), signed in with {@link login}. A session
 * without a user, or whose user is now inactive or gone, leaves the request anonymous (the next
 * authenticator is tried). It has no `WWW-Authenticate` challenge, so a view whose first
 * authenticator it is answers 403 to anonymous requests, as in DRF.
 *
 * CSRF: a request authenticated by the session with POST, PUT, PATCH or DELETE (any method but
 * GET, HEAD, OPTIONS, TRACE) must carry the session's CSRF token in the `X-CSRFToken` header
 * (`authentication.csrfHeaderName`), else 403 `permission_denied` "CSRF Failed: CSRF token
 * missing." or "CSRF Failed: CSRF token incorrect.". The token comes from {@link login} or
 * {@link csrfToken}; each call gives a differently masked token of the same per-session secret,
 * compared in constant time. Requests authenticated otherwise (a token header, which a
 * cross-site form cannot send) are not checked.
 *
 * The app registers the session middleware itself, before `app.init()` / `app.listen()`:
 * - Express: `app.use(session({ secret, resave: false, saveUninitialized: false, cookie: { httpOnly: true, sameSite: 'lax' } }))`
 *   (`express-session`);
 * - Fastify: `await app.register(fastifyCookie)` then
 *   `await app.register(fastifySession, { secret, saveUninitialized: false, cookie: { secure: 'auto', sameSite: 'lax' } })`
 *   (`@fastify/cookie`, `@fastify/session`; the secret has at least 32 characters).
 *
 * Use a shared store (Redis, the database) when several instances serve the app. To call
 * {@link login}, {@link logout} and {@link csrfToken}, add `SessionAuthentication` to the
 * `providers` of your module and inject it.
 *
 * @example
 * ```ts
 * @Controller('auth')
 * @UseGuards(AuthenticationGuard)
 * @ActionConfig({ authenticationClasses: [] })
 * export class AuthController {
 *   constructor(private readonly sessions: SessionAuthentication, private readonly users: UsersProvider) {}
 *
 *   @Post('login')
 *   async login(@Req() request: RestflowRequest, @Body() body: { username: string; password: string }) {
 *     const user = await this.users.verifyCredentials(body.username, body.password);
 *     if (!user || !user.isActive) throw new AuthenticationFailed('Invalid username/password.');
 *     return this.sessions.login(request, user); // { csrfToken }
 *   }
 *
 *   @Get('csrf')
 *   csrf(@Req() request: RestflowRequest) {
 *     return { csrfToken: this.sessions.csrfToken(request) };
 *   }
 * }
 * ```
 * @publicApi
 */
@Injectable()
export class SessionAuthentication implements Authenticator {
  constructor(
    protected readonly instances: ProviderInstances,
    @InjectRestflowOptions('authentication')
    protected readonly options: ResolvedRestflowOptions['authentication'],
  ) {}

  async authenticate(request: RestflowRequest): Promise<AuthenticationResult | null> {
    const session = this.session(request);
    const id = session[this.options.sessionUserKey];
    if (typeof id !== 'string' && typeof id !== 'number') {
      return null;
    }
    const users = await resolveUserProvider(this.instances, this.options, this.constructor.name);
    const user = await users.findById(id);
    if (user === null || user === undefined || !users.isActive(user)) {
      return null;
    }
    this.enforceCsrf(request, session);
    return { user, auth: null };
  }

  /**
   * Signs `user` in: starts a new session (a new id, so an id planted before the login is
   * worthless: session fixation), stores the user's id and a new CSRF secret in it, and resolves
   * to a CSRF token for the client. Check the credentials (and that the user is active) first.
   *
   * @example
   * ```ts
   * const { csrfToken } = await this.sessions.login(request, user);
   * ```
   */
  async login(request: RestflowRequest, user: unknown): Promise<{ csrfToken: string }> {
    const users = await resolveUserProvider(this.instances, this.options, this.constructor.name);
    const id = users.getId(user);
    await regenerate(this.session(request));
    const session = this.session(request);
    const secret = newCsrfSecret();
    session[this.options.sessionUserKey] = id;
    session[this.options.csrfSessionKey] = secret;
    return { csrfToken: maskCsrfSecret(secret) };
  }

  /**
   * Signs the user out: the session is destroyed in its store and replaced by an empty one
   * under a new id (Django's `logout`). The request keeps its `request.user` until it ends.
   *
   * @example
   * ```ts
   * await this.sessions.logout(request);
   * ```
   */
  async logout(request: RestflowRequest): Promise<void> {
    await regenerate(this.session(request));
  }

  /**
   * A CSRF token of the request's session for the client to send back in the CSRF header,
   * creating the session's secret when it has none. Each call masks the secret anew.
   *
   * @example
   * ```ts
   * @Get('csrf')
   * csrf(@Req() request: RestflowRequest) {
   *   return { csrfToken: this.sessions.csrfToken(request) };
   * }
   * ```
   */
  csrfToken(request: RestflowRequest): string {
    const session = this.session(request);
    const stored = session[this.options.csrfSessionKey];
    if (isCsrfSecret(stored)) {
      return maskCsrfSecret(stored);
    }
    const secret = newCsrfSecret();
    session[this.options.csrfSessionKey] = secret;
    return maskCsrfSecret(secret);
  }

  /**
   * Refuses an unsafe request that lacks the session's CSRF token (DRF's `enforce_csrf`).
   * Override to exempt some requests.
   */
  protected enforceCsrf(request: RestflowRequest, session: HttpSession): void {
    if (SAFE_METHODS.has(request.method.toUpperCase())) {
      return;
    }
    const token = headerValue(request, this.options.csrfHeaderName);
    if (!token) {
      throw new PermissionDenied('CSRF Failed: CSRF token missing.');
    }
    const secret = session[this.options.csrfSessionKey];
    if (!isCsrfSecret(secret) || !csrfTokenMatches(token, secret)) {
      throw new PermissionDenied('CSRF Failed: CSRF token incorrect.');
    }
  }

  /** The request's session, or a configuration error when no session middleware runs. */
  protected session(request: RestflowRequest): HttpSession {
    const { session } = request as SessionRequest;
    if (!session || typeof session.regenerate !== 'function') {
      throw new RestflowConfigError(
        'authentication',
        `${this.constructor.name} found no session on the request. Fix: register the session ` +
          'middleware before app.init(): app.use(session({ secret, resave: false, ' +
          'saveUninitialized: false })) from express-session on Express, or ' +
          'app.register(fastifyCookie) then app.register(fastifySession, { secret }) from ' +
          '@fastify/cookie and @fastify/session on Fastify.',
      );
    }
    return session;
  }
}

/** Starts a new session under a new id (the old one is destroyed in its store). */
function regenerate(session: HttpSession): Promise<void> {
  return new Promise((resolve, reject) => {
    session.regenerate((error) => (error ? reject(toError(error)) : resolve()));
  });
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
