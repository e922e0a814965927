// The consumer smoke test. It sits beside the README tutorial's files (scripts/tutorial-files.js
// writes them into the app's src/), so it tests the tutorial as a reader builds it, from the
// installed nestjs-restflow tarball:
// 1. `node dist/main.js` (the tutorial's main.ts) answers the calls of the tutorial's step 9 with
//    the bodies the README shows;
// 2. the tutorial's AppModule and setupApp() on Express and on Fastify: a viewset with a
//    serializer, a filter set, pagination, a permission, the error envelope, the OpenAPI document
//    and the nestjs-restflow/testing entry point;
// 3. without cache-manager and keyv installed, the app served, and MemoryCacheStore names them.
// Exits non-zero on the first failure.
import 'reflect-metadata';
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import {
  fastifyFrameworkErrors,
  IsAuthenticated,
  MemoryCacheStore,
  RestflowConfigError,
} from 'nestjs-restflow';
import {
  forceAuthenticate,
  RestflowRequestFactory,
  RestflowTestClient,
} from 'nestjs-restflow/testing';
import { AppModule } from './app.module.js';
import { setupApp } from './app.setup.js';

type Adapter = 'express' | 'fastify';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, checked by asserts
type Reply = { status: number; body: any };

const KEY = { 'x-api-key': 'dev-key' };

async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Step 9 of the tutorial against `node dist/main.js`, with the README's answers. */
async function tutorialMain(): Promise<void> {
  const child = spawn(process.execPath, [join('dist', 'main.js')], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        output += chunk;
        const started = /Bookshop API on (http:\/\/\S+)/.exec(output);
        if (started?.[1]) resolve(started[1].replace('[::1]', '127.0.0.1'));
      });
      child.once('exit', (code) => reject(new Error(`dist/main.js exited (${code}): ${output}`)));
      setTimeout(() => reject(new Error(`dist/main.js did not start: ${output}`)), 30_000);
    });
    const created = await call(base, 'POST', '/books', { title: 'Dune', pages: 412 }, KEY);
    assert.deepEqual(created, { status: 201, body: { id: 1, title: 'Dune', pages: 412 } });
    const denied = await call(base, 'POST', '/books', { title: 'Emma', pages: 474 });
    assert.deepEqual(denied, {
      status: 403,
      body: {
        error: {
          code: 'permission_denied',
          message: 'Writing needs a valid X-Api-Key header.',
          details: {},
        },
      },
    });
    const filtered = await call(base, 'GET', '/books?pages__gte=400');
    assert.deepEqual(filtered, {
      status: 200,
      body: { count: 1, next: null, previous: null, results: [created.body] },
    });
    const invalid = await call(base, 'GET', '/books?pages__gte=many');
    assert.deepEqual(invalid, {
      status: 400,
      body: {
        error: {
          code: 'validation_error',
          message: 'Request validation failed.',
          details: { pages__gte: ['A valid integer is required.'] },
        },
      },
    });
    const docs = await fetch(`${base}/docs`);
    assert.equal(docs.status, 200, 'Swagger UI at /docs');
    console.log("tutorial main.ts: step 9's answers as the README shows them: ok");
  } finally {
    child.kill();
  }
}

async function boot(adapter: Adapter): Promise<{ app: INestApplication; base: string }> {
  const httpAdapter =
    adapter === 'fastify'
      ? new FastifyAdapter({ frameworkErrors: fastifyFrameworkErrors })
      : new ExpressAdapter();
  const app = await NestFactory.create(AppModule, httpAdapter, { logger: ['error', 'warn'] });
  setupApp(app);
  await app.listen(0, '127.0.0.1');
  return { app, base: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

async function smoke(adapter: Adapter): Promise<void> {
  const { app, base } = await boot(adapter);
  try {
    for (const [title, pages] of [
      ['Dune', 412],
      ['Emma', 474],
      ['Ubik', 202],
    ] as const) {
      const created = await call(base, 'POST', '/books', { title, pages }, KEY);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.title, title);
    }

    const page = await call(base, 'GET', '/books?page_size=2');
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
    assert.equal(denied.body.error.code, 'permission_denied');

    const invalid = await call(base, 'POST', '/books', { pages: 'x' }, KEY);
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.error.code, 'validation_error');
    assert.deepEqual(invalid.body.error.details.title, ['This field is required.']);
    assert.deepEqual(invalid.body.error.details.pages, ['A valid integer is required.']);

    const missing = await call(base, 'GET', '/books/999');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'not_found');

    const document = await call(base, 'GET', '/docs-json');
    assert.equal(document.status, 200);
    assert.match(document.body.openapi, /^3\./);
    assert.equal(document.body.info.title, 'Bookshop');
    assert.ok(document.body.paths['/books'], 'the document lists /books');
    assert.ok(document.body.paths['/books/{id}'], 'the document lists /books/{id}');

    // The second entry point, nestjs-restflow/testing, from the same tarball.
    const client = new RestflowTestClient(app);
    const viaClient = await client.post(
      '/books',
      { title: 'Solaris', pages: 204 },
      { headers: KEY },
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

/** The consumer apps leave out cache-manager and keyv: served above, and named when needed. */
function cachingNamesTheMissingPackage(): void {
  for (const name of ['cache-manager', 'keyv']) {
    assert.ok(
      !existsSync(join(process.cwd(), 'node_modules', name)),
      `${name} is installed in this consumer app: it must test an app without it`,
    );
  }
  assert.throws(
    () => new MemoryCacheStore(),
    (error: unknown) =>
      error instanceof RestflowConfigError && /npm install cache-manager/.test(error.message),
  );
  console.log('without cache-manager and keyv: the app served, MemoryCacheStore names them: ok');
}

async function main(): Promise<void> {
  await tutorialMain();
  await smoke('express');
  await smoke('fastify');
  cachingNamesTheMissingPackage();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
