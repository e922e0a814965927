import type { INestApplication } from '@nestjs/common';
import {
  createRestflowTestingApp,
  type RestflowTestingAppOptions,
} from './create-restflow-testing-app';
import { RestflowTestClient } from './restflow-test-client';
import { testHooks } from './test-hooks.util';

/**
 * The app of a test file, as {@link useRestflowTestingApp} keeps it: `app` and `client` are
 * set once `beforeAll` has run.
 *
 * @example
 * ```ts
 * const testing = useRestflowTestingApp({ imports: [AppModule] });
 * it('lists', async () => expect((await testing.client.get('/api/books')).status).toBe(200));
 * ```
 * @publicApi
 */
export interface RestflowTestingContext {
  /** The running app. */
  readonly app: INestApplication;
  /** A client over it; logged out (no credentials, no forced user) before every test. */
  readonly client: RestflowTestClient;
}

/**
 * The simple test base (DRF's `SimpleTestCase`, no database handling): boots the app once
 * before the file's tests (`beforeAll`), gives every test a logged-out client, closes the app
 * afterwards. Combine with {@link useTransactionalTests}, {@link useRealTransactionTests} or
 * {@link useLiveServer}. `options` may be a function, called in `beforeAll`: for options that
 * exist only once earlier hooks ran (a database created in a `beforeAll`).
 *
 * @example
 * ```ts
 * describe.each(['express', 'fastify'] as const)('books on %s', (adapter) => {
 *   const testing = useRestflowTestingApp({ imports: [AppModule], adapter });
 *   it('answers', async () => {
 *     expect((await testing.client.get('/api/books')).status).toBe(200);
 *   });
 * });
 * ```
 * @publicApi
 */
export function useRestflowTestingApp(
  options:
    | RestflowTestingAppOptions
    | (() => RestflowTestingAppOptions | Promise<RestflowTestingAppOptions>),
): RestflowTestingContext {
  const hooks = testHooks('useRestflowTestingApp');
  let app: INestApplication | undefined;
  let client: RestflowTestClient | undefined;
  const context: RestflowTestingContext = {
    get app(): INestApplication {
      if (!app)
        throw new Error('useRestflowTestingApp: the app is not booted yet (use it in a test).');
      return app;
    },
    get client(): RestflowTestClient {
      if (!client)
        throw new Error('useRestflowTestingApp: the app is not booted yet (use it in a test).');
      return client;
    },
  };
  hooks.beforeAll(async () => {
    app = await createRestflowTestingApp(typeof options === 'function' ? await options() : options);
    client = new RestflowTestClient(app);
  });
  hooks.beforeEach(() => {
    client?.logout();
  });
  hooks.afterAll(async () => {
    client?.logout();
    await app?.close();
  });
  return context;
}
