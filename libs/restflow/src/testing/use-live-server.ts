import { testHooks } from './test-hooks.util';
import type { RestflowTestingContext } from './use-restflow-testing-app';

/**
 * The live server of a test file (DRF's `LiveServerTestCase`): the app listens on an ephemeral
 * loopback port, and `url` is its origin (`http://127.0.0.1:41234`), for clients other than
 * {@link RestflowTestClient} (a browser, `fetch`, another process). Call it after
 * {@link useRestflowTestingApp}.
 *
 * @example
 * ```ts
 * const testing = useRestflowTestingApp({ imports: [AppModule] });
 * const server = useLiveServer(testing);
 * it('serves', async () => expect((await fetch(`${server.url}/api/books`)).ok).toBe(true));
 * ```
 * @publicApi
 */
export function useLiveServer(context: RestflowTestingContext): { readonly url: string } {
  let url: string | undefined;
  testHooks('useLiveServer').beforeAll(async () => {
    url = await context.client.url();
  });
  return {
    get url(): string {
      if (url === undefined) throw new Error('useLiveServer: the server is not listening yet.');
      return url;
    },
  };
}
