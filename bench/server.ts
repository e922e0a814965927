/**
 * The benchmark server, started by `run.ts` in a child process per adapter:
 * `BENCH_ADAPTER=express|fastify node dist/bench/bench/server.js`. It listens on a free loopback
 * port and reports it to the parent over IPC (`{ port }`), or prints it when run by hand. The
 * parent stops it with the IPC message `'stop'`: a normal exit, so that `--cpu-prof` writes its
 * profile.
 */
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { createHttpAdapter, parseHttpAdapterName } from '../apps/example/src/create-http-adapter';
import { BenchAppModule } from './bench-app.module';

async function main(): Promise<void> {
  const adapter = parseHttpAdapterName(process.env.BENCH_ADAPTER);
  const app = await NestFactory.create(BenchAppModule, createHttpAdapter(adapter), {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
  const { port } = (app.getHttpServer() as { address(): AddressInfo }).address();
  if (process.send) {
    process.on('message', (message) => {
      if (message === 'stop') {
        void app.close().finally(() => process.exit(0));
      }
    });
    process.send({ port });
  } else {
    console.log(`bench server (${adapter}) listening on http://127.0.0.1:${port}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
