import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { freePort } from './free-port';

/** Debian keeps the server binaries out of PATH; override with PRIVATE_POSTGRES_BIN. */
const BIN = process.env.PRIVATE_POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL server of one test file, on a free port, that the test may freeze, resume, kill
 * and restart: fault tests never touch the machine's shared server (toolchain pitfall 18).
 */
export interface PrivatePostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`. */
  readonly url: string;
  readonly port: number;
  /** SIGSTOP to the postmaster and every backend: connections stay open, nothing answers. */
  freeze(): void;
  /** SIGCONT to the same processes. */
  resume(): void;
  /** Kills the server (SIGKILL to the postmaster and its backends); `start()` brings it back. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and data folder. */
  start(): Promise<void>;
  /** Stops the server and removes its data folder. */
  destroy(): Promise<void>;
}

/**
 * Creates a data folder owned by the `postgres` user (the server refuses to run as root) and
 * starts a server on it, with trust authentication on 127.0.0.1 only.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const folder = mkdtempSync(join(tmpdir(), 'restflow-pg-'));
  const { uid, gid } = postgresUser();
  chownSync(folder, uid, gid);
  const data = join(folder, 'data');
  execFileSync(
    `${BIN}/initdb`,
    ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'],
    { uid, gid, stdio: 'ignore', env: { ...process.env, LC_ALL: 'C' } },
  );
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let server: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const child = spawn(
      `${BIN}/postgres`,
      ['-D', data, '-p', String(port), '-k', folder, '-c', 'listen_addresses=127.0.0.1'].concat([
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
      ]),
      { uid, gid, stdio: 'ignore', env: { ...process.env, LC_ALL: 'C' } },
    );
    server = child;
    await waitUntilReady(url, child);
  };
  const signalAll = (signal: NodeJS.Signals): void => {
    const pid = server?.pid;
    if (pid === undefined || server?.exitCode !== null) return;
    // The postmaster first when stopping, last when resuming, so it never sees its children
    // change state while it runs.
    const backends = childrenOf(pid);
    const order = signal === 'SIGCONT' ? [...backends, pid] : [pid, ...backends];
    for (const target of order) {
      try {
        process.kill(target, signal);
      } catch {
        // The process ended meanwhile.
      }
    }
  };
  const kill = async (): Promise<void> => {
    const child = server;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    signalAll('SIGCONT');
    signalAll('SIGKILL');
    await exited;
    // Backends notice the postmaster's death and exit on their own; wait for the port.
    await waitForPortClosed(port);
  };

  await start();
  return {
    url,
    port,
    freeze: () => signalAll('SIGSTOP'),
    resume: () => signalAll('SIGCONT'),
    kill,
    start,
    destroy: async () => {
      await kill();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

function postgresUser(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new Error('No "postgres" user on this machine: install the postgresql server package.');
  }
  return { uid: Number(uid), gid: Number(gid) };
}

/** The PIDs whose parent is `pid` (the postmaster's backends and helper processes). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) children.push(Number(entry));
    } catch {
      // The process ended while listing.
    }
  }
  return children;
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`The private PostgreSQL server exited with code ${child.exitCode}.`);
    }
    const source = new DataSource({ type: 'postgres', url, connectTimeoutMS: 1000 });
    try {
      await source.initialize();
      await source.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      if (source.isInitialized) await source.destroy();
    }
  }
}

async function waitForPortClosed(port: number): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (!open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
