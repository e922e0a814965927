import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { AdapterName } from './adapters';

const ROOT = join(__dirname, '..', '..');
const REGISTER = join(__dirname, '..', 'swc-register.js');
const MAIN = join(ROOT, 'apps', 'example', 'src', 'main.ts');

/** The example app running as a child process (`node apps/example/src/main.ts`, no build). */
export interface ExampleProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with how it ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();

/**
 * SIGKILLs every example app this test file started that is still running: call it in `afterAll`,
 * so that a failed or timed-out test leaves no process behind.
 */
export function killExampleProcesses(): void {
  for (const child of running) {
    child.kill('SIGKILL');
  }
  running.clear();
}

/** A TCP port free right now on the loopback interface. */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') {
    throw new Error('No TCP port was assigned.');
  }
  return address.port;
}

/**
 * Starts the example app's main.ts from the TypeScript sources (through the swc require hook) in
 * `cwd`, so that its default database `data/example.sqlite` is under `cwd`, and resolves once it
 * listens. Rejects with its output if it exits first or takes longer than `timeoutMs`.
 */
export async function startExampleProcess(
  cwd: string,
  adapter: AdapterName,
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 120_000,
): Promise<ExampleProcess> {
  const port = await freeLoopbackPort();
  const child = spawn(process.execPath, ['-r', REGISTER, MAIN], {
    cwd,
    env: {
      ...process.env,
      PORT: String(port),
      HTTP_ADAPTER: adapter,
      JWT_SIGNING_KEY: 'example-app-process-signing-key-0123456789',
      DATABASE_URL: '',
      NO_COLOR: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const listening = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening at')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(({ code, signal }) =>
      reject(new Error(`The example app exited (${code ?? signal}) before listening:\n${output}`)),
    );
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`The example app did not listen within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([listening, timeout]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}
