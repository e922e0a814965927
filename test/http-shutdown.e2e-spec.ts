import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADAPTERS, createTestApp } from './utils/adapters';
import { startExampleProcess } from './utils/example-process';
import { HttpFixtureModule } from './fixtures/http/http.module';

interface Answer {
  status: number;
  body: string;
}

function get(port: number, path: string, agent: http.Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

describe.each(ADAPTERS)('graceful shutdown over %s', (adapter) => {
  let app: INestApplication;
  let port: number;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [HttpFixtureModule.withOptions()],
    }).compile();
    app = await createTestApp(moduleRef, adapter);
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer() as http.Server).address()
      ? ((app.getHttpServer() as http.Server).address() as AddressInfo).port
      : 0;
  });

  it('closes keep-alive connections under traffic at once and lets an in-flight request finish', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    let stopped = false;
    let served = 0;
    // Four clients re-using their connections as fast as they can, until the server is gone.
    const traffic = Array.from({ length: 4 }, async () => {
      while (!stopped) {
        try {
          await get(port, '/api/link', agent);
          served += 1;
        } catch {
          return;
        }
      }
    });
    // On a connection of its own, so that the request is surely in flight when the shutdown starts.
    const slowAgent = new http.Agent({ keepAlive: true });
    const slow = get(port, '/api/slow?ms=1500', slowAgent);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(served).toBeGreaterThan(0);

    const started = Date.now();
    await app.close();
    const elapsed = Date.now() - started;
    stopped = true;
    await Promise.all(traffic);
    // The answer is read before the agents go (the server has sent it once close() resolves).
    await expect(slow).resolves.toEqual({ status: 200, body: JSON.stringify({ slept: 1500 }) });
    agent.destroy();
    slowAgent.destroy();

    // Before connections were drained: about 7 s on Express, over 20 s on Fastify (keep-alive
    // timeouts of 5 s and 72 s).
    expect(elapsed).toBeLessThan(5_000);
    console.log(`${adapter}: app.close() took ${elapsed} ms under keep-alive traffic`);
  }, 20_000);

  it('closes an idle keep-alive connection at once', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    await get(port, '/api/link', agent);
    const started = Date.now();
    await app.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    agent.destroy();
  }, 20_000);
});

describe.each(ADAPTERS)('SIGTERM to the example app over %s', (adapter) => {
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'restflow-shutdown-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('exits within seconds under keep-alive traffic', async () => {
    const running = await startExampleProcess(cwd, adapter);
    const port = Number(new URL(running.url).port);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    let stopped = false;
    let answered = 0;
    const traffic = Array.from({ length: 4 }, async () => {
      while (!stopped) {
        try {
          await get(port, '/api/health', agent);
          answered += 1;
        } catch {
          return;
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(answered).toBeGreaterThan(0);

    const started = Date.now();
    running.child.kill('SIGTERM');
    await running.exited;
    const elapsed = Date.now() - started;
    stopped = true;
    await Promise.all(traffic);
    agent.destroy();

    // Before: Express waited for its 5 s keep-alive timeout, Fastify for its 72 s one.
    expect(elapsed).toBeLessThan(10_000);
    console.log(`${adapter}: SIGTERM to exit took ${elapsed} ms under keep-alive traffic`);
  }, 90_000);
});
