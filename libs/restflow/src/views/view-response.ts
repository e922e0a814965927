import { RestflowConfigError } from '../exceptions/restflow-config.error';

const RESPONSE = Symbol('restflow:response');

/**
 * Leaves the adapter's response (Express `res`, Fastify `reply`) on the request, for the view
 * helpers that set headers.
 *
 * @internal
 */
export function setViewResponse(request: object, response: unknown): void {
  (request as Record<symbol, unknown>)[RESPONSE] = response;
}

/**
 * Sets `headers` on the response of the request (DRF's `headers=` of the view helpers).
 * Throws a `RestflowConfigError` outside a `@View()` / `@ViewSet()` class, where the response is
 * not known, instead of dropping them.
 *
 * @internal
 */
export function setViewHeaders(
  request: object,
  headers: Readonly<Record<string, string>> | undefined,
  helper: string,
): void {
  if (!headers || Object.keys(headers).length === 0) return;
  const response = (request as Record<symbol, unknown>)[RESPONSE] as
    { header(name: string, value: string): unknown } | undefined;
  if (!response) {
    throw new RestflowConfigError(
      `${helper}.headers`,
      `${helper}() was given headers, but the request did not pass through a @View() or ` +
        '@ViewSet() class, so its response is unknown. Fix: call it in a handler of a class ' +
        'decorated with @View() or @ViewSet(), or set the headers with @Res({ passthrough: true }).',
    );
  }
  for (const [name, value] of Object.entries(headers)) response.header(name, value);
}
