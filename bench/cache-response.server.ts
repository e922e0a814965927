/**
 * The server of the response cache benchmark, started by `cache-response.ts` in a child process
 * per adapter: `BENCH_ADAPTER=express|fastify node dist/bench/bench/cache-response.server.js`.
 * One app (the default in-memory store) serves the same small JSON body twice:
 *
 * - `GET /bench/hello`: a plain Nest handler that returns it (the baseline, Nest's hello world);
 * - `GET /bench/cached`: the same handler under `@CacheResponse()`: after the first request,
 *   every answer is a cache HIT replayed by the response cache interceptor.
 *
 * It reports its port to the parent over IPC (`{ port }`), its CPU time on the message `'cpu'`
 * (`{ cpuMicros }`), and exits on the message `'stop'`.
 */
import type { AddressInfo } from 'node:net';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CacheResponse, RestflowModule } from 'nestjs-restflow';
import { createHttpAdapter, parseHttpAdapterName } from '../apps/example/src/create-http-adapter';

/** Paths of the two routes the benchmark compares. */
export const HELLO_PATH = '/bench/hello';
export const CACHED_PATH = '/bench/cached';

/** The body both routes answer: the size of a small product detail. */
function body(): Record<string, unknown> {
  return { id: 100, name: 'Standing desk', price: '349.00', inStock: true, categoryId: 3 };
}

@Controller('bench')
export class CacheBenchController {
  @Get('hello')
  hello(): Record<string, unknown> {
    return body();
  }

  @CacheResponse({ public: true, ttl: 3600 })
  @Get('cached')
  cached(): Record<string, unknown> {
    return body();
  }
}

@Module({
  imports: [RestflowModule.forRoot({ globalExceptionFilter: true })],
  controllers: [CacheBenchController],
})
export class CacheBenchModule {}

async function main(): Promise<void> {
  const adapter = parseHttpAdapterName(process.env.BENCH_ADAPTER);
  const app = await NestFactory.create(CacheBenchModule, createHttpAdapter(adapter), {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as { address(): AddressInfo }).address();
  if (process.send) {
    process.on('message', (message) => {
      if (message === 'stop') void app.close().finally(() => process.exit(0));
      // CPU time the server spent so far, in microseconds: per request, it is the cost of a
      // route that the load of other processes on the machine does not blur.
      if (message === 'cpu') {
        const { user, system } = process.cpuUsage();
        process.send?.({ cpuMicros: user + system });
      }
    });
    process.send({ port });
  } else {
    console.log(`cache bench server (${adapter}) on http://127.0.0.1:${port}`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
