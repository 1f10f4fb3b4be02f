/**
 * A real PostgreSQL (Debian's package) on loopback, for tests and benchmarks: a fresh cluster made with
 * initdb in a temporary directory, trust authentication on 127.0.0.1 only, one database.
 * PostgreSQL refuses to run as root, so under root the server runs as the `postgres` user
 * (runuser); otherwise as whoever runs the tests. `stop()` is a fast shutdown;
 * `restart()` is for tests of a server that goes away and comes back.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { POSTGRES, POSTGRES_BIN_DIR } from './debian-tools';

export interface RunningPostgres {
  /** postgres://postgres@127.0.0.1:port/watermark */
  url: string;
  port: number;
  /** Stops the server (fast shutdown) and removes its directory. */
  stop(): Promise<void>;
  /** Stops the server (fast shutdown, every connection dropped) and starts it again on the same data and port. */
  restart(): Promise<void>;
  /** Stops the server, keeping its data, until `up()`. */
  down(): Promise<void>;
  /** Starts the server stopped by `down()` on the same data and port. */
  up(): Promise<void>;
}

const isRoot = process.getuid?.() === 0;
const SERVER_USER = 'postgres';

/** Runs a PostgreSQL binary as the user the server runs as. */
function asServerUser(binary: string, args: string[]): { command: string; args: string[] } {
  const full = path.join(POSTGRES_BIN_DIR, binary);
  return isRoot ? { command: 'runuser', args: ['-u', SERVER_USER, '--', full, ...args] } : { command: full, args };
}

function ownedByServerUser(dir: string): void {
  if (!isRoot) return;
  const { status, stderr } = spawnSync('chown', ['-R', `${SERVER_USER}:`, dir], { encoding: 'utf8' });
  if (status !== 0) throw new Error(`chown ${dir} to ${SERVER_USER} failed: ${stderr}`);
}

/** `fsync`: write to disk as a production server does (a benchmark); tests leave it off. */
export async function startPostgres(port: number, options: { fsync?: boolean } = {}): Promise<RunningPostgres> {
  if (!fs.existsSync(POSTGRES.path)) {
    throw new Error(`${POSTGRES.name} not found at ${POSTGRES.path}: apt-get install -y ${POSTGRES.pkg}`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watermark-postgres-'));
  fs.chmodSync(dir, 0o755);
  const data = path.join(dir, 'data');
  fs.mkdirSync(data, { mode: 0o700 });
  ownedByServerUser(dir);
  const init = asServerUser('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const initialised = spawnSync(init.command, init.args, { encoding: 'utf8' });
  if (initialised.status !== 0) throw new Error(`initdb failed: ${initialised.stderr}${initialised.stdout}`);

  let child: ChildProcess | null = null;
  let output: string[] = [];
  const url = `postgres://postgres@127.0.0.1:${port}/watermark`;
  const launch = async () => {
    output = [];
    // fsync off for tests: a test server, its data thrown away after.
    const durable = options.fsync ? 'on' : 'off';
    const server = asServerUser('postgres', [
      ...['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1'],
      ...['-c', `fsync=${durable}`, '-c', `full_page_writes=${durable}`, '-c', 'max_connections=50'],
    ]);
    const started = spawn(server.command, server.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    started.stdout?.on('data', (chunk) => output.push(String(chunk)));
    started.stderr?.on('data', (chunk) => output.push(String(chunk)));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (started.exitCode !== null) throw new Error(`PostgreSQL exited with ${started.exitCode}: ${output.join('')}`);
      const ready = asServerUser('pg_isready', ['-h', '127.0.0.1', '-p', String(port)]);
      if (spawnSync(ready.command, ready.args).status === 0) break;
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not start within 30 s: ${output.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const ended = () =>
    new Promise<void>((resolve) => {
      const current = child;
      if (!current || current.exitCode !== null || current.signalCode !== null) return resolve();
      current.once('exit', () => resolve());
    });
  const signal = async (name: NodeJS.Signals) => {
    const current = child;
    const wait = ended();
    // Under runuser the server is runuser's child: signal the whole process group's server by its pid file.
    const pidFile = path.join(data, 'postmaster.pid');
    const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]) : NaN;
    if (Number.isInteger(pid)) process.kill(pid, name);
    else current?.kill(name);
    await wait;
  };

  await launch();
  const create = spawnSync(
    asServerUser('psql', []).command,
    [
      ...asServerUser('psql', []).args,
      ...['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', 'CREATE DATABASE watermark'],
    ],
    { encoding: 'utf8' },
  );
  if (create.status !== 0) throw new Error(`CREATE DATABASE failed: ${create.stderr}`);

  return {
    url,
    port,
    stop: async () => {
      await signal('SIGINT');
      fs.rmSync(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await signal('SIGINT');
      await launch();
    },
    down: () => signal('SIGINT'),
    up: launch,
  };
}
