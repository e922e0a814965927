/**
 * One contender's server, started by bench/run.ts in a child process:
 * `BENCH_CONTENDER=restflow|handwritten|crud|paginate|raw BENCH_ADAPTER=express|fastify node dist/server.js`.
 * It listens on a free loopback port and tells the parent over IPC (`{ port }`). It answers the
 * IPC message `'usage'` with its CPU time (`process.cpuUsage()`) and RSS, and exits on `'stop'`.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';

/**
 * Each contender's module, loaded only when it runs: a loaded module calls its
 * `TypeOrmModule.forRoot()`, and only one data source is wanted per process.
 */
const MODULES: Record<string, () => Promise<Type<unknown>>> = {
  restflow: async () => (await import('./restflow.app')).RestflowBenchModule,
  handwritten: async () => (await import('./handwritten.app')).HandwrittenBenchModule,
  crud: async () => (await import('./crud.app')).CrudBenchModule,
  paginate: async () => (await import('./paginate.app')).PaginateBenchModule,
};

async function listen(
  contender: string,
  adapter: string,
): Promise<{ port: number; close(): Promise<unknown> }> {
  if (contender === 'raw') {
    if (adapter !== 'fastify') throw new Error('The raw contender runs on Fastify only.');
    const { rawApp } = await import('./raw.app');
    const app = rawApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { port: (app.server.address() as AddressInfo).port, close: () => app.close() };
  }
  const load = MODULES[contender];
  if (!load) {
    throw new Error(
      `BENCH_CONTENDER "${contender}" is not one of raw, ${Object.keys(MODULES).join(', ')}.`,
    );
  }
  if (adapter !== 'express' && adapter !== 'fastify') {
    throw new Error(`BENCH_ADAPTER "${adapter}" is not express or fastify.`);
  }
  const app: INestApplication = await NestFactory.create(
    await load(),
    adapter === 'fastify' ? new FastifyAdapter() : new ExpressAdapter(),
    { logger: ['error', 'warn'], abortOnError: false },
  );
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as { address(): AddressInfo }).address();
  return { port, close: () => app.close() };
}

async function main(): Promise<void> {
  const contender = process.env.BENCH_CONTENDER ?? '';
  const adapter = process.env.BENCH_ADAPTER ?? 'fastify';
  const server = await listen(contender, adapter);
  if (!process.send) {
    console.log(`${contender} (${adapter}) listening on http://127.0.0.1:${server.port}`);
    return;
  }
  process.on('message', (message) => {
    if (message === 'usage') {
      const cpu = process.cpuUsage();
      process.send!({
        usage: { userMicros: cpu.user, systemMicros: cpu.system, rss: process.memoryUsage().rss },
      });
    } else if (message === 'stop') {
      void server.close().finally(() => process.exit(0));
    }
  });
  process.send({ port: server.port });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
