import {
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Makes `app.close()` (and SIGTERM with `enableShutdownHooks()`) finish as soon as the requests in
 * flight are answered, on both adapters. Node's `server.close()` closes only the keep-alive
 * connections idle at that moment; a connection busy then, or re-used by a client under traffic,
 * stays open until its keep-alive timeout: 5 s on Express, 72 s on Fastify, longer than the grace
 * period of most orchestrators. From the start of the shutdown, every response is sent with
 * `Connection: close` and a connection whose response went out without it is closed when idle.
 * In-flight requests still get their answers. `RestflowModule` provides it.
 *
 * @example
 * ```ts
 * const app = await NestFactory.create(AppModule);
 * app.enableShutdownHooks();
 * await app.listen(3000);
 * // kill -TERM <pid>: the process exits once the requests in flight are answered
 * ```
 * @publicApi
 */
@Injectable()
export class ConnectionDrain implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private draining = false;
  private server: Server | undefined;
  private readonly inFlight = new Set<ServerResponse>();

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (typeof server?.closeIdleConnections !== 'function') {
      // Not a Node HTTP server (an application context, or a custom transport).
      return;
    }
    this.server = server;
    server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
      this.inFlight.add(response);
      if (this.draining) {
        closeAfter(response);
      }
      response.once('close', () => {
        this.inFlight.delete(response);
        if (this.draining) {
          // The connection is idle once this response is done: close it unless it is reused.
          setImmediate(() => server.closeIdleConnections());
        }
      });
    });
  }

  beforeApplicationShutdown(): void {
    if (!this.server || this.draining) {
      return;
    }
    this.draining = true;
    for (const response of this.inFlight) {
      closeAfter(response);
    }
    this.server.closeIdleConnections();
  }
}

/** Ends the connection after this response, when its head has not gone out yet. */
function closeAfter(response: ServerResponse): void {
  if (!response.headersSent) {
    response.setHeader('Connection', 'close');
  }
}
