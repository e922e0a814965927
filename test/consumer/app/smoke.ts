// The consumer smoke test: boots the app from the installed nestjs-restflow tarball on Express
// and on Fastify, and checks over HTTP a viewset with a serializer, a filter set, pagination, a
// permission, the error envelope and the OpenAPI document. Exits non-zero on the first failure.
import 'reflect-metadata';
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder } from '@nestjs/swagger';
import {
  configureRestflowHttp,
  fastifyFrameworkErrors,
  IsAuthenticated,
  MemoryCacheStore,
  RestflowConfigError,
  RestflowOpenApi,
} from 'nestjs-restflow';
import {
  forceAuthenticate,
  RestflowRequestFactory,
  RestflowTestClient,
} from 'nestjs-restflow/testing';
import { AppModule } from './app.module.js';

type Adapter = 'express' | 'fastify';

async function boot(adapter: Adapter): Promise<{ app: INestApplication; base: string }> {
  const httpAdapter =
    adapter === 'fastify'
      ? new FastifyAdapter({ frameworkErrors: fastifyFrameworkErrors })
      : new ExpressAdapter();
  const app = await NestFactory.create(AppModule, httpAdapter, { logger: ['error', 'warn'] });
  configureRestflowHttp(app);
  RestflowOpenApi.setup(app, 'docs', new DocumentBuilder().setTitle('consumer').build());
  await app.listen(0, '127.0.0.1');
  return { app, base: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, checked by asserts
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function smoke(adapter: Adapter): Promise<void> {
  const { app, base } = await boot(adapter);
  try {
    const writer = { 'x-writer': 'yes' };
    for (const [title, pages] of [
      ['Dune', 412],
      ['Emma', 474],
      ['Ubik', 202],
    ] as const) {
      const created = await call(base, 'POST', '/books', { title, pages }, writer);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.title, title);
    }

    const page = await call(base, 'GET', '/books');
    assert.equal(page.status, 200);
    assert.equal(page.body.count, 3);
    assert.equal(page.body.results.length, 2);
    assert.match(page.body.next, /page=2/);

    const filtered = await call(base, 'GET', '/books?pages__gte=400');
    const titles = (filtered.body.results as { title: string }[]).map((book) => book.title);
    assert.deepEqual(titles.sort(), ['Dune', 'Emma']);
    const badFilter = await call(base, 'GET', '/books?pages__gte=many');
    assert.equal(badFilter.status, 400);
    assert.equal(badFilter.body.error.code, 'validation_error');
    assert.ok(badFilter.body.error.details['pages__gte']);

    const denied = await call(base, 'POST', '/books', { title: 'Nope', pages: 1 });
    assert.equal(denied.status, 403);
    assert.deepEqual(denied.body.error.code, 'permission_denied');
    assert.equal(denied.body.error.message, 'Only writers may change books.');

    const invalid = await call(base, 'POST', '/books', { pages: 'x' }, writer);
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.error.code, 'validation_error');
    assert.ok(invalid.body.error.details.title);

    const missing = await call(base, 'GET', '/books/999');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'not_found');

    const document = await call(base, 'GET', '/docs-json');
    assert.equal(document.status, 200);
    assert.match(document.body.openapi, /^3\./);
    assert.ok(document.body.paths['/books'], 'the document lists /books');
    assert.ok(document.body.paths['/books/{id}'], 'the document lists /books/{id}');
    // The second entry point, nestjs-restflow/testing, from the same tarball.
    const client = new RestflowTestClient(app);
    const viaClient = await client.post(
      '/books',
      { title: 'Solaris', pages: 204 },
      {
        headers: writer,
      },
    );
    assert.equal(viaClient.status, 201);
    const request = new RestflowRequestFactory().post('/books', {});
    assert.equal(new IsAuthenticated().hasPermission(request), false);
    assert.equal(new IsAuthenticated().hasPermission(forceAuthenticate(request, { id: 1 })), true);
    console.log(
      `${adapter}: viewset, serializer, filter set, pagination, permission, envelope, OpenAPI, testing entry point: ok`,
    );
  } finally {
    await app.close();
  }
}

function cachingNamesTheMissingPackage(): void {
  if (existsSync(join(process.cwd(), 'node_modules', 'cache-manager'))) {
    console.log('cache-manager is installed: the missing-package check is left out');
    return;
  }
  assert.throws(
    () => new MemoryCacheStore(),
    (error: unknown) =>
      error instanceof RestflowConfigError && /npm install cache-manager/.test(error.message),
  );
  console.log('without cache-manager: the app serves, MemoryCacheStore names the package: ok');
}

async function main(): Promise<void> {
  await smoke('express');
  await smoke('fastify');
  cachingNamesTheMissingPackage();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
