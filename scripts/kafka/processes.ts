/**
 * Detached JVMs tracked by pid files: start one, find it again from any later
 * command, stop it. Shared by the Kafka nodes and the ZooKeeper server.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export type Log = (line: string) => void;

export interface PidRecord {
  pid: number;
  version: string;
  startedAt: string;
}

/**
 * A process we started, found by its pid file. `marker` is a path only that process has
 * on its command line (its config file): it tells our process from a reused pid and
 * from the same node of another local cluster.
 */
export interface TrackedProcess {
  pidFile: string;
  marker: string;
  name: string;
}

const STOP_TIMEOUT_MS = 60_000;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readPid(pidFile: string): PidRecord | null {
  try {
    return JSON.parse(fs.readFileSync(pidFile, 'utf8')) as PidRecord;
  } catch {
    return null;
  }
}

/** The pid record when its process is alive and is the one we started, else null. */
export function runningProcess(tracked: TrackedProcess): PidRecord | null {
  const record = readPid(tracked.pidFile);
  if (!record) return null;
  try {
    const cmdline = fs.readFileSync(`/proc/${record.pid}/cmdline`, 'utf8');
    return cmdline.split('\0').includes(tracked.marker) ? record : null;
  } catch {
    return null;
  }
}

/** Starts `java args…` detached, output appended to `outFile`, and records its pid. */
export function startJava(tracked: TrackedProcess, version: string, args: string[], outFile: string): void {
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const out = fs.openSync(outFile, 'a');
  const child = spawn('java', args, { detached: true, stdio: ['ignore', out, out] });
  child.unref();
  fs.closeSync(out);
  if (child.pid === undefined) throw new Error(`Could not start java for ${tracked.name}.`);
  fs.mkdirSync(path.dirname(tracked.pidFile), { recursive: true });
  const record: PidRecord = { pid: child.pid, version, startedAt: new Date().toISOString() };
  fs.writeFileSync(tracked.pidFile, JSON.stringify(record));
}

/** SIGTERM, then SIGKILL after a minute; removes the pid file. */
export async function stopProcess(tracked: TrackedProcess, log: Log): Promise<void> {
  const running = runningProcess(tracked);
  if (!running) {
    log(`${tracked.name} is not running.`);
    fs.rmSync(tracked.pidFile, { force: true });
    return;
  }
  process.kill(running.pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (runningProcess(tracked) && Date.now() < deadline) await sleep(200);
  if (runningProcess(tracked)) {
    log(`${tracked.name} did not stop within ${STOP_TIMEOUT_MS / 1000}s; killing it.`);
    process.kill(running.pid, 'SIGKILL');
    while (runningProcess(tracked)) await sleep(100);
  }
  fs.rmSync(tracked.pidFile, { force: true });
  log(`${tracked.name} stopped.`);
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Refuses to start when another process (another local cluster, say) already listens on one of `ports`. */
export async function ensurePortsFree(ports: number[], what: string): Promise<void> {
  const open = await Promise.all(ports.map(portOpen));
  const taken = ports.filter((_, i) => open[i]);
  if (taken.length > 0) {
    throw new Error(
      `Port(s) ${taken.join(', ')} needed by ${what} are already in use (another cluster?): choose another KAFKA_PORT_OFFSET or stop that process.`,
    );
  }
}
