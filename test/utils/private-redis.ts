import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { freePort } from './free-port';

/**
 * A Redis server of one test file, on a free port, that the test may kill and restart on the
 * same port: fault tests never touch the machine's shared Redis (toolchain pitfall 18).
 */
export interface PrivateRedis {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  /** Kills the server (SIGKILL); its data is gone. */
  kill(): Promise<void>;
  /** Starts the server again on the same port (nothing when it runs). */
  start(): Promise<void>;
  /** Kills the server for good. */
  destroy(): Promise<void>;
}

/** Starts `redis-server` (from PATH) without persistence on 127.0.0.1 and a free port. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let server: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    if (server && server.exitCode === null && server.signalCode === null) return;
    server = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await waitFor(port, true);
  };
  const kill = async (): Promise<void> => {
    const child = server;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    await waitFor(port, false);
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, kill, start, destroy: kill };
}

/** Waits until the port accepts connections (`open`) or refuses them. */
async function waitFor(port: number, open: boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const accepting = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (accepting === open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Redis on port ${port} did not ${open ? 'start' : 'stop'} within 10 s.`);
}
