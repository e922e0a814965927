import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startExampleProcess, type ExampleProcess } from './utils/example-process';

/** The example app's start under NODE_ENV=production, as a child process (`npm start`'s main.ts). */
describe('the example app under NODE_ENV=production', () => {
  let cwd: string;
  let running: ExampleProcess | undefined;

  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'restflow-production-'));
  });

  afterEach(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGKILL');
      await running.exited;
    }
    running = undefined;
    rmSync(cwd, { recursive: true, force: true });
  });

  it('refuses to start without JWT_SIGNING_KEY, exiting 1 with the reason', async () => {
    await expect(
      startExampleProcess(cwd, 'express', { NODE_ENV: 'production', JWT_SIGNING_KEY: '' }),
    ).rejects.toThrow(
      /^The example app exited \(1\) before listening:\n[\s\S]*The application did not start: JWT_SIGNING_KEY is not set: production needs a fixed secret of 32\+ characters\./,
    );
  });

  it('starts with JWT_SIGNING_KEY, its blacklist in the database, and revokes at logout', async () => {
    running = await startExampleProcess(cwd, 'fastify', { NODE_ENV: 'production' });
    const login = await request(running.url)
      .post('/api/auth/token')
      .set('Host', 'localhost')
      .send({ username: 'alice', password: 'alice-password' })
      .expect(200);
    await request(running.url)
      .post('/api/auth/blacklist')
      .set('Host', 'localhost')
      .send({ refresh: login.body.refresh })
      .expect(204);
    await request(running.url)
      .post('/api/auth/refresh')
      .set('Host', 'localhost')
      .send({ refresh: login.body.refresh })
      .expect(401);
  });
});
